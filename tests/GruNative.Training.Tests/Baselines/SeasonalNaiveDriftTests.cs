using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// Seasonal naive with drift worked by hand: the random walk with drift on the season (fable's SNAIVE(y ~ drift()));
/// with m = 1, FPP's drift method (Hyndman and Athanasopoulos, FPP 3rd ed. §5.2: ŷ_{T+h} = y_T + h (y_T − y_1)/(T − 1)).
/// </summary>
public class SeasonalNaiveDriftTests
{
    [Fact]
    public void With_one_season_it_is_the_drift_method()
    {
        double[] y = [3, 5, 4, 8, 9];
        var forecasts = new double[3];
        new SeasonalNaiveDrift(1).ForecastFromOrigins(y, 5, 1, 3, forecasts);
        for (int h = 1; h <= 3; h++)
            Assert.Equal(9 + h * (9 - 3) / 4.0, forecasts[h - 1], 12);
    }

    [Fact]
    public void With_a_season_it_adds_the_mean_seasonal_difference_once_per_season_ahead()
    {
        // m = 4, n = 10 observations: seasonal differences y_t − y_{t−4} for t = 4 … 9 are 2, 1, 3, 2, 1, 3 → mean 2.
        double[] y = [10, 20, 30, 40, 12, 21, 33, 42, 13, 24];
        var snd = new SeasonalNaiveDrift(4);
        Assert.Equal(2, snd.Drift(y, 10), 12);
        var forecasts = new double[6];
        snd.ForecastFromOrigins(y, 10, 1, 6, forecasts);
        // Steps 1–2 repeat rows 6–7 (33, 42) + c; steps 3–4 rows 8–9 (13, 24) + c; steps 5–6 rows 6–7 + 2c.
        Assert.Equal(new double[] { 35, 44, 15, 26, 37, 46 }, forecasts);
    }

    [Fact]
    public void With_exactly_one_season_of_history_the_drift_is_zero()
    {
        double[] y = [1, 2, 3, 4];
        var forecasts = new double[4];
        new SeasonalNaiveDrift(4).ForecastFromOrigins(y, 4, 1, 4, forecasts);
        Assert.Equal(y, forecasts);
        Assert.Throws<ArgumentException>(() => new SeasonalNaiveDrift(4).ForecastFromOrigins(y, 3, 1, 4, forecasts));
    }
}
