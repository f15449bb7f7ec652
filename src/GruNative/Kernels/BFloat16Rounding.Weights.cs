using System;

namespace GruNative.Kernels;

// The runtime's side of the rounding (the generator does not compile this file): a whole model's layer weights.
static partial class BFloat16Rounding
{
    /// <summary>
    /// <paramref name="weights"/> with every layer's input and recurrent weights (weight_ih_l*, weight_hh_l*) rounded by
    /// <see cref="Round"/>; the biases, the head, the preprocessing and the metadata as they are. This is the model a
    /// <see cref="WeightPrecision.BFloat16"/> kernel computes exactly, so running it through any fp32 forecaster (for
    /// example the trainer's) measures what the precision costs on one's own data.
    /// </summary>
    /// <exception cref="ArgumentException">A layer weight is not finite or rounds beyond bfloat16's largest finite value (about 3.39e38).</exception>
    public static ModelWeights RoundLayers(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var layers = new RecurrentLayerWeights[weights.Layers.Count];
        for (int k = 0; k < layers.Length; k++)
        {
            var layer = weights.Layers[k];
            layers[k] = new RecurrentLayerWeights(RoundEach(layer.WeightIh), RoundEach(layer.WeightHh), layer.BiasIh, layer.BiasHh);
        }
        return new ModelWeights(weights.Spec, layers, weights.HeadWeight, weights.HeadBias, weights.Preprocessing, weights.ExtraMetadata);
    }

    private static float[] RoundEach(ReadOnlySpan<float> values)
    {
        var rounded = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            rounded[i] = Round(values[i]);
        return rounded;
    }
}
