using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static GruNative.Tests.Weights.SafeTensorsTestKit;

namespace GruNative.Tests.Weights;

/// <summary>
/// Model → bytes → model is lossless: tensors bit for bit, spec, preprocessing (including awkward column names
/// and extreme doubles) and foreign metadata; and saving to disk is atomic.
/// </summary>
public class SafeTensorsRoundTripTests
{
    // Column names chosen to break naive JSON-in-JSON encoding: quotes, commas, brackets, backslashes,
    // escapes-lookalikes, control characters and non-ASCII (accents, CJK, RTL, emoji as a surrogate pair).
    private static readonly string[] AwkwardNames =
    [
        "temp °C", "say \"hi\"", "a,b", "[x]", "{\"k\":1}", "back\\slash", "\\u0041", "tab\there", "new\nline",
        "日本語", "Ünïcödé", "עברית", "😀 emoji", "\u0001ctl", " ", "grunative.cell", "null", "[\"a\",\"b\"]",
    ];

    // Means and standard deviations whose shortest round-trip text is unusual.
    private static readonly double[] AwkwardDoubles =
    [
        0.1, 1.0 / 3, -0.0, double.Epsilon, 1e-300, double.MaxValue, -double.MaxValue, 123456789.123456789, 5e-324, 2.2250738585072014E-308,
    ];

    public static TheoryData<CellKind, int, int, int, int, bool> Specs() => new()
    {
        { CellKind.Gru, 1, 1, 1, 1, false },
        { CellKind.Gru, 1, 1, 1, 1, true },
        { CellKind.Gru, 3, 4, 2, 2, true },
        { CellKind.Gru, 7, 33, 3, 12, true },
        { CellKind.Lstm, 1, 1, 1, 1, true },
        { CellKind.Lstm, 5, 16, 4, 6, false },
        { CellKind.Lstm, 18, 9, 2, 18, true },
        { CellKind.Gru, 2, 64, 1, 24, true },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void RandomModelsRoundTripExactly(CellKind cell, int inputs, int hidden, int layers, int outputs, bool withPreprocessing)
    {
        var spec = new ModelSpec(cell, inputs, hidden, layers, outputs);
        int seed = HashCode.Combine(cell, inputs, hidden, layers, outputs);
        var model = WithExtremeWeights(ModelWeights.CreateRandom(spec, seed, withPreprocessing ? AwkwardPreprocessing(spec, seed) : null),
            new Dictionary<string, string> { ["format"] = "pt", ["comment, \"quoted\""] = "日本 😀 \\ \n", [""] = "empty key" });

        byte[] bytes = SafeTensorsWeights.ToBytes(model);
        foreach (var via in InMemoryReaders.Append(ReadVia.Path))
            AssertSameModel(model, ModelLoads(via, bytes));

        // Canonical: writing what was read gives the same bytes; Write(stream) agrees with ToBytes.
        Assert.Equal(bytes, SafeTensorsWeights.ToBytes(ModelLoads(ReadVia.Span, bytes)));
        using var stream = new MemoryStream();
        SafeTensorsWeights.Write(model, stream);
        Assert.Equal(bytes, stream.ToArray());
    }

    [Fact]
    public void StreamIsReadFromItsCurrentPositionToItsEnd()
    {
        // A file embedded after other content (an archive member, a framed message): lengths are relative to
        // the current position, not to the start of the stream.
        var model = Gru();
        byte[] file = SafeTensorsWeights.ToBytes(model);
        using var stream = new MemoryStream(Concat(new byte[13], file));
        stream.Position = 13;
        AssertSameModel(model, SafeTensorsWeights.Read(stream));
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void PreprocessingDoublesRoundTripBitForBit()
    {
        // Preprocessing.Equals compares doubles with ==, which would accept -0.0 for 0.0; check the bits too.
        var spec = new ModelSpec(CellKind.Gru, AwkwardDoubles.Length, 2, 1, AwkwardDoubles.Length);
        var columns = AwkwardDoubles.Select((d, i) => new ColumnScaler(AwkwardNames[i], d, Math.Abs(d) > 0 ? Math.Abs(d) : double.Epsilon)).ToArray();
        var model = ModelWeights.CreateRandom(spec, 1, new Preprocessing(columns, columns, lookback: int.MaxValue, horizon: 1));

        var loaded = ModelLoads(ReadVia.Span, SafeTensorsWeights.ToBytes(model));
        var p = loaded.Preprocessing!;
        Assert.Equal(columns.Select(c => BitConverter.DoubleToInt64Bits(c.Mean)), p.InputColumns.Select(c => BitConverter.DoubleToInt64Bits(c.Mean)));
        Assert.Equal(columns.Select(c => BitConverter.DoubleToInt64Bits(c.StandardDeviation)), p.TargetColumns.Select(c => BitConverter.DoubleToInt64Bits(c.StandardDeviation)));
        Assert.Equal(columns.Select(c => c.Name), p.InputColumns.Select(c => c.Name));
        Assert.Equal(int.MaxValue, p.Lookback);
    }

    [Theory]
    [InlineData(WindowNormalization.None, null)]
    [InlineData(WindowNormalization.LastValue, "last")]
    [InlineData(WindowNormalization.Mean, "mean")]
    public void WindowNormalisationRoundTripsUnderItsKey(WindowNormalization normalization, string? written)
    {
        var spec = new ModelSpec(CellKind.Lstm, 2, 3, 1, 4);
        ColumnScaler a = new("a", 1, 2), b = new("b", -1, 0.5);
        var model = ModelWeights.CreateRandom(spec, 1, new Preprocessing([a, b], [b], lookback: 8, horizon: 4, windowNormalization: normalization));

        Assert.Equal(written, WeightsMetadata.Encode(model).GetValueOrDefault(WeightsMetadata.WindowNormalizationKey));
        Assert.Equal(normalization, ModelLoads(ReadVia.Span, SafeTensorsWeights.ToBytes(model)).Preprocessing!.WindowNormalization);
        Assert.Equal(normalization, JsonWeights.Parse(JsonWeights.Format(model)).Preprocessing!.WindowNormalization);
    }

    [Fact]
    public void SaveThenReadFromDiskLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        var first = Gru();
        var second = Lstm();

        SafeTensorsWeights.Save(first, path);
        Assert.Equal(new[] { "model.safetensors" }, folder.Entries());
        AssertSameModel(first, SafeTensorsWeights.Read(path));

        // Overwriting replaces the content and still leaves only the target behind.
        SafeTensorsWeights.Save(second, path);
        Assert.Equal(new[] { "model.safetensors" }, folder.Entries());
        AssertSameModel(second, SafeTensorsWeights.Read(path));
        Assert.Equal(SafeTensorsWeights.ToBytes(second), File.ReadAllBytes(path));
    }

    [Fact]
    public void FailedSaveKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        // A writer that dies half-way (disk full, serialization bug) must not damage the existing file.
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        SafeTensorsWeights.Save(Gru(), path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("simulated failure mid-write");
        }));

        Assert.Equal(new[] { "model.safetensors" }, folder.Entries());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void SaveIntoAMissingFolderFailsWithoutLeavingAnything()
    {
        using var folder = new TempFolder();
        Assert.ThrowsAny<IOException>(() => SafeTensorsWeights.Save(Gru(), folder.File(Path.Combine("missing", "model.safetensors"))));
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void SafeTensorsFileSaveThenReadFromDisk()
    {
        using var folder = new TempFolder();
        string path = folder.File("tensors.safetensors");
        var file = new SafeTensorsFile([new SafeTensor("b", "U8", [3], new byte[] { 1, 2, 3 }), SafeTensor.FromFloat32("a", [2], [1.5f, -2f])],
            new Dictionary<string, string> { ["k"] = "v" });
        file.Save(path);
        Assert.Equal(new[] { "tensors.safetensors" }, folder.Entries());
        Assert.Equal(file.ToBytes(), SafeTensorsFile.Read(path).ToBytes());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /// <summary>Preprocessing that fits <paramref name="spec"/>: I input columns, one target per output (horizon 1) or per step.</summary>
    private static Preprocessing AwkwardPreprocessing(ModelSpec spec, int seed)
    {
        var random = new Random(seed);
        string Name(int i, string prefix) => prefix + AwkwardNames[(i + seed % AwkwardNames.Length + AwkwardNames.Length) % AwkwardNames.Length] + "#" + i;
        double Draw() => AwkwardDoubles[random.Next(AwkwardDoubles.Length)];
        double PositiveDraw() => Math.Abs(Draw()) is > 0 and var d ? d : 1.0;

        var inputs = Enumerable.Range(0, spec.InputSize).Select(i => new ColumnScaler(Name(i, "in:"), Draw(), PositiveDraw())).ToArray();
        int targets = spec.OutputSize % 2 == 0 ? 2 : 1;
        var outputs = Enumerable.Range(0, targets).Select(i => new ColumnScaler(Name(i, "out:"), Draw(), PositiveDraw())).ToArray();
        return new Preprocessing(inputs, outputs, lookback: 1 + random.Next(500), horizon: spec.OutputSize / targets);
    }

    /// <summary>The model with a few extreme but finite weights (−0, subnormals, ±max) and foreign metadata.</summary>
    private static ModelWeights WithExtremeWeights(ModelWeights model, IReadOnlyDictionary<string, string> extra)
    {
        float[] Poke(ReadOnlySpan<float> values)
        {
            var copy = values.ToArray();
            float[] extremes = [-0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1.17549435E-38f];
            for (int i = 0; i < Math.Min(copy.Length, extremes.Length); i++)
                copy[i] = extremes[i];
            return copy;
        }
        var layers = model.Layers.Select(l => new RecurrentLayerWeights(Poke(l.WeightIh), Poke(l.WeightHh), Poke(l.BiasIh), l.BiasHh)).ToArray();
        return new ModelWeights(model.Spec, layers, Poke(model.HeadWeight), model.HeadBias, model.Preprocessing, extra);
    }
}
