using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// The closed-form initial states of linear forms: for simple exponential smoothing the error of observation t is
/// aₜ − (1 − α)ᵗ ℓ₀ with aₜ the error from ℓ₀ = 0, so the least-squares ℓ₀ is Σ aₜ(1 − α)ᵗ / Σ (1 − α)²ᵗ — worked out
/// here; for a seasonal form, no nudge of any initial state lowers the sum of squared errors.
/// </summary>
public class EtsLinearStatesTests
{
    [Fact]
    public void Simple_exponential_smoothing_gets_the_hand_derived_initial_level()
    {
        double[] y = [445.36, 453.20, 454.41, 422.38, 456.04, 440.39, 425.19, 486.21, 500.43, 521.28];
        const double alpha = 0.6;
        var fitted = new EtsLinearStates(y, EtsForm.Parse("ANN"), 1).Solve(new EtsParameters(alpha))!;

        double level = 0, numerator = 0, denominator = 0;
        for (int t = 0; t < y.Length; t++)
        {
            double a = y[t] - level, c = Math.Pow(1 - alpha, t);
            numerator += a * c;
            denominator += c * c;
            level += alpha * a;
        }
        Assert.Equal(numerator / denominator, fitted.Level, 9);
    }

    [Fact]
    public void No_nudge_of_a_seasonal_form_s_initial_states_lowers_the_squared_errors()
    {
        var y = Airline.Passengers[..60];
        var form = EtsForm.Parse("AAdA");
        var p = new EtsParameters(0.3, 0.05, 0.2, 0.9);
        var best = new EtsLinearStates(y, form, 12).Solve(p)!;
        double Sse(EtsModel model) => model.OneStepForecasts(y).Select((f, t) => (y[t] - f) * (y[t] - f)).Sum();
        double optimum = Sse(best);
        var season = best.Season.ToArray();
        for (int j = 0; j < 13; j++)
        {
            foreach (double delta in new[] { -0.5, 0.5 })
            {
                double level = best.Level + (j == 0 ? delta : 0), growth = best.Growth;
                var s = (double[])season.Clone();
                if (j > 0 && j < 12)
                {
                    s[j - 1] += delta;
                    s[11] -= delta;   // keep Σ s = 0
                }
                if (j == 12)
                    growth += delta / 10;
                Assert.True(Sse(new EtsModel(form, 12, p, level, growth, s)) > optimum);
            }
        }
        Assert.Equal(0, season.Sum(), 9);
    }
}
