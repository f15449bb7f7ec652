using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using static GruNative.Tests.Weights.SafeTensorsTestKit;

namespace GruNative.Tests.Weights;

/// <summary>
/// Corrupt, truncated and hostile safetensors input. The contract under test: every bad input raises
/// <see cref="WeightsFormatException"/> (never another exception type, never a crash, never a large allocation
/// or unbounded time), with a message naming the source and, when there is one, the tensor.
/// </summary>
public class SafeTensorsHostileInputTests
{
    // A small valid file used as the base of many hostile variants: one F32 tensor "t" of shape [2, 3].
    private static readonly byte[] SixFloats = F32(0, 1, 2, 3, 4, 5);

    private static string OneTensor(string name = "t", string dtype = "F32", string shape = "[2,3]", string offsets = "[0,24]") =>
        $"{{\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}}}";

    // ---- 1. truncation -------------------------------------------------------------------------------------

    public static TheoryData<string, ReadVia> ModelsAndReaders()
    {
        var data = new TheoryData<string, ReadVia>();
        foreach (var model in new[] { "gru", "lstm" })
        {
            foreach (var via in InMemoryReaders)
                data.Add(model, via);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndReaders))]
    public void EveryTruncationOfAValidFileIsAFormatError(string model, ReadVia via)
    {
        byte[] file = SafeTensorsWeights.ToBytes(ModelByName(model));
        ModelLoads(via, file); // the untruncated file is valid, so every failure below is due to the cut

        for (int length = 0; length < file.Length; length++)
        {
            string source = "";
            var outcome = Record.Exception(() => ReadModel(via, file[..length], out source));
            if (outcome is not WeightsFormatException ex)
                throw new Xunit.Sdk.XunitException($"{model} truncated to {length} of {file.Length} bytes via {via}: expected WeightsFormatException, got {outcome?.GetType().Name ?? "success"}: {outcome}");
            AssertMessage(ex, source, null);
        }
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void TruncatedFilesOnDiskAreFormatErrors(string model)
    {
        byte[] file = SafeTensorsWeights.ToBytes(ModelByName(model));
        int header = HeaderLength(file);
        // The interesting cut points: empty, inside the length, just after it, inside the header, at its end,
        // inside the data, one byte short.
        foreach (int length in new[] { 0, 1, 7, 8, 9, 8 + header / 2, 8 + header, 8 + header + 1, (file.Length + 8 + header) / 2, file.Length - 1 })
            ModelFails(ReadVia.Path, file[..length]);
    }

    [Theory]
    [MemberData(nameof(ModelsAndReadersAndPath))]
    public void BytesAppendedAfterTheLastTensorAreAFormatError(string model, ReadVia via)
    {
        byte[] file = SafeTensorsWeights.ToBytes(ModelByName(model));
        foreach (var tail in new[] { new byte[] { 0 }, new byte[] { 0x20 }, new byte[4], Encoding.ASCII.GetBytes("garbage at the end") })
            ModelFails(via, Concat(file, tail), null, "MetadataIncompleteBuffer");
    }

    public static TheoryData<string, ReadVia> ModelsAndReadersAndPath()
    {
        var data = ModelsAndReaders();
        data.Add("gru", ReadVia.Path);
        data.Add("lstm", ReadVia.Path);
        return data;
    }

    // ---- 2. random corruption ------------------------------------------------------------------------------

    /// <summary>
    /// Replaces random bytes (one, or several across header and data) with random values. Each outcome must be a
    /// clean success or a <see cref="WeightsFormatException"/>. On success the tensors must be exactly the floats
    /// now stored at the original offsets: a corrupted header may legitimately still parse (a changed metadata
    /// value, a space turned into a newline) but must never silently move data between tensors.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelsAndReaders))]
    public void RandomByteCorruptionLoadsOrFailsCleanly(string model, ReadVia via)
    {
        var original = ModelByName(model);
        byte[] file = SafeTensorsWeights.ToBytes(original);
        int dataStart = 8 + HeaderLength(file);
        var layout = SafeTensorsFile.Parse(file).Tensors; // offset order; the data section is contiguous
        var random = new Random(20240611 + model.Length * 7 + (int)via);
        int trials = via == ReadVia.TrickleStream ? 600 : 1500;
        int successes = 0, dataFlipsChecked = 0;

        for (int trial = 0; trial < trials; trial++)
        {
            byte[] corrupt = (byte[])file.Clone();
            int flips = trial % 3 == 0 ? 1 + random.Next(6) : 1;
            // Half the single flips target the data section, where the expected outcome is exactly predictable.
            bool dataOnly = flips == 1 && trial % 2 == 0;
            var positions = new int[flips];
            for (int f = 0; f < flips; f++)
            {
                positions[f] = dataOnly ? dataStart + random.Next(file.Length - dataStart) : random.Next(file.Length);
                corrupt[positions[f]] ^= (byte)(1 + random.Next(255));
            }

            string source = "";
            ModelWeights? loaded = null;
            var outcome = Record.Exception(() => loaded = ReadModel(via, corrupt, out source));
            string what = $"{model} via {via}, trial {trial}, bytes changed at [{string.Join(", ", positions)}] (data starts at {dataStart})";
            if (outcome is not null and not WeightsFormatException)
                throw new Xunit.Sdk.XunitException($"{what}: expected success or WeightsFormatException, got {outcome}");

            if (outcome is WeightsFormatException ex)
                AssertMessage(ex, source, null);
            else
            {
                successes++;
                AssertTensorsMatchBytes(loaded!, corrupt, dataStart, layout, what);
                Assert.Equal(original.Spec, loaded!.Spec);
            }

            if (dataOnly)
            {
                // A single changed data byte: the load must succeed iff the float it lands in is still finite.
                dataFlipsChecked++;
                int relative = positions[0] - dataStart;
                var tensor = layout.First(t => relative >= Offset(layout, t) && relative < Offset(layout, t) + t.Data.Length);
                int floatStart = dataStart + (relative & ~3);
                float value = BinaryPrimitives.ReadSingleLittleEndian(corrupt.AsSpan(floatStart));
                if (float.IsFinite(value))
                    Assert.True(outcome is null, $"{what}: finite value {value} in {tensor.Name} should load, got {outcome}");
                else
                {
                    var bad = Assert.IsType<WeightsFormatException>(outcome);
                    Assert.Equal(tensor.Name, bad.TensorName);
                    Assert.Contains(tensor.Name, bad.Message, StringComparison.Ordinal);
                }
            }
        }
        Assert.True(successes > 0 && dataFlipsChecked > trials / 4, $"the trial mix is degenerate: {successes} successes, {dataFlipsChecked} data flips");
    }

    private static long Offset(System.Collections.Generic.IReadOnlyList<SafeTensor> layout, SafeTensor tensor)
    {
        long offset = 0;
        foreach (var t in layout)
        {
            if (ReferenceEquals(t, tensor))
                return offset;
            offset += t.Data.Length;
        }
        throw new InvalidOperationException();
    }

    private static void AssertTensorsMatchBytes(ModelWeights loaded, byte[] file, int dataStart, System.Collections.Generic.IReadOnlyList<SafeTensor> layout, string what)
    {
        var byName = TensorsOf(loaded).ToDictionary(t => t.Name, t => t.Values);
        long offset = 0;
        foreach (var tensor in layout)
        {
            var expected = new float[tensor.Data.Length / 4];
            for (int i = 0; i < expected.Length; i++)
                expected[i] = BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(dataStart + (int)offset + 4 * i));
            Assert.True(Bits(expected).SequenceEqual(Bits(byName[tensor.Name])), $"{what}: {tensor.Name} does not hold the bytes at its offsets");
            offset += tensor.Data.Length;
        }
    }

    // ---- 3. hostile header lengths ---------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LengthsAndReaders))]
    public void HeaderLengthAboveTheLimitIsHeaderTooLarge(ulong declared, ReadVia via)
    {
        // The length field is checked before anything is allocated or read, whatever the stream can deliver.
        byte[] file = Raw(Encoding.UTF8.GetBytes("{}      "), declaredLength: declared);
        FileFails(via, file, null, "HeaderTooLarge", declared.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ModelFails(via, file, null, "HeaderTooLarge");
    }

    public static TheoryData<ulong, ReadVia> LengthsAndReaders()
    {
        var data = new TheoryData<ulong, ReadVia>();
        foreach (ulong length in new[] { 1UL << 63, ulong.MaxValue, 100_000_001UL, (1UL << 32) + 8, long.MaxValue + 1UL })
        {
            foreach (var via in InMemoryReaders.Append(ReadVia.Path))
                data.Add(length, via);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReadersAndPath), MemberType = typeof(SafeTensorsTestKit))]
    public void HeaderLengthBeyondTheFileIsInvalidHeaderLength(ReadVia via)
    {
        var header = Encoding.UTF8.GetBytes("{}      ");
        foreach (ulong declared in new ulong[] { 9, 64, 100_000_000 })
            FileFails(via, Raw(header, declaredLength: declared), null, "InvalidHeaderLength");
    }

    [Theory]
    [MemberData(nameof(Readers), MemberType = typeof(SafeTensorsTestKit))]
    public void FewerThanEightBytesIsHeaderTooSmall(ReadVia via)
    {
        for (int n = 0; n < 8; n++)
            FileFails(via, new byte[n], null, "HeaderTooSmall");
    }

    [Fact]
    public void NonSeekableStreamClaimingAHugeHeaderDoesNotAllocateIt()
    {
        // 99 MB is under the 100 MB limit, so only the bytes that actually arrive may cost memory.
        byte[] prefix = Raw(Encoding.UTF8.GetBytes("{\"a\":{\"dtype\":\"F32\""), declaredLength: 99_000_000);
        AssertSmallAllocation(() => SafeTensorsFile.Read(new NonSeekableStream(prefix), Source), "InvalidHeaderLength");
        AssertSmallAllocation(() => SafeTensorsWeights.Read(new NonSeekableStream(prefix, maxChunk: 5), Source), "InvalidHeaderLength");
        // The same claim on a seekable stream and on a span is refused from the lengths alone.
        AssertSmallAllocation(() => SafeTensorsFile.Read(new MemoryStream(prefix), Source), "InvalidHeaderLength");
        AssertSmallAllocation(() => SafeTensorsFile.Parse(prefix, Source), "InvalidHeaderLength");
    }

    [Fact]
    public void NonSeekableStreamClaimingAHugeDataSectionDoesNotAllocateIt()
    {
        // A valid header promising a 1.5 GB tensor, followed by 8 bytes: the reader must not trust the promise.
        byte[] file = Raw(OneTensor(shape: "[375000000]", offsets: "[0,1500000000]"), new byte[8]);
        AssertSmallAllocation(() => SafeTensorsFile.Read(new NonSeekableStream(file), Source), "MetadataIncompleteBuffer");
        AssertSmallAllocation(() => SafeTensorsWeights.Read(new MemoryStream(file), Source), "MetadataIncompleteBuffer");
        AssertSmallAllocation(() => SafeTensorsWeights.Read(file, Source), "MetadataIncompleteBuffer");

        // Beyond what one array can hold, a non-seekable stream is refused before reading the data at all.
        byte[] huge = Raw(OneTensor(dtype: "F64", shape: "[1000000000]", offsets: "[0,8000000000]"), new byte[8]);
        AssertSmallAllocation(() => SafeTensorsFile.Read(new NonSeekableStream(huge), Source), "exceeds");
    }

    private static void AssertSmallAllocation(Func<object> read, string problem)
    {
        // Warm up once so JIT and first-call costs are not counted.
        Assert.Throws<WeightsFormatException>(read);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<WeightsFormatException>(read);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(problem, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(allocated < 4 << 20, $"reading allocated {allocated:N0} bytes");
    }

    // ---- 3. hostile offsets and shapes -----------------------------------------------------------------------

    public static TheoryData<string, int, string, string> BadOffsets() => new()
    {
        // header, data bytes, tensor named, problem
        { OneTensor(offsets: "[-24,0]"), 24, "t", "data_offsets" },
        { OneTensor(offsets: "[0,-24]"), 24, "t", "data_offsets" },
        { OneTensor(offsets: "[24,0]"), 24, "t", "InvalidOffset" },
        { OneTensor(offsets: "[8,32]"), 32, "t", "InvalidOffset" },                   // does not start at 0
        { OneTensor(offsets: "[0,28]"), 28, "t", "TensorInvalidInfo" },               // span ≠ shape × 4
        { OneTensor(offsets: "[0,48]"), 24, "t", "TensorInvalidInfo" },
        { OneTensor(offsets: "[0]"), 24, "t", "two integers" },
        { OneTensor(offsets: "[0,24,48]"), 24, "t", "two integers" },
        { OneTensor(offsets: "[]"), 24, "t", "two integers" },
        { "{" + Entry("a", "F32", [2, 3], 0, 24) + "," + Entry("b", "F32", [2, 3], 16, 40) + "}", 40, "b", "InvalidOffset" }, // overlap
        { "{" + Entry("a", "F32", [2, 3], 0, 24) + "," + Entry("b", "F32", [2, 3], 28, 52) + "}", 52, "b", "InvalidOffset" }, // gap
        { "{" + Entry("a", "F32", [2, 3], 0, 24) + "," + Entry("b", "F32", [2, 3], 0, 24) + "}", 24, null!, "InvalidOffset" }, // same span twice
        { "{" + Entry("a", "F32", [2, 3], 24, 48) + "," + Entry("b", "F32", [2, 3], 48, 24) + "}", 48, null!, "InvalidOffset" }, // reversed second
        { OneTensor(shape: "[4611686018427387904,4]", offsets: "[0,24]"), 24, "t", "ValidationOverflow" },   // [2^62, 4]: 2^64 elements
        { OneTensor(shape: "[2147483648,2147483648]", dtype: "F64", offsets: "[0,24]"), 24, "t", "ValidationOverflow" }, // 2^62 × 8 bytes
        { OneTensor(shape: "[65536,65536,65536,65536]", offsets: "[0,24]"), 24, "t", "ValidationOverflow" },
        // Offsets far beyond the data: MetadataIncompleteBuffer, or for a non-seekable stream (which cannot know the
        // length up front) "the data section ... exceeds what one buffer can hold"; both name the data section.
        { OneTensor(shape: "[9223372036854775807]", dtype: "U8", offsets: "[0,9223372036854775807]"), 24, null!, "data section" },
        { OneTensor(shape: "[1099511627776]", offsets: "[0,4398046511104]"), 24, null!, "data section" },
    };

    [Theory]
    [MemberData(nameof(BadOffsets))]
    public void BadOffsetsAndShapesAreFormatErrors(string header, int dataBytes, string? tensor, string problem)
    {
        byte[] file = Raw(header, new byte[dataBytes]);
        foreach (var via in InMemoryReaders)
        {
            var ex = FileFails(via, file, tensor, problem);
            if (tensor is null && problem == "InvalidOffset")
                Assert.NotNull(ex.TensorName); // offset problems always concern one tensor
            ModelFails(via, file);
        }
    }

    [Theory]
    [MemberData(nameof(Readers), MemberType = typeof(SafeTensorsTestKit))]
    public void OffsetsBeyondOrShortOfTheDataAreMetadataIncompleteBuffer(ReadVia via)
    {
        FileFails(via, Raw(OneTensor(), SixFloats[..20]), null, "MetadataIncompleteBuffer");
        FileFails(via, Raw(OneTensor(), Concat(SixFloats, new byte[4])), null, "MetadataIncompleteBuffer");
        FileFails(via, Raw("{}", new byte[1]), null, "MetadataIncompleteBuffer");
        FileLoads(via, Raw(OneTensor(), SixFloats)); // the base case is valid
    }

    public static TheoryData<string, string> BadNumbers() => new()
    {
        { "shape", "[-1,3]" }, { "shape", "[2.0,3]" }, { "shape", "[2.5,3]" }, { "shape", "[2e0,3]" }, { "shape", "[\"2\",3]" },
        { "shape", "[true,3]" }, { "shape", "[null,3]" }, { "shape", "[[2],3]" }, { "shape", "[9223372036854775808,3]" },
        { "shape", "[18446744073709551616,3]" }, { "shape", "[02,3]" }, { "shape", "[+2,3]" }, { "shape", "[0x2,3]" },
        { "shape", "6" }, { "shape", "\"[2,3]\"" }, { "shape", "null" }, { "shape", "{}" },
        { "data_offsets", "[0,-24]" }, { "data_offsets", "[0.0,24]" }, { "data_offsets", "[0,24.0]" }, { "data_offsets", "[0,2.4e1]" },
        { "data_offsets", "[\"0\",\"24\"]" }, { "data_offsets", "[0,18446744073709551615]" }, { "data_offsets", "{\"0\":24}" },
        { "data_offsets", "[0,NaN]" }, { "data_offsets", "[0,Infinity]" }, { "data_offsets", "null" },
    };

    [Theory]
    [MemberData(nameof(BadNumbers))]
    public void NonIntegerNegativeOrOversizedNumbersAreFormatErrors(string field, string value)
    {
        string header = field == "shape" ? OneTensor(shape: value) : OneTensor(offsets: value);
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw(header, SixFloats));
    }

    // serde_json reads -0, 1.0 and 1e2 as floats, and the reference's u64/usize fields refuse a float, however whole:
    // an integer field takes an integer token (issue 17: "data_offsets": [-0, 4] was the one file of a hostile corpus
    // read differently from the reference).
    public static TheoryData<string, string> WholeNumbersThatAreNotIntegerTokens() => new()
    {
        { "data_offsets", "[-0,24]" }, { "data_offsets", "[0,-0]" }, { "data_offsets", "[-0.0,24]" }, { "data_offsets", "[0e0,24]" },
        { "data_offsets", "[0E0,24]" }, { "data_offsets", "[0,24e0]" }, { "data_offsets", "[0,2.4E1]" }, { "data_offsets", "[0,24.00]" },
        { "data_offsets", "[0,240e-1]" }, { "data_offsets", "[0,2.4e+1]" },
        { "shape", "[-0,3]" }, { "shape", "[2,-0]" }, { "shape", "[1e0,6]" }, { "shape", "[2,3.0]" }, { "shape", "[2,3E0]" },
        { "shape", "[20e-1,3]" },
    };

    [Theory]
    [MemberData(nameof(WholeNumbersThatAreNotIntegerTokens))]
    public void WholeNumbersWrittenAsFloatsAreRefusedLikeTheReference(string field, string value)
    {
        string header = field == "shape" ? OneTensor(shape: value) : OneTensor(offsets: value);
        foreach (var via in InMemoryReaders.Append(ReadVia.Path))
        {
            var ex = FileFails(via, Raw(header, SixFloats), "t", field);
            Assert.Contains("not an integer", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AZeroWrittenAsZeroIsStillAnInteger()
    {
        // The digit check must not refuse the plain tokens: 0 as an offset and as a dimension.
        FileLoads(ReadVia.Span, Raw("{\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]}}", []));
    }

    // ---- 3. hostile JSON -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[")]
    [InlineData("{\"a\":[")]
    [InlineData("{\"a\":{\"shape\":[")]
    [InlineData("{\"a\":{\"a\":")]
    [InlineData("{\"__metadata__\":{\"a\":[")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":[")]
    public void DeeplyNestedJsonFailsFastWithoutStackOverflow(string prefix)
    {
        // 100 000 levels: a recursive parser would overflow the stack, which no catch can stop.
        string opener = prefix.EndsWith('[') ? "[" : "{\"a\":";
        var json = new StringBuilder(prefix);
        for (int i = 0; i < 100_000; i++)
            json.Append(opener);
        byte[] file = Raw(json.ToString());
        var clock = Stopwatch.StartNew();
        foreach (var via in InMemoryReaders)
            ModelFails(via, file);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void DeeplyNestedJsonInsideAMetadataValueFailsCleanly()
    {
        // GruNative's list-valued keys hold JSON inside a string; that inner parser must be just as bounded.
        string nested = new string('[', 100_000) + new string(']', 100_000);
        foreach (var via in InMemoryReaders)
            ModelFails(via, WithMetadata(Gru(), WeightsMetadata.InputColumns, nested), WeightsMetadata.InputColumns);
    }

    [Fact]
    public void HugeJunkHeaderFailsInBoundedTime()
    {
        // 10 MB inside one unterminated string, then 10 MB of an unterminated array of numbers.
        byte[] junk = Raw("{\"" + new string('x', 10 << 20));
        byte[] numbers = Raw("{\"t\":{\"shape\":[" + string.Concat(Enumerable.Repeat("1234567,", (10 << 20) / 8)));
        var clock = Stopwatch.StartNew();
        foreach (var via in new[] { ReadVia.Span, ReadVia.NonSeekableStream })
        {
            ModelFails(via, junk);
            ModelFails(via, numbers);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void HugeHeaderOfManyTensorsIsParsedInBoundedTime()
    {
        // ~10 MB of zero-sized tensors: a valid safetensors file, but not a model. Linear work is fine; anything
        // quadratic in the tensor count (sorting, duplicate detection, offset checks) would blow the time bound.
        const int count = 100_000;
        string padding = new('p', 42);
        var json = new StringBuilder("{");
        for (int i = 0; i < count; i++)
            json.Append(i == 0 ? "" : ",").Append(Entry($"{padding}.{i:D6}", "F32", [0], 0, 0));
        json.Append('}');
        Assert.True(json.Length > 10_000_000, $"header is {json.Length} bytes");
        byte[] file = Raw(json.ToString());

        var clock = Stopwatch.StartNew();
        Assert.Equal(count, FileLoads(ReadVia.Span, file).Tensors.Count);
        ModelFails(ReadVia.NonSeekableStream, file, "rnn.weight_hh_l0", "missing");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void ManyLeftoverTensorsNextToAValidModelNameTheFirstOne()
    {
        var withExtras = Edited(Gru(), (tensors, _) =>
        {
            for (int i = 0; i < 20_000; i++)
                tensors.Add(new SafeTensor($"extra.{i:D6}", "F32", [0], default));
        });
        var ex = ModelFails(ReadVia.Span, withExtras, null, "unused tensors are an error");
        Assert.StartsWith("extra.", ex.TensorName, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeMetadataValueIsAcceptedInBoundedTime()
    {
        // Large is not invalid: a 10 MB non-GruNative metadata value loads and is kept.
        string big = new('m', 10 << 20);
        byte[] file = Edited(Gru(), (_, m) => m["notes"] = big);
        var clock = Stopwatch.StartNew();
        var model = ModelLoads(ReadVia.Span, file);
        Assert.Equal(big, model.ExtraMetadata["notes"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    public static TheoryData<string, byte[]> InvalidUtf8() => new()
    {
        { "lone continuation byte", Bytes("{\"", 0x80, "\":null}") },
        { "0xFF", Bytes("{\"a", 0xFF, "\":null}") },
        { "overlong '/'", Bytes("{\"", 0xC0, 0xAF, "\":null}") },
        { "encoded surrogate", Bytes("{\"", 0xED, 0xA0, 0x80, "\":null}") },
        { "above U+10FFFF", Bytes("{\"", 0xF4, 0x90, 0x80, 0x80, "\":null}") },
        { "cut sequence at the end", Bytes("{}     ", 0xE2) },
        { "in a metadata value", Bytes("{\"__metadata__\":{\"k\":\"", 0xC3, "\"}}") },
        { "in the padding", Bytes("{}  ", 0xFE, "  ") },
    };

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : new[] { Convert.ToByte(p) }).ToArray();

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidUtf8InTheHeaderIsAFormatError(string what, byte[] header)
    {
        Assert.NotNull(what);
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw(header), null, "UTF-8");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" {}")]
    [InlineData("\n{}")]
    [InlineData("\uFEFF{}")]
    [InlineData("[]")]
    [InlineData("\"{}\"")]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("}")]
    public void HeaderNotStartingWithABraceIsInvalidHeaderStart(string header)
    {
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw(header), null, "InvalidHeaderStart");
    }

    [Theory]
    [InlineData("{}x")]
    [InlineData("{}{}")]
    [InlineData("{} {}")]
    [InlineData("{}\0")]
    [InlineData("{}  \0\0")]
    [InlineData("{},")]
    [InlineData("{}]")]
    [InlineData("{}}")]
    [InlineData("{}\"\"")]
    public void ContentAfterTheJsonObjectIsAFormatError(string header)
    {
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw(header), null, "InvalidHeaderDeserialization");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{}      ")]
    [InlineData("{} \t\r\n ")]
    [InlineData("{ \"__metadata__\" : { \"k\" : \"v\" } }\n")]
    public void WhitespaceAroundJsonTokensIsAccepted(string header)
    {
        // JSON whitespace is not garbage; the reference reader (serde_json) accepts it too.
        foreach (var via in InMemoryReaders)
            Assert.Empty(FileLoads(via, Raw(header)).Tensors);
    }

    [Theory]
    [InlineData("{/* comment */}")]
    [InlineData("{} // comment")]
    [InlineData("{\"__metadata__\":{\"k\":\"v\",}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24],}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2,3,],\"data_offsets\":[0,24]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},}")]
    [InlineData("{'t':{'dtype':'F32','shape':[2,3],'data_offsets':[0,24]}}")]
    [InlineData("{t:{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}")]
    [InlineData("{\"t\"}")]
    [InlineData("{\"t\":}")]
    public void JsonExtensionsAndSyntaxErrorsAreFormatErrors(string header)
    {
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw(header, SixFloats));
    }

    [Fact]
    public void DuplicateTensorNamesAreFormatErrors()
    {
        // serde_json would keep the last entry silently; two readers could then disagree on the weights.
        byte[] file = Raw("{" + Entry("t", "F32", [2, 3], 0, 24) + "," + Entry("t", "F32", [2, 3], 24, 48) + "}", Concat(SixFloats, SixFloats));
        foreach (var via in InMemoryReaders)
            FileFails(via, file, "t", "twice");

        // The same name spelled differently in JSON is still the same name.
        byte[] escaped = Raw("{" + Entry("t", "F32", [2, 3], 0, 24) + "," + Entry("\\u0074", "F32", [2, 3], 24, 48) + "}", Concat(SixFloats, SixFloats));
        FileFails(ReadVia.Span, escaped, "t", "twice");
    }

    [Fact]
    public void DuplicateMetadataAndDuplicateMetadataKeysAreFormatErrors()
    {
        foreach (var via in InMemoryReaders)
        {
            FileFails(via, Raw("{\"__metadata__\":{\"a\":\"1\"},\"__metadata__\":{\"b\":\"2\"}}"), "__metadata__", "twice");
            FileFails(via, Raw("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}"), "__metadata__", "'a'", "twice");
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[\"v\"]")]
    [InlineData("{\"x\":\"y\"}")]
    public void NonStringMetadataValuesAreFormatErrors(string value)
    {
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw($"{{\"__metadata__\":{{\"k\":{value}}}}}"), "__metadata__", "'k'");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"framework=pt\"")]
    [InlineData("1")]
    public void MetadataThatIsNotAnObjectIsAFormatError(string value)
    {
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw($"{{\"__metadata__\":{value}}}"), "__metadata__");
    }

    [Theory]
    [InlineData("\"F33\"")]
    [InlineData("\"f32\"")]
    [InlineData("\"float32\"")]
    [InlineData("\"\"")]
    [InlineData("\"F32 \"")]
    [InlineData("32")]
    [InlineData("null")]
    [InlineData("[\"F32\"]")]
    public void UnknownOrMistypedDtypeIsAFormatErrorNamingTheTensor(string dtype)
    {
        byte[] file = Raw($"{{\"w\":{{\"dtype\":{dtype},\"shape\":[2,3],\"data_offsets\":[0,24]}}}}", SixFloats);
        foreach (var via in InMemoryReaders)
            FileFails(via, file, "w", "dtype");
    }

    [Theory]
    [InlineData("{\"w\":{\"shape\":[2,3],\"data_offsets\":[0,24]}}", "lacks dtype")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,24]}}", "lacks shape")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3]}}", "lacks data_offsets")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", "twice")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24],\"extra\":1}}", "unknown field")]
    [InlineData("{\"w\":[]}", "must be an object")]
    [InlineData("{\"w\":\"F32\"}", "must be an object")]
    [InlineData("{\"w\":null}", "must be an object")]
    public void MalformedTensorEntriesAreFormatErrorsNamingTheTensor(string header, string problem)
    {
        foreach (var via in InMemoryReaders)
            FileFails(via, Raw(header, SixFloats), "w", problem);
    }

    [Fact]
    public void LoneSurrogateEscapesAreFormatErrors()
    {
        // Valid UTF-8 bytes, but the JSON escape decodes to half a UTF-16 pair, which no string can hold faithfully.
        foreach (var via in InMemoryReaders)
        {
            FileFails(via, Raw("{" + Entry("\\ud800", "F32", [2, 3], 0, 24) + "}", SixFloats));
            FileFails(via, Raw("{\"__metadata__\":{\"k\":\"\\udc00\"}}"));
            FileFails(via, Raw("{\"__metadata__\":{\"\\ud800x\":\"v\"}}"));
        }
    }

    [Fact]
    public void ReservedMetadataNameCannotBeATensor()
    {
        // "__metadata__" with a tensor-shaped value: an error, not a tensor and not silently ignored.
        FileFails(ReadVia.Span, Raw("{" + Entry("__metadata__", "F32", [2, 3], 0, 24) + "}", SixFloats), "__metadata__");
    }
}
