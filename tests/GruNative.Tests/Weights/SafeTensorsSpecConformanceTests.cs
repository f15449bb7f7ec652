using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using static GruNative.Tests.Weights.SafeTensorsTestKit;

namespace GruNative.Tests.Weights;

/// <summary>
/// The writer against huggingface/safetensors' documented behaviour and its own test vectors
/// (<c>safetensors/src/tensor.rs</c>: <c>test_serialization</c>, <c>test_serialization_forced_alignement</c>,
/// <c>test_empty</c>, and the <c>SafeTensors::deserialize</c> doc example), and the reader against inputs the
/// reference accepts. Expected bytes are built here from strings, never by calling our writer.
/// </summary>
public class SafeTensorsSpecConformanceTests
{
    /// <summary>8-byte LE <paramref name="headerLength"/>, the header padded with spaces to it, then the data.</summary>
    private static byte[] Expected(int headerLength, string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        Assert.True(json.Length <= headerLength, "test vector header longer than its length");
        var bytes = new byte[8 + headerLength + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, headerLength - json.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + headerLength);
        return bytes;
    }

    private static readonly float[] ZeroToFive = [0, 1, 2, 3, 4, 5];

    [Fact]
    public void SingleTensorMatchesTheReferenceTestVector()
    {
        // test_serialization: the header is exactly 64 bytes, so no padding.
        byte[] expected = Expected(64, "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", F32(ZeroToFive));
        var file = new SafeTensorsFile([SafeTensor.FromFloat32("attn.0", [1, 2, 3], ZeroToFive)]);
        Assert.Equal(expected, file.ToBytes());

        // The literal bytes of the reference test, for the skeptical reader of this test.
        Assert.Equal(new byte[] { 64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58 }, expected[..18]);
        Assert.Equal(new byte[] { 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64 }, expected[^27..]);
    }

    [Fact]
    public void ShortHeaderIsPaddedWithSpacesAsInTheReferenceForcedAlignmentVector()
    {
        // test_serialization_forced_alignement: a 65-byte header is padded with 7 spaces to 72.
        byte[] expected = Expected(72, "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}", F32(ZeroToFive));
        Assert.Equal(expected, new SafeTensorsFile([SafeTensor.FromFloat32("attn0", [1, 1, 2, 3], ZeroToFive)]).ToBytes());
    }

    [Fact]
    public void EmptyFileMatchesTheReferenceTestVector()
    {
        // test_empty: "{}" padded to 8.
        byte[] expected = [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32];
        Assert.Equal(expected, Expected(8, "{}", []));
        Assert.Equal(expected, new SafeTensorsFile([]).ToBytes());
        Assert.Empty(SafeTensorsFile.Parse(expected).Tensors);
    }

    [Fact]
    public void MetadataOnlyFileMatchesTheReferenceTestVector()
    {
        // test_empty with metadata {"framework": "pt"}: 35 bytes padded to 40.
        byte[] expected = Expected(40, "{\"__metadata__\":{\"framework\":\"pt\"}}", []);
        Assert.Equal(40, expected[0]);
        var file = new SafeTensorsFile([], new Dictionary<string, string> { ["framework"] = "pt" });
        Assert.Equal(expected, file.ToBytes());
        Assert.Equal("pt", SafeTensorsFile.Parse(expected).Metadata["framework"]);
    }

    [Fact]
    public void MetadataIsWrittenBeforeTheTensors()
    {
        // The reference serializes __metadata__ first, then the tensors in data order.
        var file = new SafeTensorsFile([SafeTensor.FromFloat32("a", [1], [1f])], new Dictionary<string, string> { ["framework"] = "pt" });
        string header = "{\"__metadata__\":{\"framework\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Assert.Equal(Padded(header, F32(1f)), file.ToBytes());
    }

    [Fact]
    public void ReaderAcceptsTheReferenceDocumentationExampleWithAnUnpaddedHeader()
    {
        // SafeTensors::deserialize's doc example: a 60-byte header (not a multiple of 8) and 16 data bytes.
        // Padding is the writer's job; the reference reader does not require it, so neither may we.
        byte[] file = Expected(60, "{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", new byte[16]);
        foreach (var via in InMemoryReaders.Append(ReadVia.Path))
        {
            var parsed = FileLoads(via, file);
            var tensor = Assert.Single(parsed.Tensors);
            Assert.Equal(("test", "I32"), (tensor.Name, tensor.DType));
            Assert.Equal(new long[] { 2, 2 }, tensor.Shape);
            Assert.Equal(16, tensor.Data.Length);
        }
    }

    public static TheoryData<int> NameLengths() => new(Enumerable.Range(1, 24));

    [Theory]
    [MemberData(nameof(NameLengths))]
    public void HeaderLengthIsAMultipleOfEightAndDataStartsAligned(int nameLength)
    {
        // Names of every length mod 8 exercise every amount of padding (0..7 spaces).
        var file = new SafeTensorsFile(
            [SafeTensor.FromFloat32(new string('n', nameLength), [3], [1f, 2f, 3f]), SafeTensor.FromFloat32("b", [1], [4f])],
            nameLength % 3 == 0 ? new Dictionary<string, string> { ["k"] = new string('v', nameLength) } : null);
        byte[] bytes = file.ToBytes();
        int n = HeaderLength(bytes);
        Assert.Equal(0, n % 8);
        Assert.Equal(0, (8 + n) % 8);
        // Only spaces pad: the JSON text, trimmed of trailing spaces, parses as exactly one object.
        string header = HeaderText(bytes);
        using var doc = JsonDocument.Parse(header.TrimEnd(' '));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.True(header.Length - header.TrimEnd(' ').Length < 8);
    }

    [Fact]
    public void WrittenModelsHaveAlignedHeadersAndNaturallyAlignedTensors()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var spec = new ModelSpec(seed % 2 == 0 ? CellKind.Gru : CellKind.Lstm, 1 + random.Next(9), 1 + random.Next(9), 1 + random.Next(3), 1 + random.Next(9));
            byte[] bytes = SafeTensorsWeights.ToBytes(ModelWeights.CreateRandom(spec, seed));
            Assert.Equal(0, HeaderLength(bytes) % 8);
            AssertOffsetsContiguousAndAligned(bytes);
        }
    }

    [Fact]
    public void TensorsAreOrderedByDescendingDtypeAlignmentThenName()
    {
        // The reference's prepare(): sort by dtype (its enum order, descending), then by name. With one
        // element of each dtype the order also makes every tensor start at a multiple of its own size.
        string[] dtypes = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];
        var tensors = new List<SafeTensor>();
        foreach (string dtype in dtypes.Reverse())
        {
            int size = SafeTensorsFile.DTypeSize(dtype);
            tensors.Add(new SafeTensor("z_" + dtype, dtype, [3], new byte[3 * size]));
            tensors.Add(new SafeTensor("a_" + dtype, dtype, [1], new byte[size]));
        }
        byte[] bytes = new SafeTensorsFile(tensors).ToBytes();
        var written = HeaderKeys(bytes);
        var expected = dtypes.Reverse().SelectMany(d => new[] { "a_" + d, "z_" + d }).ToArray();
        Assert.Equal(expected, written);
        AssertOffsetsContiguousAndAligned(bytes);
    }

    [Fact]
    public void SameDtypeTensorsAreSortedByName()
    {
        string[] names = ["rnn.weight_ih_l10", "head.weight", "rnn.weight_ih_l2", "B", "a", "rnn.weight_ih_l1", "a.b", "_"];
        var file = new SafeTensorsFile(names.Select((n, i) => SafeTensor.FromFloat32(n, [1], [i])));
        string[] expected = names.Order(StringComparer.Ordinal).ToArray(); // ASCII: UTF-16 and UTF-8 orders agree
        byte[] bytes = file.ToBytes();
        Assert.Equal(expected, HeaderKeys(bytes));
        // Data follows the same order.
        var parsed = SafeTensorsFile.Parse(bytes);
        Assert.Equal(expected, parsed.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void NamesAreSortedByUtf8BytesAsTheReferenceDoes()
    {
        // Rust's String ordering (used by the reference's prepare()) compares UTF-8 bytes. UTF-16 ordinal
        // order differs for BMP characters at U+E000..U+FFFF versus characters above U+FFFF (surrogate pairs):
        // "！" (U+FF01, UTF-8 EF BC 81) sorts before "😀" (U+1F600, UTF-8 F0 9F 98 80) in the reference.
        var file = new SafeTensorsFile([SafeTensor.FromFloat32("\U0001F600", [1], [1f]), SafeTensor.FromFloat32("\uFF01", [1], [2f])]);
        Assert.Equal(new[] { "\uFF01", "\U0001F600" }, HeaderKeys(file.ToBytes()));
    }

    [Fact]
    public void NonAsciiNamesAndMetadataAreWrittenAsRawUtf8LikeSerdeJson()
    {
        // serde_json (the reference writer) escapes only '"', '\\' and control characters below U+0020; every
        // other character is written as its UTF-8 bytes. The writer's comment promises the same ("names and
        // metadata keep their bytes"), which matters for byte-identical files and hashes across languages.
        const string name = "temp_é_日本_😀_\u007F_\u2028";
        var file = new SafeTensorsFile([SafeTensor.FromFloat32(name, [1], [1f])], new Dictionary<string, string> { ["note"] = "😀" });
        string header = "{\"__metadata__\":{\"note\":\"😀\"},\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Assert.Equal(HeaderText(Padded(header, F32(1f))), HeaderText(file.ToBytes()));
    }

    [Fact]
    public void QuotesBackslashesAndCommonControlCharactersAreEscapedLikeSerdeJson()
    {
        // serde_json's short escapes: \" \\ \b \f \n \r \t (these agree between the two writers).
        var file = new SafeTensorsFile([SafeTensor.FromFloat32("q\"b\\n\nt\tr\rb\bf\f", [1], [1f])]);
        string expected = "{\"q\\\"b\\\\n\\nt\\tr\\rb\\bf\\f\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Assert.Equal(expected, HeaderText(file.ToBytes()).TrimEnd(' '));
    }

    [Fact]
    public void ReaderAcceptsWhatTheReferenceAccepts()
    {
        byte[] data = F32(ZeroToFive);
        // Tensors listed in any key order (older writers sorted by name only), metadata anywhere, metadata null,
        // zero-sized tensors, a scalar (shape []), and whitespace padding other than spaces.
        string header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}," +
                        "\"__metadata__\":{\"format\":\"pt\"}," +
                        "\"empty\":{\"dtype\":\"F64\",\"shape\":[0,5],\"data_offsets\":[0,0]}," +
                        "\"scalar\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[12,16]}," +
                        "\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}\n\t\r ";
        foreach (var via in InMemoryReaders)
        {
            var file = FileLoads(via, Raw(header, data));
            Assert.Equal(new[] { "empty", "a", "scalar", "b" }, file.Tensors.Select(t => t.Name));
            Assert.Equal("pt", file.Metadata["format"]);
            Assert.Equal(new[] { 3f }, file.Tensors[2].ToFloat32());
            Assert.Empty(file.Tensors[2].Shape);
        }
        Assert.Empty(FileLoads(ReadVia.Span, Raw("{\"__metadata__\":null}")).Metadata);
    }

    [Fact]
    public void ReaderAcceptsEveryReferenceDtype()
    {
        string[] dtypes = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];
        var json = new StringBuilder("{");
        long offset = 0;
        foreach (string dtype in dtypes)
        {
            long size = SafeTensorsFile.DTypeSize(dtype) * 2;
            json.Append(offset == 0 ? "" : ",").Append(Entry(dtype.ToLowerInvariant(), dtype, [2], offset, offset + size));
            offset += size;
        }
        var file = FileLoads(ReadVia.Span, Raw(json.Append('}').ToString(), new byte[offset]));
        Assert.Equal(dtypes, file.Tensors.Select(t => t.DType));
    }

    [Fact]
    public void WriterOutputIsCanonical()
    {
        // Parsing and rewriting our own output gives the same bytes, whatever the input order.
        var tensors = new[]
        {
            new SafeTensor("y", "F16", [2], new byte[] { 1, 2, 3, 4 }),
            SafeTensor.FromFloat32("x", [2, 2], [1, 2, 3, 4]),
            new SafeTensor("w", "I64", [1], new byte[] { 9, 8, 7, 6, 5, 4, 3, 2 }),
        };
        var metadata = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" };
        byte[] first = new SafeTensorsFile(tensors, metadata).ToBytes();
        byte[] reversed = new SafeTensorsFile(tensors.Reverse(), metadata.Reverse().ToDictionary()).ToBytes();
        Assert.Equal(first, reversed);
        Assert.Equal(first, SafeTensorsFile.Parse(first).ToBytes());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /// <summary><see cref="Expected"/> with the header padded to the next multiple of 8, as the reference pads it.</summary>
    private static byte[] Padded(string header, byte[] data) => Expected((Encoding.UTF8.GetByteCount(header) + 7) / 8 * 8, header, data);

    /// <summary>The tensor keys of the header in written order (our parser would reorder by offset).</summary>
    private static string[] HeaderKeys(byte[] file)
    {
        using var doc = JsonDocument.Parse(HeaderText(file));
        return doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").ToArray();
    }

    /// <summary>
    /// Offsets are contiguous from 0 to the end of the file, in written order, and every tensor starts (relative to
    /// the file) at a multiple of its dtype size — the alignment the reference guarantees. Note it does not, and
    /// cannot without gaps (which the format forbids), guarantee 8-byte alignment of every tensor: an F32 tensor
    /// with an odd element count leaves the next one 4-byte aligned only.
    /// </summary>
    private static void AssertOffsetsContiguousAndAligned(byte[] file)
    {
        int n = HeaderLength(file);
        using var doc = JsonDocument.Parse(HeaderText(file));
        long expected = 0;
        foreach (var entry in doc.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__"))
        {
            var offsets = entry.Value.GetProperty("data_offsets");
            long begin = offsets[0].GetInt64(), end = offsets[1].GetInt64();
            Assert.Equal(expected, begin);
            int size = SafeTensorsFile.DTypeSize(entry.Value.GetProperty("dtype").GetString()!);
            Assert.True((8 + n + begin) % size == 0, $"{entry.Name} at file offset {8 + n + begin} is not {size}-byte aligned");
            expected = end;
        }
        Assert.Equal(file.Length, 8 + n + expected);
    }
}
