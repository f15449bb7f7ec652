using System.Text;

namespace GruNative.TestKit;

/// <summary>
/// The segment models the consumer tests run, each defined by (spec, seed, preprocessing): tensors U(−0.5, 0.5) from
/// <c>new Random(seed)</c> in state_dict order (embeddings U(−1, 1)), so the gates leave their linear range. The committed
/// tests/GruNative.Consumer.Tests/Weights/baked_segment.weights.json is exactly <c>JsonSegmentWeights.Format</c> of
/// <see cref="BakedSegment"/>; regenerate it as <see cref="WeightsCatalog"/>'s files are.
/// </summary>
public static class SegmentWeightsCatalog
{
    /// <summary>Baked into the consumer tests' BakedSegment: GRU L=48 H=24 w=12 d=16 PMF C=3, with scalers and intervals.</summary>
    public static readonly SegmentWeightsDefinition BakedSegment = new(
        "baked_segment.weights.json", new SegmentModelSpec(CellKind.Gru, 48, 24, 12, 16, SegmentDecoding.Parallel, 3), seed: 606, BakedPreprocessing());

    /// <summary>Three channels' scalers (inputs = targets) and 80%/95% offsets per horizon step and channel.</summary>
    public static Preprocessing BakedPreprocessing()
    {
        ColumnScaler[] columns = [new("HUFL", 7.375141116, 7.067744), new("HULL", 2.242087962, 2.0424), new("OT", 17.12845938, 9.17260503)];
        int outputs = 24 * columns.Length;
        var offsets = new double[2 * outputs];
        for (int o = 0; o < outputs; o++)
        {
            offsets[o] = 0.25 + 0.01 * o;              // 80%
            offsets[outputs + o] = 0.5 + 0.02 * o;     // 95%
        }
        return new Preprocessing(columns, columns, 48, 24, intervals: new PredictionIntervals([0.8, 0.95], offsets));
    }

    /// <summary>Random weights of <paramref name="spec"/> (see the class remarks).</summary>
    public static SegmentModelWeights Random(SegmentModelSpec spec, int seed, Preprocessing? preprocessing = null)
    {
        var random = new Random(seed);
        var tensors = new Dictionary<string, float[]>();
        foreach (var (name, shape) in SegmentTensors.Expected(spec))
        {
            double scale = name.EndsWith("_emb", StringComparison.Ordinal) ? 1.0 : 0.5;
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            tensors.Add(name, values);
        }
        return new SegmentModelWeights(spec, tensors, preprocessing);
    }

    /// <summary>The float64 oracle (written from the paper, sharing no code with the runtime) over <paramref name="weights"/>.</summary>
    public static SegmentReference Oracle(SegmentModelWeights weights)
    {
        var spec = weights.Spec;
        var tensors = SegmentTensors.Expected(spec).ToDictionary(t => t.Key, t => weights.Tensor(t.Key).ToArray().Select(v => (double)v).ToArray());
        return new SegmentReference(tensors, spec.Cell == CellKind.Lstm, spec.Lookback, spec.Horizon, spec.SegmentLength, spec.HiddenSize,
            spec.Decoding == SegmentDecoding.Recurrent);
    }
}

/// <summary>A deterministic segment model; <see cref="FileName"/> is set when it is committed under Weights/.</summary>
public sealed class SegmentWeightsDefinition(string? fileName, SegmentModelSpec spec, int seed, Preprocessing? preprocessing)
{
    private readonly Lazy<SegmentModelWeights> _weights = new(() => SegmentWeightsCatalog.Random(spec, seed, preprocessing));

    public string? FileName => fileName;

    public SegmentModelSpec Spec => spec;

    public SegmentModelWeights Weights => _weights.Value;

    /// <summary>The exact bytes of the committed file.</summary>
    public byte[] FormatBytes() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(JsonSegmentWeights.Format(Weights));

    public override string ToString() => FileName ?? spec.ToString();
}
