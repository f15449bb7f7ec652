using System;
using System.Numerics;
using GruNative.Training.Data;

namespace GruNative.Training.Metrics;

/// <summary>
/// The baselines a learned forecaster must beat, over exactly the windows the model sees and on the standardised scale:
/// repeat-last-value (each target's last observed value, for every step) and seasonal naive (the value one period
/// earlier, repeated period after period). They read only a window's lookback, so they apply to any split.
/// </summary>
/// <remarks>
/// Seasonal naive with period p forecasts step h (0-based) of a window whose last observed row is s + L − 1 as the value
/// at row s + L + h − p (⌊h / p⌋ + 1): the most recent observed row in the same phase. p = 1 is repeat-last-value.
/// </remarks>
public static class NaiveForecast
{
    /// <summary>Writes the repeat-last-value forecasts of <paramref name="windows"/> (n × T · K) to <paramref name="forecasts"/>.</summary>
    public static void RepeatLastValue<T>(WindowedDataset data, DatasetSplit split, ReadOnlySpan<int> windows, Span<T> forecasts)
        where T : IFloatingPointIeee754<T> =>
        Seasonal(data, split, windows, 1, forecasts);

    /// <summary>
    /// Writes the seasonal naive forecasts with period <paramref name="period"/> of <paramref name="windows"/>
    /// (indices within <paramref name="split"/>) to <paramref name="forecasts"/> (n × T · K, index step · K + target).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 1 or longer than the lookback, or an index is outside the split.</exception>
    /// <exception cref="ArgumentException">The buffer is not n × T · K long.</exception>
    public static void Seasonal<T>(WindowedDataset data, DatasetSplit split, ReadOnlySpan<int> windows, int period, Span<T> forecasts)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        var task = data.Task;
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (period > task.Lookback)
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A seasonal naive forecast reads one period back; the lookback is only {task.Lookback}.");
        int outputs = task.OutputSize, targets = task.TargetCount;
        if (forecasts.Length != (long)windows.Length * outputs)
            throw new ArgumentException($"The forecasts buffer holds {forecasts.Length} values; {windows.Length} window(s) need {(long)windows.Length * outputs}.", nameof(forecasts));
        var series = data.ScoringTargets;
        for (int b = 0; b < windows.Length; b++)
        {
            int firstForecastRow = data.WindowStart(split, windows[b]) + task.Lookback;
            var window = forecasts.Slice(b * outputs, outputs);
            for (int h = 0; h < task.Horizon; h++)
            {
                int source = firstForecastRow + h - period * (h / period + 1);
                for (int k = 0; k < targets; k++)
                    window[h * targets + k] = T.CreateTruncating(series[source * targets + k]);
            }
        }
    }

    /// <summary>
    /// The errors of the seasonal naive forecast (period <paramref name="period"/>; 1 = repeat-last-value) over every window
    /// of <paramref name="split"/>, on the standardised scale.
    /// </summary>
    public static ForecastErrorAccumulator Evaluate(WindowedDataset data, DatasetSplit split, int period = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        const int batch = 256;
        var task = data.Task;
        var errors = new ForecastErrorAccumulator(task.TargetCount);
        var indices = new int[batch];
        var inputs = new double[batch * task.InputValuesPerWindow];
        var targets = new double[batch * task.OutputSize];
        var forecasts = new double[batch * task.OutputSize];
        int count = data.WindowCount(split);
        for (int first = 0; first < count; first += batch)
        {
            int n = Math.Min(batch, count - first);
            for (int b = 0; b < n; b++)
                indices[b] = first + b;
            data.GatherRange<double>(split, first, n, inputs.AsSpan(0, n * task.InputValuesPerWindow), targets.AsSpan(0, n * task.OutputSize));
            Seasonal<double>(data, split, indices.AsSpan(0, n), period, forecasts.AsSpan(0, n * task.OutputSize));
            errors.Add<double>(forecasts.AsSpan(0, n * task.OutputSize), targets.AsSpan(0, n * task.OutputSize));
        }
        return errors;
    }

    /// <summary>
    /// Each target's MASE scale (<see cref="ForecastMetrics.SeasonalNaiveScale"/>) over the training rows of the
    /// standardised series. MASE is scale-free, so this equals the scale computed on the raw series divided by σ.
    /// </summary>
    public static double[] MaseScales(WindowedDataset data, int period = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        int targets = data.Task.TargetCount, rows = data.Splits.Train.Count;
        var series = data.ScoringTargets;
        var column = new double[rows];
        var scales = new double[targets];
        for (int k = 0; k < targets; k++)
        {
            for (int r = 0; r < rows; r++)
                column[r] = series[r * targets + k];
            scales[k] = ForecastMetrics.SeasonalNaiveScale(column, period);
        }
        return scales;
    }
}
