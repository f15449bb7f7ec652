using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// The Theta method against its definition (Hyndman and Billah 2003; R's forecast::thetaf) worked out here: the
/// seasonality test's statistic from the sample autocorrelations, the classical decomposition's moving average and
/// indices, and the forecast ℓ_n + b/2 · (h − 1 + (1 − (1 − α)ⁿ)/α) from a hand-run SES and a hand-fitted line.
/// </summary>
public class ThetaTests
{
    [Fact]
    public void The_seasonality_test_statistic_is_the_lag_m_autocorrelation_over_its_bartlett_bound()
    {
        double[] y = [5, 9, 3, 6, 5, 10, 2, 7, 6, 9, 3, 6, 4, 10, 3, 7];
        int n = y.Length, m = 4;
        double mean = y.Average(), c0 = y.Sum(v => (v - mean) * (v - mean));
        double R(int lag) => Enumerable.Range(lag, n - lag).Sum(t => (y[t] - mean) * (y[t - lag] - mean)) / c0;
        double expected = Math.Abs(R(4)) / Math.Sqrt((1 + 2 * (R(1) * R(1) + R(2) * R(2) + R(3) * R(3))) / n);
        Assert.Equal(expected, SeasonalityTest.Statistic(y, m), 12);
        Assert.True(SeasonalityTest.IsSeasonal(y, m));
        Assert.Equal(1.6448536269514722, SeasonalityTest.CriticalValue, 15);   // qnorm(0.95)
    }

    /// <summary>R's decompose with m = 4: the 2 × 4 moving average (weights ⅛, ¼, ¼, ¼, ⅛), ratios averaged per phase, normalised to mean 1.</summary>
    [Fact]
    public void The_multiplicative_decomposition_is_R_decompose()
    {
        double[] y = [10, 14, 8, 12, 11, 16, 9, 13, 12, 17, 10, 15];
        var d = ClassicalDecomposition.Compute(y, 4, multiplicative: true);
        for (int t = 0; t < y.Length; t++)
        {
            if (t < 2 || t > 9)
                Assert.True(double.IsNaN(d.Trend[t]));
            else
                Assert.Equal((y[t - 2] / 8 + y[t - 1] / 4 + y[t] / 4 + y[t + 1] / 4 + y[t + 2] / 8), d.Trend[t], 12);
        }
        var raw = Enumerable.Range(0, 4).Select(phase => Enumerable.Range(0, 3).Select(k => phase + 4 * k)
            .Where(t => t >= 2 && t <= 9).Average(t => y[t] / d.Trend[t])).ToArray();
        double mean = raw.Average();
        for (int phase = 0; phase < 4; phase++)
            Assert.Equal(raw[phase] / mean, d.Figure[phase], 12);
    }

    [Fact]
    public void Non_seasonal_theta_is_ses_plus_half_the_trend_slope()
    {
        double[] y = [20, 22, 21, 25, 24, 27, 26, 30, 29, 31, 33, 32, 35, 36, 35, 39];
        var (model, notes, reason) = ThetaModel.Fit(y, null);
        Assert.Null(reason);
        Assert.Null(model!.SeasonalIndices);
        Assert.Contains(notes, n => n.Contains("no season given"));

        // The slope of the least-squares line against t = 0 … n − 1, by the textbook formula.
        int n = y.Length;
        double tMean = (n - 1) / 2.0, yMean = y.Average();
        double slope = Enumerable.Range(0, n).Sum(t => (t - tMean) * (y[t] - yMean)) / Enumerable.Range(0, n).Sum(t => (t - tMean) * (t - tMean));
        Assert.Equal(slope, model.Slope, 12);

        double alpha = model.Alpha, level = model.InitialLevel;
        foreach (double v in y)
            level = alpha * v + (1 - alpha) * level;
        var forecasts = new double[5];
        model.ForecastFromOrigins(y, n, 1, 5, forecasts);
        for (int h = 1; h <= 5; h++)
            Assert.Equal(level + slope / 2 * (h - 1 + (1 - Math.Pow(1 - alpha, n)) / alpha), forecasts[h - 1], 10);

        // α and ℓ₀ are simple exponential smoothing's maximum-likelihood (least-squares) fit.
        var ses = EtsEstimator.Fit(y, EtsForm.Parse("ANN"), 1)!;
        Assert.Equal(ses.Model.Parameters.Alpha, alpha, 12);
    }

    [Fact]
    public void Seasonal_theta_adjusts_by_the_decomposition_and_reseasonalises()
    {
        var y = Airline.Passengers[..96];
        var (model, notes, _) = ThetaModel.Fit(y, 12);
        Assert.Contains(notes, n => n.Contains("season 12 detected"));
        var indices = ClassicalDecomposition.Compute(y, 12, multiplicative: true).Figure;
        Assert.Equal(indices, model!.SeasonalIndices!.ToArray());
        var adjusted = y.Select((v, t) => v / indices[t % 12]).ToArray();
        double level = model.InitialLevel, alpha = model.Alpha;
        foreach (double a in adjusted)
            level += alpha * (a - level);
        var forecasts = new double[14];
        model.ForecastFromOrigins(y, 96, 1, 14, forecasts);
        for (int h = 1; h <= 14; h++)
        {
            double plain = level + model.Slope / 2 * (h - 1 + (1 - Math.Pow(1 - alpha, 96)) / alpha);
            Assert.Equal(plain * indices[(96 + h - 1) % 12], forecasts[h - 1], 9);
        }
    }

    [Fact]
    public void Fallbacks_are_stated_and_a_constant_series_is_not_fitted()
    {
        var (_, shortNotes, _) = ThetaModel.Fit(Airline.Passengers[..20], 12);
        Assert.Contains(shortNotes, n => n.Contains("fewer than two seasons"));
        var (_, negativeNotes, _) = ThetaModel.Fit(Airline.Passengers.Select(v => v - 300).ToArray(), 12);
        Assert.Contains(negativeNotes, n => n.Contains("moving average reaches zero"));
        var (constant, _, reason) = ThetaModel.Fit(Enumerable.Repeat(3.0, 50).ToArray(), 12);
        Assert.Null(constant);
        Assert.Contains("constant", reason);
    }
}
