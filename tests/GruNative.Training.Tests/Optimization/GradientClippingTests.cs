using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Optimization;

public class GradientClippingTests
{
    [Fact]
    public void Scales_a_long_gradient_to_the_maximum_norm_and_returns_the_original_norm()
    {
        float[] g = [3f, 4f, 0f, 12f];          // norm 13
        double norm = GradientClipping.ClipByGlobalNorm(g, 1.0);
        Assert.Equal(13.0, norm, 1e-12);
        Assert.Equal(1.0, Math.Sqrt(g.Sum(x => (double)x * x)), 1e-6);
        Assert.Equal(3f / 13f, g[0], 1e-6f);
    }

    [Fact]
    public void Leaves_a_short_gradient_alone()
    {
        float[] g = [0.3f, -0.4f];
        Assert.Equal(0.5, GradientClipping.ClipByGlobalNorm(g, 1.0), 1e-7);
        Assert.Equal([0.3f, -0.4f], g);
    }

    [Fact]
    public void A_non_finite_gradient_is_an_error_not_a_silent_step()
    {
        Assert.Throws<ArithmeticException>(() => GradientClipping.ClipByGlobalNorm([1f, float.NaN], 1.0));
        Assert.Throws<ArithmeticException>(() => GradientClipping.ClipByGlobalNorm([float.PositiveInfinity], 1.0));
    }
}
