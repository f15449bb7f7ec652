using System.Numerics;
using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// The parameter region: the published admissible regions of the simplest forms, the usual bounds, and the seasonal
/// root test held to roots found by a different algorithm (Durand–Kerner, written here).
/// </summary>
public class AdmissibilityTests
{
    /// <summary>FPP2 §7.6: "for the ETS(A,N,N) model, the usual parameter region is 0 &lt; α &lt; 1 but the admissible region is 0 &lt; α &lt; 2".</summary>
    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.5, true)]
    [InlineData(1.99, true)]
    [InlineData(2.01, false)]
    [InlineData(-0.01, false)]
    public void Simple_exponential_smoothing_is_admissible_for_alpha_in_0_to_2(double alpha, bool admissible) =>
        Assert.Equal(admissible, EtsAdmissibility.IsAdmissible(EtsForm.Parse("ANN"), new EtsParameters(alpha), 1));

    /// <summary>FPP2 §7.6: "For the ETS(A,A,N) model, … the admissible region is 0 &lt; α &lt; 2 and 0 &lt; β &lt; 4 − 2α".</summary>
    [Theory]
    [InlineData(1.5, 0.9, true)]
    [InlineData(1.5, 1.1, false)]
    [InlineData(0.5, 2.9, true)]
    [InlineData(0.5, 3.1, false)]
    [InlineData(0.5, -0.1, false)]
    public void Holt_is_admissible_for_beta_below_4_minus_2_alpha(double alpha, double beta, bool admissible) =>
        Assert.Equal(admissible, EtsAdmissibility.IsAdmissible(EtsForm.Parse("AAN"), new EtsParameters(alpha, beta), 1));

    [Fact]
    public void The_usual_bounds_are_forecast_ets_defaults()
    {
        var aadm = EtsForm.Parse("AAdA");
        Assert.True(EtsAdmissibility.IsWithinUsualBounds(aadm, new EtsParameters(0.5, 0.2, 0.3, 0.9)));
        Assert.False(EtsAdmissibility.IsWithinUsualBounds(aadm, new EtsParameters(0.5, 0.6, 0.3, 0.9)));    // β > α
        Assert.False(EtsAdmissibility.IsWithinUsualBounds(aadm, new EtsParameters(0.5, 0.2, 0.6, 0.9)));    // γ > 1 − α
        Assert.False(EtsAdmissibility.IsWithinUsualBounds(aadm, new EtsParameters(0.5, 0.2, 0.3, 0.99)));   // φ > 0.98
        Assert.False(EtsAdmissibility.IsWithinUsualBounds(aadm, new EtsParameters(0.5, 0.2, 0.3, 0.79)));   // φ < 0.8
        Assert.False(EtsAdmissibility.IsWithinUsualBounds(aadm, new EtsParameters(0.00005, 0.00001, 0.3, 0.9)));
        Assert.False(EtsAdmissibility.IsWithinUsualBounds(EtsForm.Parse("ANN"), new EtsParameters(1)));
    }

    [Theory]
    [InlineData(new[] { -0.5, 1.0 }, 1.0, true)]       // z − 0.5
    [InlineData(new[] { -2.0, 1.0 }, 1.0, false)]      // z − 2
    [InlineData(new[] { 1.0, 0.0, 1.0 }, 1.0 + 1e-10, true)]   // z² + 1: roots ±i on the unit circle, within R's tolerance
    [InlineData(new[] { 1.0, 0.0, 1.0 }, 0.999, false)]
    [InlineData(new[] { 0.06, -0.5, 1.0 }, 1.0, true)] // (z − 0.2)(z − 0.3)
    [InlineData(new[] { -0.9, 0.0, 0.0, 1.0 }, 1.0, true)]      // z³ = 0.9
    [InlineData(new[] { -1.1, 0.0, 0.0, 1.0 }, 1.0, false)]     // z³ = 1.1
    public void The_root_test_decides_small_polynomials(double[] coefficients, double radius, bool within) =>
        Assert.Equal(within, EtsAdmissibility.RootsWithin(coefficients, radius));

    /// <summary>
    /// Random seasonal parameter sets (m = 4 and 12): the library's Schur–Cohn decision against the largest root modulus
    /// found by Durand–Kerner iteration, away from the boundary where the two could round differently.
    /// </summary>
    [Fact]
    public void The_seasonal_root_test_agrees_with_roots_found_independently()
    {
        var random = new Random(7);
        int checkedCount = 0, inside = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int m = trial % 2 == 0 ? 4 : 12;
            double alpha = random.NextDouble() * 1.6, beta = random.NextDouble() * 0.6 - 0.1, gamma = random.NextDouble() * 1.2 - 0.1, phi = 0.8 + random.NextDouble() * 0.2;
            var c = EtsAdmissibility.CharacteristicPolynomial(alpha, beta, gamma, phi, m);
            double largest = LargestRootModulus(c);
            if (Math.Abs(largest - 1) < 1e-6)
                continue;
            Assert.Equal(largest < 1, EtsAdmissibility.RootsWithin(c, 1 + 1e-10));
            checkedCount++;
            inside += largest < 1 ? 1 : 0;
        }
        Assert.True(checkedCount > 350);
        Assert.InRange(inside, 20, checkedCount - 20);   // both outcomes were exercised
    }

    /// <summary>The characteristic polynomial's coefficients as Hyndman et al. (2008, ch. 10) and forecast::ets write them.</summary>
    [Fact]
    public void The_characteristic_polynomial_has_the_published_coefficients()
    {
        double a = 0.3, b = 0.05, g = 0.2, p = 0.9;
        var c = EtsAdmissibility.CharacteristicPolynomial(a, b, g, p, 5);
        // P = (φ(1 − α − γ), α + β − αφ + γ − 1, α + β − αφ repeated m − 2 times, α + β − φ, 1), constant term first.
        Assert.Equal(new[] { p * (1 - a - g), a + b - a * p + g - 1, a + b - a * p, a + b - a * p, a + b - a * p, a + b - p, 1 }, c);
    }

    private static double LargestRootModulus(double[] ascending)
    {
        int n = ascending.Length - 1;
        var roots = new Complex[n];
        var seed = new Complex(0.4, 0.9);
        for (int i = 0; i < n; i++)
            roots[i] = Complex.Pow(seed, i);
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            double change = 0;
            for (int i = 0; i < n; i++)
            {
                Complex value = 0;
                for (int k = n; k >= 0; k--)
                    value = value * roots[i] + ascending[k];
                Complex denominator = 1;
                for (int j = 0; j < n; j++)
                {
                    if (j != i)
                        denominator *= roots[i] - roots[j];
                }
                var step = value / denominator;
                roots[i] -= step;
                change = Math.Max(change, step.Magnitude);
            }
            if (change < 1e-14)
                break;
        }
        return roots.Max(r => r.Magnitude);
    }
}
