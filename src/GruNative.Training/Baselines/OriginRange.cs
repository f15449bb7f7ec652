using System;

namespace GruNative.Training.Baselines;

/// <summary>The argument checks every <see cref="IClassicalForecaster"/> shares.</summary>
internal static class OriginRange
{
    public static void Check(int seriesLength, int firstOrigin, int count, int horizon, int forecastsLength, int earliestOrigin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0 && (firstOrigin < earliestOrigin || (long)firstOrigin + count - 1 > seriesLength))
            throw new ArgumentException($"Origins [{firstOrigin}, {firstOrigin + (long)count}) are outside [{earliestOrigin}, {seriesLength}] for a series of {seriesLength} rows.", nameof(firstOrigin));
        if (forecastsLength != (long)count * horizon)
            throw new ArgumentException($"The forecasts buffer holds {forecastsLength} values; {count} origin(s) × {horizon} steps need {(long)count * horizon}.", nameof(forecastsLength));
    }
}
