using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// Seasonal naive with drift: the random walk with drift on the season, y_t = y_{t−m} + c + ε_t — fable's
/// <c>SNAIVE(y ~ drift())</c> in Hyndman and Athanasopoulos, <i>Forecasting: Principles and Practice</i> (3rd ed.,
/// §5.2, which defines the naive, seasonal naive and drift methods it combines). From the n observations before an
/// origin, the drift is the mean seasonal difference
/// c = (1/(n − m)) Σ_{t=m}^{n−1} (y_t − y_{t−m}) = (Σ of the last m values − Σ of the first m values) / (n − m),
/// and the forecast of step h (1-based) is the seasonal naive value plus one c per season ahead:
/// ŷ_{n+h} = y_{n+h−m(k+1)} + (k + 1) c with k = ⌊(h − 1)/m⌋. With m = 1 this is FPP's drift method,
/// ŷ_{n+h} = y_n + h (y_n − y_1)/(n − 1).
/// </summary>
/// <remarks>
/// Nothing is fitted: every origin uses all the observations before it (the drift is re-estimated at each origin).
/// With exactly m observations there is no seasonal difference yet and c = 0 (plain seasonal naive).
/// </remarks>
/// <param name="period">m ≥ 1.</param>
public sealed class SeasonalNaiveDrift(int period) : IClassicalForecaster
{
    /// <summary>m.</summary>
    public int Period { get; } = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be at least 1.");

    /// <inheritdoc/>
    public string Method => Period == 1 ? "naive with drift (m=1)" : $"seasonal naive with drift (m={Period})";

    /// <summary>The drift c per season from the first <paramref name="observations"/> values of <paramref name="series"/>.</summary>
    public double Drift(ReadOnlySpan<double> series, int observations)
    {
        int m = Period;
        if (observations <= m)
            return 0;
        double last = 0, first = 0;
        for (int i = 0; i < m; i++)
        {
            last += series[observations - m + i];
            first += series[i];
        }
        return (last - first) / (observations - m);
    }

    /// <inheritdoc/>
    public void ForecastFromOrigins(ReadOnlySpan<double> series, int firstOrigin, int count, int horizon, Span<double> forecasts)
    {
        int m = Period;
        OriginRange.Check(series.Length, firstOrigin, count, horizon, forecasts.Length, m);
        for (int i = 0; i < count; i++)
        {
            int origin = firstOrigin + i;
            double drift = Drift(series, origin);
            for (int h = 1; h <= horizon; h++)
            {
                int seasonsAhead = (h - 1) / m + 1;
                forecasts[i * horizon + h - 1] = series[origin + h - m * seasonsAhead - 1] + seasonsAhead * drift;
            }
        }
    }
}
