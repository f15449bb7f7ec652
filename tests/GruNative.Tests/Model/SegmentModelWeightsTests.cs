using GruNative.Tests.Weights;
using static GruNative.Tests.Weights.SegmentTestKit;

namespace GruNative.Tests.Model;

/// <summary><see cref="SegmentModelWeights"/> checks every tensor and its preprocessing on construction, naming the problem.</summary>
public class SegmentModelWeightsTests
{
    private static Dictionary<string, float[]> TensorsOf(string name) => ByName(Tensors(Case(name)));

    [Fact]
    public void Tensors_are_copied_and_reachable_by_name_and_by_accessor()
    {
        var c = Case("lstm-pmf-ids");
        var tensors = TensorsOf(c.Name);
        var model = new SegmentModelWeights(c.Spec, tensors);
        float before = tensors["pos_emb"][0];
        tensors["pos_emb"][0] = 99;
        Assert.Equal(before, model.PositionEmbedding[0]);
        Assert.Equal(tensors["channel_emb"], model.ChannelEmbedding.ToArray());
        Assert.Equal(tensors["valueEmbedding.0.weight"], model.EmbeddingWeight.ToArray());
        Assert.Equal(tensors["valueEmbedding.0.bias"], model.EmbeddingBias.ToArray());
        Assert.Equal(tensors["rnn.weight_ih_l0"], model.Recurrent.WeightIh.ToArray());
        Assert.Equal(tensors["rnn.bias_hh_l0"], model.Recurrent.BiasHh.ToArray());
        Assert.Equal(tensors["predict.1.weight"], model.PredictWeight.ToArray());
        Assert.Equal(tensors["predict.1.bias"], model.Tensor("predict.1.bias").ToArray());
        Assert.True(new SegmentModelWeights(Case("gru-rmf").Spec, TensorsOf("gru-rmf")).PositionEmbedding.IsEmpty);
        Assert.Contains("no tensor 'head.weight'", Assert.Throws<ArgumentException>(() => model.Tensor("head.weight")).Message);
    }

    [Theory]
    [InlineData("missing", "predict.1.bias", "is missing")]
    [InlineData("extra", "head.bias", "not a tensor of")]
    [InlineData("short", "rnn.weight_hh_l0", "has 107 value(s)")]
    [InlineData("nan", "valueEmbedding.0.weight", "NaN")]
    public void A_bad_tensor_is_refused_naming_it(string fault, string tensor, string fragment)
    {
        var c = Case("gru-pmf");
        var tensors = TensorsOf(c.Name);
        switch (fault)
        {
            case "missing": tensors.Remove(tensor); break;
            case "extra": tensors[tensor] = [1f]; break;
            case "short": tensors[tensor] = tensors[tensor][1..]; break;
            case "nan": tensors[tensor][3] = float.NaN; break;
        }
        var ex = Assert.Throws<ArgumentException>(() => new SegmentModelWeights(c.Spec, tensors));
        Assert.Contains(tensor, ex.Message);
        Assert.Contains(fragment, ex.Message);
    }

    public static TheoryData<string, Preprocessing, string> BadPreprocessing()
    {
        ColumnScaler a = new("a", 1, 2), b = new("b", 3, 4);
        return new()
        {
            { "gru-pmf", new Preprocessing([a], [a], 8, 6, WindowNormalization.LastValue), "window normalisation must be none" },
            { "gru-pmf", new Preprocessing([new ColumnScaler("a", 1, 2, 0)], [new ColumnScaler("a", 1, 2, 0)]), "Box–Cox" },
            { "gru-pmf", new Preprocessing([a], [a], intervals: new PredictionIntervals([0.8], [.. Enumerable.Repeat(0.1, 5)])), "describe 5 output(s), but the model forecasts 6 step(s) of 1 channel(s)" },
            { "gru-pmf", new Preprocessing([a], [a], lookback: 10), "lookback 10 differs" },
            { "gru-pmf", new Preprocessing([a], [a], horizon: 4), "horizon 4 differs" },
            { "gru-pmf", new Preprocessing([a, b], [a]), "must be the input columns" },
            { "gru-pmf", new Preprocessing([a], []), "must be the input columns" },
            { "gru-pmf-ids", new Preprocessing([a, b], [a, b]), "channel embeddings for 3 channel(s)" },
            { "gru-pmf", new Preprocessing([a], [new ColumnScaler("a", 1, 3)]), "standardised differently" },
            { "gru-pmf", new Preprocessing([new ColumnScaler("calendar.hour_sin", 0, 1)], [new ColumnScaler("calendar.hour_sin", 0, 1)]), "timestamps" },
        };
    }

    [Theory]
    [MemberData(nameof(BadPreprocessing))]
    public void Preprocessing_that_does_not_fit_a_segment_model_is_refused_with_its_reason(string name, Preprocessing preprocessing, string fragment)
    {
        var c = Case(name);
        var ex = Assert.Throws<ArgumentException>(() => new SegmentModelWeights(c.Spec, TensorsOf(name), preprocessing));
        Assert.Contains(fragment, ex.Message);
    }

    [Fact]
    public void Channel_scalers_take_the_model_s_window_lengths()
    {
        var c = Case("gru-pmf");
        var model = new SegmentModelWeights(c.Spec, TensorsOf(c.Name), Scalers(4));
        Assert.Equal(8, model.Preprocessing!.Lookback);
        Assert.Equal(6, model.Preprocessing.Horizon);
        Assert.Equal(4, model.Preprocessing.InputColumns.Count);   // without channel ids, any number of channels
    }

    [Fact]
    public void Extra_metadata_must_not_use_GruNative_s_prefix()
    {
        var c = Case("gru-pmf");
        var ex = Assert.Throws<ArgumentException>(() => new SegmentModelWeights(c.Spec, TensorsOf(c.Name), null,
            new Dictionary<string, string> { ["grunative.decoding"] = "pmf" }));
        Assert.Contains("GruNative's own", ex.Message);
    }
}
