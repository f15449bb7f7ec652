namespace GruNative.Consumer.Tests;

/// <summary>
/// Loading weights into a <see cref="WeightPrecision.BFloat16"/> model: a layer weight that bfloat16 cannot hold (finite
/// in float32, beyond about 3.39e38) is refused with the source named; a head weight that large is fp32 and accepted.
/// </summary>
public class BFloat16LoadTests
{
    [Fact]
    public void A_layer_weight_beyond_bfloat16_is_refused_naming_the_source()
    {
        var weights = WithWeight(ModelWeights.CreateRandom(OddLstmBf16.Spec, seed: 3), layerWeight: 3.3962e38f);

        var e = Assert.Throws<WeightsFormatException>(() => OddLstmBf16.FromWeights(weights, "site.safetensors"));

        Assert.Contains("site.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("beyond bfloat16's largest finite value", e.Message, StringComparison.Ordinal);
        // The same weights load into the fp32 twin's shape, which stores them as they are.
        Assert.NotNull(OddLstm.FromWeights(weights, "site.safetensors"));
    }

    [Fact]
    public void The_largest_bfloat16_and_a_large_head_weight_load()
    {
        var weights = WithWeight(ModelWeights.CreateRandom(OddLstmBf16.Spec, seed: 3), layerWeight: 3.3895e38f, headWeight: 3.4e38f);

        Assert.NotNull(OddLstmBf16.FromWeights(weights, "site.safetensors"));
    }

    // The weights with weight_hh_l0[0] (and head.weight[0], when given) replaced.
    private static ModelWeights WithWeight(ModelWeights weights, float layerWeight, float? headWeight = null)
    {
        var layers = weights.Layers.ToArray();
        float[] hh = layers[0].WeightHh.ToArray();
        hh[0] = layerWeight;
        layers[0] = new RecurrentLayerWeights(layers[0].WeightIh, hh, layers[0].BiasIh, layers[0].BiasHh);
        float[] head = weights.HeadWeight.ToArray();
        if (headWeight is float h)
            head[0] = h;
        return new ModelWeights(weights.Spec, layers, head, weights.HeadBias);
    }
}
