namespace GruNative.TestKit;

/// <summary>
/// What a <see cref="WeightPrecision.BFloat16"/> kernel must compute, derived without the product's rounding code:
/// each layer's input and recurrent weights rounded to the nearest value with 8 significant bits (ties to even), in
/// float64 arithmetic on the value rather than on its bits; biases and the head untouched.
/// </summary>
public static class BFloat16Reference
{
    /// <summary><paramref name="value"/> rounded to 8 significant bits, ties to even (bfloat16's normal range; below it, steps of 2^-133).</summary>
    public static float Round(float value)
    {
        if (value == 0f || !float.IsFinite(value))
            return value;
        // One unit in the last place of an 8-bit significand: 2^(e − 7) for |value| in [2^e, 2^(e+1)), and bfloat16's
        // subnormal step 2^-133 below 2^-126.
        int exponent = Math.Max(Math.ILogB((double)value), -126);
        double ulp = Math.ScaleB(1.0, exponent - 7);
        return (float)(Math.Round(value / ulp, MidpointRounding.ToEven) * ulp);
    }

    /// <summary><paramref name="weights"/> with every layer's weight_ih and weight_hh rounded by <see cref="Round"/>.</summary>
    public static ModelWeights RoundLayers(ModelWeights weights)
    {
        var layers = weights.Layers
            .Select(l => new RecurrentLayerWeights(RoundAll(l.WeightIh), RoundAll(l.WeightHh), l.BiasIh, l.BiasHh))
            .ToArray();
        return new ModelWeights(weights.Spec, layers, weights.HeadWeight, weights.HeadBias, weights.Preprocessing, weights.ExtraMetadata);
    }

    private static float[] RoundAll(ReadOnlySpan<float> values)
    {
        var rounded = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            rounded[i] = Round(values[i]);
        return rounded;
    }
}
