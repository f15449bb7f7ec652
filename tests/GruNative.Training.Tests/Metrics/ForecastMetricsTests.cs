using GruNative.Training.Metrics;

namespace GruNative.Training.Tests.Metrics;

public class ForecastMetricsTests
{
    [Fact]
    public void MSE_and_MAE_by_hand()
    {
        // errors 0, −2, 3: MSE = 13/3, MAE = 5/3.
        double[] forecasts = [1, 2, 3], actuals = [1, 4, 0];
        Assert.Equal(13.0 / 3, ForecastMetrics.MeanSquaredError<double>(forecasts, actuals), 15);
        Assert.Equal(5.0 / 3, ForecastMetrics.MeanAbsoluteError<double>(forecasts, actuals), 15);
        Assert.Equal(13.0 / 3, ForecastMetrics.MeanSquaredError<float>([1f, 2, 3], [1f, 4, 0]), 6);
        Assert.Throws<ArgumentException>(() => ForecastMetrics.MeanSquaredError<double>([1.0], [1.0, 2]));
        Assert.Throws<ArgumentException>(() => ForecastMetrics.MeanAbsoluteError<double>([], []));
    }

    [Fact]
    public void The_seasonal_naive_scale_by_hand()
    {
        double[] series = [1, 3, 2, 5];
        Assert.Equal((2 + 1 + 3) / 3.0, ForecastMetrics.SeasonalNaiveScale(series, 1), 15);
        Assert.Equal((1 + 2) / 2.0, ForecastMetrics.SeasonalNaiveScale(series, 2), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => ForecastMetrics.SeasonalNaiveScale(series, 4));
    }

    [Fact]
    public void The_accumulator_over_batches_equals_the_whole_and_splits_by_target()
    {
        // Two targets (a, b) interleaved: index % 2.
        double[] forecasts = [1, 10, 2, 20, 3, 30], actuals = [0, 10, 4, 17, 3, 31];
        var errors = new ForecastErrorAccumulator(2);
        errors.Add<double>(forecasts.AsSpan(0, 2), actuals.AsSpan(0, 2));
        errors.Add<double>(forecasts.AsSpan(2), actuals.AsSpan(2));
        Assert.Equal(6, errors.Count);
        Assert.Equal(ForecastMetrics.MeanSquaredError<double>(forecasts, actuals), errors.MeanSquaredError, 14);
        Assert.Equal(ForecastMetrics.MeanAbsoluteError<double>(forecasts, actuals), errors.MeanAbsoluteError, 14);
        // a: errors 1, −2, 0; b: 0, 3, −1.
        Assert.Equal(5 / 3.0, errors.MeanSquaredErrorOf(0), 14);
        Assert.Equal(10 / 3.0, errors.MeanSquaredErrorOf(1), 14);
        Assert.Equal(1.0, errors.MeanAbsoluteErrorOf(0), 14);
        Assert.Equal(4 / 3.0, errors.MeanAbsoluteErrorOf(1), 14);
        // MASE: mean over targets of MAE_k / scale_k.
        Assert.Equal((1.0 / 0.5 + 4 / 3.0 / 2) / 2, errors.MeanAbsoluteScaledError([0.5, 2]), 14);
        Assert.Throws<ArgumentException>(() => errors.MeanAbsoluteScaledError([1.0]));
        // Bias and pinball loss over all six errors 1, 0, −2, 3, 0, −1 (forecast − actual), worked by hand: at τ = 0.9 the
        // two forecasts above their actual value cost 0.1 × (1 + 3) and the two below 0.9 × (2 + 1); at τ = 0.25, 0.75 × 4
        // and 0.25 × 3.
        Assert.Equal(1 / 6.0, errors.MeanError, 14);
        Assert.Equal(3.1 / 6, errors.MeanPinballLoss(0.9), 14);
        Assert.Equal(3.75 / 6, errors.MeanPinballLoss(0.25), 14);
        Assert.Equal(errors.MeanAbsoluteError / 2, errors.MeanPinballLoss(0.5), 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => errors.MeanPinballLoss(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => errors.MeanPinballLoss(double.NaN));
        Assert.Throws<ArgumentException>(() => errors.Add<double>([1.0, 2, 3], [1.0, 2, 3]));
        errors.Reset();
        Assert.Equal(0, errors.Count);
    }
}
