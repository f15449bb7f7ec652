using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// Simple exponential smoothing held to a published example: Hyndman and Athanasopoulos, <i>Forecasting: Principles
/// and Practice</i> (2nd ed.), §7.1, <c>ses(oildata)</c> — oil production in Saudi Arabia 1996–2013 (fpp2's
/// <c>window(oil, start = 1996)</c>, millions of tonnes), Table 7.2.
/// </summary>
public class PublishedSesTests
{
    // FPP2 Table 7.2, "Observation" column (two decimals, as printed).
    private static readonly double[] Oil =
        [445.36, 453.20, 454.41, 422.38, 456.04, 440.39, 425.19, 486.21, 500.43, 521.28, 508.95, 488.89, 509.87, 456.72, 473.82, 525.95, 549.83, 542.34];

    // FPP2 Table 7.2, "Level" column for 1996…2013, made with the published α = 0.8339 and ℓ₀ = 446.59.
    private static readonly double[] PublishedLevels =
        [445.57, 451.93, 454.00, 427.63, 451.32, 442.20, 428.02, 476.54, 496.46, 517.15, 510.31, 492.45, 506.98, 465.07, 472.36, 517.05, 544.39, 542.68];

    [Fact]
    public void The_published_parameters_reproduce_the_published_levels()
    {
        // FPP2 §7.1: "α̂ = 0.83 and ℓ̂₀ = 446.6 … obtained by minimising SSE"; the table uses α = 0.8339, ℓ₀ = 446.59.
        var model = new EtsModel(EtsForm.Parse("ANN"), 1, new EtsParameters(0.8339), 446.59, 0, []);
        var fitted = model.OneStepForecasts(Oil);
        for (int t = 1; t < Oil.Length; t++)
            Assert.Equal(PublishedLevels[t - 1], fitted[t], 0.02);   // ŷ_{t+1|t} = ℓ_t; the table rounds to 0.01
        Assert.Equal(542.68, model.Forecast(Oil, 1)[0], 0.02);
    }

    [Fact]
    public void Maximum_likelihood_finds_the_published_fit()
    {
        var fit = EtsEstimator.Fit(Oil, EtsForm.Parse("ANN"), 1)!;
        // R's ses(oildata) (forecast package): α = 0.8339, ℓ₀ = 446.59, point forecast 542.6806 for 2014–2018 (FPP2 §7.1;
        // the forecast value as printed by `fc <- ses(oildata, h=5)` in course notes reproducing the chapter).
        Assert.Equal(0.8339, fit.Model.Parameters.Alpha, 0.005);
        Assert.Equal(446.59, fit.Model.Level, 0.5);
        Assert.All(fit.Model.Forecast(Oil, 5), f => Assert.Equal(542.6806, f, 0.05));
    }
}
