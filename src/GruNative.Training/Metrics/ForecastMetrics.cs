using System;
using System.Numerics;

namespace GruNative.Training.Metrics;

/// <summary>
/// Point-forecast errors over whole buffers, summed in double in index order. For errors accumulated over batches and
/// per target column, use <see cref="ForecastErrorAccumulator"/>.
/// </summary>
public static class ForecastMetrics
{
    /// <summary>MSE = Σ (f − y)² / n.</summary>
    /// <exception cref="ArgumentException">The buffers differ in length or are empty.</exception>
    public static double MeanSquaredError<T>(ReadOnlySpan<T> forecasts, ReadOnlySpan<T> actuals) where T : IFloatingPointIeee754<T>
    {
        Check(forecasts.Length, actuals.Length);
        double sum = 0;
        for (int i = 0; i < forecasts.Length; i++)
        {
            double error = double.CreateTruncating(forecasts[i]) - double.CreateTruncating(actuals[i]);
            sum += error * error;
        }
        return sum / forecasts.Length;
    }

    /// <summary>MAE = Σ |f − y| / n.</summary>
    /// <exception cref="ArgumentException">The buffers differ in length or are empty.</exception>
    public static double MeanAbsoluteError<T>(ReadOnlySpan<T> forecasts, ReadOnlySpan<T> actuals) where T : IFloatingPointIeee754<T>
    {
        Check(forecasts.Length, actuals.Length);
        double sum = 0;
        for (int i = 0; i < forecasts.Length; i++)
            sum += Math.Abs(double.CreateTruncating(forecasts[i]) - double.CreateTruncating(actuals[i]));
        return sum / forecasts.Length;
    }

    /// <summary>
    /// The MASE denominator of Hyndman and Koehler (2006): the in-sample mean absolute error of the seasonal naive
    /// one-step forecast, Σ_{t ≥ p} |y_t − y_{t−p}| / (n − p), over a training series (p = 1: the plain naive forecast).
    /// MASE = MAE / this scale; below 1, a forecast beats the naive method's in-sample error.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1 or not shorter than the series.</exception>
    public static double SeasonalNaiveScale(ReadOnlySpan<double> series, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(period, series.Length);
        double sum = 0;
        for (int t = period; t < series.Length; t++)
            sum += Math.Abs(series[t] - series[t - period]);
        return sum / (series.Length - period);
    }

    private static void Check(int forecasts, int actuals)
    {
        if (forecasts != actuals)
            throw new ArgumentException($"{forecasts} forecasts for {actuals} actual values.", nameof(actuals));
        if (forecasts == 0)
            throw new ArgumentException("No values to compare.", nameof(actuals));
    }
}
