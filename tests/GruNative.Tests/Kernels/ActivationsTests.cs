using System.Runtime.Intrinsics;
using GruNative.Kernels;
using Xunit.Abstractions;

namespace GruNative.Tests.Kernels;

// Every width against double-precision Math.Tanh and 1/(1+Math.Exp(-x)) on a dense grid, so the error bounds
// stated in Activations' documentation are measured here and cannot silently drift.
public class ActivationsTests(ITestOutputHelper output)
{
    private const double SigmoidBound = 1.7e-7, TanhBound = 3.1e-7, ExpRelativeBound = 2e-7;

    private static IEnumerable<float> Grid()
    {
        for (double x = -30; x <= 30; x += 1.0 / 4096)
            yield return (float)x;
        foreach (float x in new[] { 0f, -0f, 1e-30f, -1e-30f, 87f, -87f, 88f, -88f, 100f, -100f, 1e30f, -1e30f, float.MaxValue, float.MinValue })
            yield return x;
    }

    public static TheoryData<string> Widths => ["scalar", "Vector128", "Vector256", "Vector512"];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Errors_stay_within_the_documented_bounds(string width)
    {
        Func<float, float> sigmoid, tanh;
        switch (width)
        {
            case "Vector128":
                sigmoid = x => Activations.Sigmoid(Vector128.Create(x)).GetElement(3);
                tanh = x => Activations.Tanh(Vector128.Create(x)).GetElement(3);
                break;
            case "Vector256":
                sigmoid = x => Activations.Sigmoid(Vector256.Create(x)).GetElement(7);
                tanh = x => Activations.Tanh(Vector256.Create(x)).GetElement(7);
                break;
            case "Vector512":
                sigmoid = x => Activations.Sigmoid(Vector512.Create(x)).GetElement(15);
                tanh = x => Activations.Tanh(Vector512.Create(x)).GetElement(15);
                break;
            default:
                sigmoid = Activations.Sigmoid;
                tanh = Activations.Tanh;
                break;
        }

        double worstSigmoid = 0, worstTanh = 0;
        foreach (float x in Grid())
        {
            worstSigmoid = Math.Max(worstSigmoid, Math.Abs(sigmoid(x) - 1 / (1 + Math.Exp(-(double)x))));
            worstTanh = Math.Max(worstTanh, Math.Abs(tanh(x) - Math.Tanh(x)));
        }
        output.WriteLine($"{width}: max |σ error| = {worstSigmoid:E2}, max |tanh error| = {worstTanh:E2}");
        Assert.InRange(worstSigmoid, 0, SigmoidBound);
        Assert.InRange(worstTanh, 0, TanhBound);
    }

    // e^x no longer sits under σ and tanh, but stays public plumbing: its relative error is held here.
    [Fact]
    public void Exp_stays_within_its_relative_bound_on_every_width()
    {
        double worst = 0;
        for (double x = -87; x <= 87; x += 1.0 / 1024)
        {
            float xf = (float)x;
            double exact = Math.Exp(xf);
            foreach (float e in new[] { Activations.Exp(xf), Activations.Exp(Vector128.Create(xf))[1], Activations.Exp(Vector256.Create(xf))[5], Activations.Exp(Vector512.Create(xf))[9] })
                worst = Math.Max(worst, Math.Abs(e - exact) / exact);
        }
        output.WriteLine($"max relative e^x error = {worst:E2}");
        Assert.InRange(worst, 0, ExpRelativeBound);
    }

    [Fact]
    public void Saturates_cleanly_at_the_extremes()
    {
        Assert.Equal(1f, Activations.Sigmoid(float.MaxValue));
        Assert.Equal(0f, Activations.Sigmoid(float.MinValue), 1e-37f);
        Assert.Equal(1f, Activations.Tanh(1e30f));
        Assert.Equal(-1f, Activations.Tanh(-1e30f));
        Assert.Equal(0f, Activations.Tanh(0f));
        // A NaN (a NaN input reached the state) stays NaN on every width rather than passing for a saturated value.
        Assert.All(new[]
        {
            Activations.Sigmoid(float.NaN), Activations.Tanh(float.NaN),
            Activations.Sigmoid(Vector128.Create(float.NaN))[0], Activations.Tanh(Vector128.Create(float.NaN))[0],
            Activations.Sigmoid(Vector256.Create(float.NaN))[0], Activations.Tanh(Vector256.Create(float.NaN))[0],
            Activations.Sigmoid(Vector512.Create(float.NaN))[0], Activations.Tanh(Vector512.Create(float.NaN))[0],
        }, v => Assert.True(float.IsNaN(v)));
    }
}
