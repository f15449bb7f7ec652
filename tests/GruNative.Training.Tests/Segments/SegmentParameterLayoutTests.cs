using GruNative.Training.Segments;

namespace GruNative.Training.Tests.Segments;

/// <summary>The flat layout is the official module's state_dict: names, shapes and order, contiguous.</summary>
public class SegmentParameterLayoutTests
{
    [Fact]
    public void Parallel_decoding_with_channel_ids_lays_out_the_official_state_dict()
    {
        // SegRNN.py registers pos_emb and channel_emb on the module itself, so state_dict() lists them before its
        // submodules valueEmbedding, rnn and predict. d = 64, w = 24, m = 4, C = 7, GRU (G = 3).
        var layout = new SegmentParameterLayout(new SegmentModelSpec(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7));
        (string, int[])[] expected =
        [
            ("pos_emb", [4, 32]), ("channel_emb", [7, 32]),
            ("valueEmbedding.0.weight", [64, 24]), ("valueEmbedding.0.bias", [64]),
            ("rnn.weight_ih_l0", [192, 64]), ("rnn.weight_hh_l0", [192, 64]), ("rnn.bias_ih_l0", [192]), ("rnn.bias_hh_l0", [192]),
            ("predict.1.weight", [24, 64]), ("predict.1.bias", [24]),
        ];
        AssertLayout(layout, expected);
        Assert.Equal(layout["rnn.weight_ih_l0"].Offset, layout.RecurrentOffset);
        Assert.Equal(2 * 192 * 64 + 2 * 192, layout.RecurrentLength);
    }

    [Fact]
    public void Without_channel_ids_pos_emb_takes_all_d_values_and_there_is_no_channel_emb()
    {
        var layout = new SegmentParameterLayout(new SegmentModelSpec(CellKind.Lstm, 48, 24, 12, 10));
        AssertLayout(layout,
        [
            ("pos_emb", [2, 10]),
            ("valueEmbedding.0.weight", [10, 12]), ("valueEmbedding.0.bias", [10]),
            ("rnn.weight_ih_l0", [40, 10]), ("rnn.weight_hh_l0", [40, 10]), ("rnn.bias_ih_l0", [40]), ("rnn.bias_hh_l0", [40]),
            ("predict.1.weight", [12, 10]), ("predict.1.bias", [12]),
        ]);
        Assert.Null(layout.ChannelEmbedding);
    }

    [Fact]
    public void Recurrent_decoding_has_no_embeddings_of_position_or_channel()
    {
        var layout = new SegmentParameterLayout(new SegmentModelSpec(CellKind.Gru, 48, 24, 12, 10, SegmentDecoding.Recurrent));
        Assert.Equal(["valueEmbedding.0.weight", "valueEmbedding.0.bias", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
            "rnn.bias_hh_l0", "predict.1.weight", "predict.1.bias"], layout.Tensors.Select(t => t.Name));
        Assert.Null(layout.PositionEmbedding);
        Assert.Throws<KeyNotFoundException>(() => layout["pos_emb"]);
    }

    [Fact]
    public void Initialisation_follows_PyTorch_defaults_and_depends_only_on_the_seed()
    {
        var layout = new SegmentParameterLayout(new SegmentModelSpec(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7));
        double[] values = SegmentParameterInitializer.Create<double>(layout, 5);
        float[] single = SegmentParameterInitializer.Create<float>(layout, 5);
        Assert.Equal(values.Select(v => (float)v), single);
        Assert.NotEqual(values, SegmentParameterInitializer.Create<double>(layout, 6));

        // nn.Linear(w, d): U(±1/√w); nn.GRU and predict: U(±1/√d); pos_emb, channel_emb: N(0, 1).
        AssertWithin(layout.EmbeddingWeight.Slice<double>(values), 1 / Math.Sqrt(24));
        AssertWithin(layout["rnn.weight_hh_l0"].Slice<double>(values), 1 / Math.Sqrt(64));
        AssertWithin(layout.PredictBias.Slice<double>(values), 1 / Math.Sqrt(64));
        double[] normal = [.. layout.PositionEmbedding!.Slice<double>(values).ToArray(), .. layout.ChannelEmbedding!.Slice<double>(values).ToArray()];
        double mean = normal.Average(), variance = normal.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.2, 0.2);   // 352 draws: the mean's sd is 0.053
        Assert.InRange(variance, 0.8, 1.2);
        Assert.Contains(normal, v => Math.Abs(v) > 1);
    }

    private static void AssertLayout(SegmentParameterLayout layout, (string Name, int[] Shape)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name), layout.Tensors.Select(t => t.Name));
        int offset = 0;
        foreach (var (tensor, (name, shape)) in layout.Tensors.Zip(expected))
        {
            Assert.Equal(shape, tensor.Shape);
            Assert.Equal(offset, tensor.Offset);
            Assert.Same(tensor, layout[name]);
            offset += tensor.Length;
        }
        Assert.Equal(offset, layout.Length);
    }

    private static void AssertWithin(ReadOnlySpan<double> values, double bound)
    {
        double max = 0;
        foreach (double v in values)
            max = Math.Max(max, Math.Abs(v));
        Assert.InRange(max, 0.8 * bound, bound);
    }
}
