using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Optimization;

/// <summary>AdamW against closed-form facts of the algorithm, not against a second copy of its code.</summary>
public class AdamWTests
{
    [Fact]
    public void First_step_moves_every_parameter_by_the_learning_rate_against_its_gradient_sign()
    {
        // t = 1: m̂ = g and v̂ = g², so the step is lr·g / (|g| + ε) ≈ lr·sign(g), whatever |g| is.
        float[] p = [1f, -2f, 0.5f, 3f];
        float[] g = [0.001f, -50f, 2f, -1e-3f];
        new AdamW(4).Step(p, g, learningRate: 0.01);
        Assert.Equal([0.99f, -1.99f, 0.49f, 3.01f], p, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void A_constant_gradient_keeps_the_step_equal_to_the_learning_rate()
    {
        // With g constant, the bias-corrected moments are exactly g and g² at every t.
        float[] p = [0f];
        var adam = new AdamW(1);
        for (int t = 1; t <= 50; t++)
            adam.Step(p, [4f], 0.001);
        Assert.Equal(-0.05, p[0], 1e-5);
        Assert.Equal(50, adam.Steps);
    }

    [Fact]
    public void Weight_decay_is_decoupled_from_the_gradient()
    {
        // g = 0: Adam's step is 0 (m = 0), so only the decay p·(1 − lr·λ) acts.
        float[] p = [2f, -4f];
        new AdamW(2, weightDecay: 0.1).Step(p, [0f, 0f], 0.5);
        Assert.Equal([1.9f, -3.8f], p);
    }

    [Fact]
    public void Restored_moments_continue_bit_identically()
    {
        var rng = new Random(3);
        float[] Gradient() => [(float)rng.NextDouble() - 0.5f, (float)rng.NextDouble() - 0.5f, (float)rng.NextDouble()];
        var gradients = Enumerable.Range(0, 20).Select(_ => Gradient()).ToArray();

        float[] straight = [0.1f, 0.2f, 0.3f];
        var a = new AdamW(3, weightDecay: 0.01);
        foreach (var g in gradients)
            a.Step(straight, g, 0.01);

        float[] resumed = [0.1f, 0.2f, 0.3f];
        var first = new AdamW(3, weightDecay: 0.01);
        foreach (var g in gradients[..7])
            first.Step(resumed, g, 0.01);
        var second = new AdamW(3, weightDecay: 0.01);
        second.Restore(first.FirstMoments, first.SecondMoments, first.Steps);
        foreach (var g in gradients[7..])
            second.Step(resumed, g, 0.01);

        Assert.Equal(straight, resumed);
    }

    [Fact]
    public void Rejects_mismatched_sizes_and_bad_settings()
    {
        var adam = new AdamW(3);
        Assert.Throws<ArgumentException>(() => adam.Step(new float[3], new float[2], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.Step(new float[3], new float[3], double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(3, beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(3, weightDecay: -1));
        Assert.Throws<ArgumentException>(() => adam.Restore(new double[2], new double[3], 1));
    }
}
