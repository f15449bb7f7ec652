using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// A fitted classical forecaster that forecasts from many origins of one series in a single pass, each forecast made
/// only from the observations before its origin.
/// </summary>
public interface IClassicalForecaster
{
    /// <summary>What was fitted, for reports: for example <c>ETS(M,Ad,M)</c>.</summary>
    string Method { get; }

    /// <summary>
    /// Writes the forecasts of <paramref name="horizon"/> steps from each origin o in [<paramref name="firstOrigin"/>,
    /// firstOrigin + <paramref name="count"/>): forecasts[(o − firstOrigin) · horizon + h] forecasts series[o + h] and
    /// reads nothing of <paramref name="series"/> from row o on.
    /// </summary>
    /// <exception cref="ArgumentException">An origin is outside the series, or the buffer is not count × horizon long.</exception>
    void ForecastFromOrigins(ReadOnlySpan<double> series, int firstOrigin, int count, int horizon, Span<double> forecasts);
}
