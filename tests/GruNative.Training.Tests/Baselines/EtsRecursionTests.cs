using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// The ETS recursions held to the textbook's equations written out here, independently of the library's component
/// form: simple exponential smoothing and Holt's method in their weighted-average form (Hyndman and Athanasopoulos,
/// FPP 2nd ed., §7.1–7.2: ℓₜ = α yₜ + (1 − α)(ℓₜ₋₁ + bₜ₋₁), bₜ = β*(ℓₜ − ℓₜ₋₁) + (1 − β*) bₜ₋₁), and the additive and
/// multiplicative Holt–Winters state-space models in their error form (Hyndman et al. 2008, Tables 2.2 and 2.3:
/// ℓₜ = ℓₜ₋₁ + bₜ₋₁ + α eₜ, … and ℓₜ = (ℓₜ₋₁ + bₜ₋₁)(1 + α εₜ), …). The likelihood is held to the Gaussian density
/// summed observation by observation.
/// </summary>
public class EtsRecursionTests
{
    private static readonly double[] Tiny = [10, 12, 11, 15, 14, 17, 16, 19];

    [Fact]
    public void Simple_exponential_smoothing_matches_the_weighted_average_recursion()
    {
        const double alpha = 0.3, l0 = 10.5;
        var model = new EtsModel(EtsForm.Parse("ANN"), 1, new EtsParameters(alpha), l0, 0, []);
        double level = l0, sse = 0;
        var fitted = model.OneStepForecasts(Tiny);
        for (int t = 0; t < Tiny.Length; t++)
        {
            Assert.Equal(level, fitted[t], 12);
            sse += (Tiny[t] - level) * (Tiny[t] - level);
            level = alpha * Tiny[t] + (1 - alpha) * level;
        }
        var forecast = model.Forecast(Tiny, 3);
        Assert.All(forecast, f => Assert.Equal(level, f, 12));   // flat forecasts: ŷ_{T+h} = ℓ_T
        Assert.Equal(Tiny.Length * Math.Log(sse), model.Likelihood(Tiny), 10);
    }

    [Fact]
    public void Holt_and_damped_Holt_match_the_textbook_recursions()
    {
        const double alpha = 0.6, betaStar = 0.25, l0 = 9, b0 = 1.2;
        foreach (double phi in new[] { 1.0, 0.9 })
        {
            var form = phi == 1 ? EtsForm.Parse("AAN") : EtsForm.Parse("AAdN");
            var model = new EtsModel(form, 1, new EtsParameters(alpha, alpha * betaStar, 0, phi), l0, b0, []);
            double level = l0, growth = b0;
            var fitted = model.OneStepForecasts(Tiny);
            for (int t = 0; t < Tiny.Length; t++)
            {
                Assert.Equal(level + phi * growth, fitted[t], 12);
                // FPP §7.2 (damped: §7.2 "Damped trend methods"): ℓₜ = α yₜ + (1 − α)(ℓ + φb); bₜ = β*(ℓₜ − ℓ) + (1 − β*) φ b.
                double next = alpha * Tiny[t] + (1 - alpha) * (level + phi * growth);
                growth = betaStar * (next - level) + (1 - betaStar) * phi * growth;
                level = next;
            }
            var forecast = model.Forecast(Tiny, 4);
            double damping = 0;
            for (int h = 1; h <= 4; h++)
            {
                damping += Math.Pow(phi, h);
                Assert.Equal(level + damping * growth, forecast[h - 1], 10);
            }
        }
    }

    /// <summary>ETS(A,A,A) in the error form of Hyndman et al. (2008), Table 2.2, m = 4, on 12 values.</summary>
    [Fact]
    public void Additive_Holt_Winters_matches_the_error_form_and_the_Gaussian_likelihood()
    {
        double[] y = [30, 21, 29, 31, 40, 48, 53, 47, 37, 39, 31, 45];
        double[] s0 = [1.5, -4, 2.5];                 // s₁, s₂, s₃; s₄ = −Σ = 0
        var p = new EtsParameters(0.4, 0.1, 0.2, 1);
        var model = new EtsModel(EtsForm.Parse("AAA"), 4, p, 35, 0.5, [.. s0, 0]);

        double l = 35, b = 0.5;
        var seasons = new List<double> { 0, 2.5, -4, 1.5 };   // oldest (s_{t−m}) first
        double sse = 0, logDensityTerms = 0;
        var fitted = model.OneStepForecasts(y);
        var errors = new List<double>();
        for (int t = 0; t < y.Length; t++)
        {
            double s = seasons[0];
            double yhat = l + b + s;
            Assert.Equal(yhat, fitted[t], 10);
            double e = y[t] - yhat;
            errors.Add(e);
            sse += e * e;
            (l, b) = (l + b + p.Alpha * e, b + p.Beta * e);
            seasons.RemoveAt(0);
            seasons.Add(s + p.Gamma * e);
        }
        // log L = Σ log φ(eₜ; 0, σ²) with σ² = SSE / n, the maximum-likelihood estimate.
        double sigma2 = sse / y.Length;
        foreach (double e in errors)
            logDensityTerms += -0.5 * Math.Log(2 * Math.PI * sigma2) - e * e / (2 * sigma2);
        Assert.Equal(logDensityTerms, model.LogLikelihood(y), 9);
        Assert.Equal(y.Length * Math.Log(sse), model.Likelihood(y), 10);

        var forecast = model.Forecast(y, 6);
        for (int h = 1; h <= 6; h++)
            Assert.Equal(l + h * b + seasons[(h - 1) % 4], forecast[h - 1], 10);
    }

    /// <summary>ETS(M,Ad,M) in the error form of Hyndman et al. (2008), Table 2.3, m = 4; y is log-normal-looking positive data.</summary>
    [Fact]
    public void Multiplicative_damped_Holt_Winters_matches_the_error_form_and_the_Gaussian_likelihood()
    {
        double[] y = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135];
        var p = new EtsParameters(0.5, 0.05, 0.1, 0.95);
        double[] s0 = [1.05, 0.9, 1.1];
        var model = new EtsModel(EtsForm.Parse("MAdM"), 4, p, 120, 1, [.. s0, 4 - s0.Sum()]);

        double l = 120, b = 1;
        var seasons = new List<double> { 4 - s0.Sum(), 1.1, 0.9, 1.05 };
        var fitted = model.OneStepForecasts(y);
        double squares = 0, logDensity = 0;
        var pairs = new List<(double Yhat, double Epsilon)>();
        for (int t = 0; t < y.Length; t++)
        {
            double s = seasons[0];
            double yhat = (l + p.Phi * b) * s;
            Assert.Equal(yhat, fitted[t], 9);
            double eps = (y[t] - yhat) / yhat;
            pairs.Add((yhat, eps));
            squares += eps * eps;
            // ℓₜ = (ℓ + φb)(1 + αε); bₜ = φb + β(ℓ + φb)ε; sₜ = s(1 + γε).
            double q = l + p.Phi * b;
            (l, b) = (q * (1 + p.Alpha * eps), p.Phi * b + p.Beta * q * eps);
            seasons.RemoveAt(0);
            seasons.Add(s * (1 + p.Gamma * eps));
        }
        // yₜ ~ N(ŷₜ, (σ ŷₜ)²) with σ² = Σ εₜ² / n.
        double sigma2 = squares / y.Length;
        foreach (var (yhat, eps) in pairs)
            logDensity += -0.5 * Math.Log(2 * Math.PI * sigma2 * yhat * yhat) - eps * eps / (2 * sigma2);
        Assert.Equal(logDensity, model.LogLikelihood(y), 8);

        var forecast = model.Forecast(y, 5);
        double damping = 0;
        for (int h = 1; h <= 5; h++)
        {
            damping += Math.Pow(p.Phi, h);
            Assert.Equal((l + damping * b) * seasons[(h - 1) % 4], forecast[h - 1], 9);
        }
    }

    /// <summary>Forecasts from many origins in one pass equal forecasts from each origin's own history.</summary>
    [Fact]
    public void Forecasts_from_origins_equal_forecasts_from_each_prefix()
    {
        double[] y = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135];
        var model = new EtsModel(EtsForm.Parse("MAM"), 4, new EtsParameters(0.5, 0.05, 0.1), 120, 1, [1.05, 0.9, 1.1, 0.95]);
        var all = new double[5 * 3];
        model.ForecastFromOrigins(y, 8, 5, 3, all);
        for (int i = 0; i < 5; i++)
            Assert.Equal(model.Forecast(y.AsSpan(0, 8 + i), 3), all.AsSpan(i * 3, 3).ToArray());
    }
}
