using System.Buffers.Binary;
using System.Text;

namespace GruNative.Tests.Weights;

/// <summary>One small segment model of a test: its shape and its tensors in state_dict order.</summary>
public sealed record SegmentCase(string Name, CellKind Cell, int Lookback, int Horizon, int SegmentLength, int Hidden, bool Recurrent, int Channels)
{
    public override string ToString() => Name;

    public SegmentModelSpec Spec =>
        new(Cell, Lookback, Horizon, SegmentLength, Hidden, Recurrent ? SegmentDecoding.Recurrent : SegmentDecoding.Parallel, Channels);
}

/// <summary>
/// Small segment models built from the documented layout (written out here by hand, not taken from
/// <see cref="SegmentTensors"/>), official-style safetensors files built byte by byte, and the float64 oracle over them.
/// </summary>
public static class SegmentTestKit
{
    public const string Source = "segment-under-test.safetensors";

    /// <summary>L = 8, H = 6, w = 2 (n = 4, m = 3), d = 6 (d/2 = 3), C = 3 with channel ids: every variant of the family.</summary>
    public static readonly SegmentCase[] Cases =
    [
        new("gru-pmf", CellKind.Gru, 8, 6, 2, 6, Recurrent: false, Channels: 0),
        new("gru-pmf-ids", CellKind.Gru, 8, 6, 2, 6, Recurrent: false, Channels: 3),
        new("gru-rmf", CellKind.Gru, 8, 6, 2, 6, Recurrent: true, Channels: 0),
        new("lstm-pmf", CellKind.Lstm, 8, 6, 2, 6, Recurrent: false, Channels: 0),
        new("lstm-pmf-ids", CellKind.Lstm, 8, 6, 2, 6, Recurrent: false, Channels: 3),
        new("lstm-rmf", CellKind.Lstm, 8, 6, 2, 6, Recurrent: true, Channels: 0),
    ];

    public static TheoryData<SegmentCase> AllCases => new(Cases);

    public static SegmentCase Case(string name) => Cases.Single(c => c.Name == name);

    /// <summary>
    /// The official module's state_dict names and shapes, in its order, as the SegRNN source declares them: its own
    /// parameters (pos_emb, channel_emb) before valueEmbedding, rnn and predict.
    /// </summary>
    public static List<(string Name, long[] Shape)> StateDictLayout(SegmentCase c)
    {
        long d = c.Hidden, w = c.SegmentLength, m = c.Horizon / c.SegmentLength, g = c.Cell == CellKind.Gru ? 3 : 4;
        var layout = new List<(string, long[])>();
        if (!c.Recurrent)
        {
            layout.Add(("pos_emb", [m, c.Channels > 0 ? d / 2 : d]));
            if (c.Channels > 0)
                layout.Add(("channel_emb", [c.Channels, d / 2]));
        }
        layout.Add(("valueEmbedding.0.weight", [d, w]));
        layout.Add(("valueEmbedding.0.bias", [d]));
        layout.Add(("rnn.weight_ih_l0", [g * d, d]));
        layout.Add(("rnn.weight_hh_l0", [g * d, d]));
        layout.Add(("rnn.bias_ih_l0", [g * d]));
        layout.Add(("rnn.bias_hh_l0", [g * d]));
        layout.Add(("predict.1.weight", [w, d]));
        layout.Add(("predict.1.bias", [w]));
        return layout;
    }

    /// <summary>
    /// Random tensors for the case, by name in state_dict order: the embeddings U(−1, 1) (randn-like), every other weight
    /// U(−0.6, 0.6), large enough that the gates leave their linear range.
    /// </summary>
    public static List<(string Name, long[] Shape, float[] Values)> Tensors(SegmentCase c, int seed = 7)
    {
        var random = new Random(seed);
        return [.. StateDictLayout(c).Select(t =>
        {
            double scale = t.Name.EndsWith("_emb", StringComparison.Ordinal) ? 1.0 : 0.6;
            var values = new float[t.Shape.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            return (t.Name, t.Shape, values);
        })];
    }

    public static Dictionary<string, float[]> ByName(IEnumerable<(string Name, long[] Shape, float[] Values)> tensors) =>
        tensors.ToDictionary(t => t.Name, t => t.Values);

    /// <summary>The case's model, with optional preprocessing and extra metadata.</summary>
    public static SegmentModelWeights SegmentModel(SegmentCase c, Preprocessing? preprocessing = null, IReadOnlyDictionary<string, string>? extra = null, int seed = 7) =>
        new(c.Spec, ByName(Tensors(c, seed)), preprocessing, extra);

    /// <summary>Scalers for <paramref name="channels"/> channels, the same list as inputs and targets.</summary>
    public static Preprocessing Scalers(int channels, int? lookback = null, int? horizon = null)
    {
        var columns = Enumerable.Range(0, channels).Select(k => new ColumnScaler($"ch{k}", 10.0 * k - 3.5, 0.5 + k)).ToArray();
        return new Preprocessing(columns, columns, lookback, horizon);
    }

    /// <summary>The float64 oracle over the model's tensors (widened from float32 exactly).</summary>
    public static SegmentReference Oracle(SegmentCase c, SegmentModelWeights model) =>
        new(SegmentTensorsOf(model).ToDictionary(t => t.Name, t => t.Values.Select(v => (double)v).ToArray()),
            c.Cell == CellKind.Lstm, c.Lookback, c.Horizon, c.SegmentLength, c.Hidden, c.Recurrent);

    /// <summary>Every tensor of a model in the hand-written state_dict order.</summary>
    public static List<(string Name, float[] Values)> SegmentTensorsOf(SegmentModelWeights model)
    {
        var c = new SegmentCase("", model.Spec.Cell, model.Spec.Lookback, model.Spec.Horizon, model.Spec.SegmentLength, model.Spec.HiddenSize,
            model.Spec.Decoding == SegmentDecoding.Recurrent, model.Spec.Channels);
        return [.. StateDictLayout(c).Select(t => (t.Name, model.Tensor(t.Name).ToArray()))];
    }

    /// <summary>A window of L values U(−2, 2), as float32 values.</summary>
    public static float[] Window(int length, int seed) => Inputs.Uniform(new Random(seed), length);

    /// <summary>
    /// The bytes <c>safetensors.torch.save_file(state_dict, path)</c> writes, built by hand: an 8-byte little-endian
    /// header length, a compact JSON header with dtype "F32", shape and data_offsets per tensor, in the order given (no
    /// <c>__metadata__</c> unless <paramref name="metadata"/> is given), padded with spaces to a multiple of 8, then the
    /// tensors' little-endian float32 bytes back to back.
    /// </summary>
    public static byte[] OfficialFile(IEnumerable<(string Name, long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new StringBuilder("{");
        if (metadata is not null)
            header.Append("\"__metadata__\":{").AppendJoin(',', metadata.Select(e => $"\"{e.Key}\":\"{e.Value.Replace("\"", "\\\"")}\"")).Append("},");
        var data = new List<byte>();
        var entries = new List<string>();
        foreach (var (name, shape, values) in tensors)
        {
            long begin = data.Count;
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
            data.AddRange(bytes);
            entries.Add($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{data.Count}]}}");
        }
        header.AppendJoin(',', entries).Append('}');
        while (header.Length % 8 != 0)
            header.Append(' ');
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        var file = new byte[8 + headerBytes.Length + data.Count];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)headerBytes.Length);
        headerBytes.CopyTo(file, 8);
        data.CopyTo(file, 8 + headerBytes.Length);
        return file;
    }

    /// <summary>Asserts two models are identical: spec, every tensor bit for bit, preprocessing and extra metadata.</summary>
    public static void AssertSameModel(SegmentModelWeights expected, SegmentModelWeights actual)
    {
        Assert.Equal(expected.Spec, actual.Spec);
        var a = SegmentTensorsOf(expected);
        var b = SegmentTensorsOf(actual);
        for (int i = 0; i < a.Count; i++)
            Assert.True(SafeTensorsTestKit.Bits(a[i].Values).SequenceEqual(SafeTensorsTestKit.Bits(b[i].Values)), $"tensor {a[i].Name} differs");
        Assert.Equal(expected.Preprocessing, actual.Preprocessing);
        Assert.Equal(expected.ExtraMetadata.OrderBy(e => e.Key, StringComparer.Ordinal), actual.ExtraMetadata.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    /// <summary>Asserts that <paramref name="read"/> fails with a WeightsFormatException naming the source, <paramref name="key"/> and every fragment.</summary>
    public static WeightsFormatException Fails(Action read, string source, string key, params string[] fragments)
    {
        var ex = Assert.Throws<WeightsFormatException>(read);
        Assert.Equal(source, ex.SourceName);
        Assert.Equal(key, ex.TensorName);
        Assert.Contains(source, ex.Message);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, ex.Message, StringComparison.OrdinalIgnoreCase);
        return ex;
    }
}
