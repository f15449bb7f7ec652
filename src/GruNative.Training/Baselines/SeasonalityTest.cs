using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// The seasonality test of the Theta method (Assimakopoulos and Nikolopoulos 2000), as R's <c>forecast::thetaf</c>
/// applies it: the series is seasonal with period m when its lag-m autocorrelation r_m exceeds its 90% one-sided
/// bound, |r_m| / √((1 + 2 Σ_{k&lt;m} r_k²) / n) &gt; 1.645 (Bartlett's variance of r_m under a moving average of order
/// m − 1).
/// </summary>
public static class SeasonalityTest
{
    /// <summary>The standard normal's 95% quantile, qnorm(0.95).</summary>
    public const double CriticalValue = 1.6448536269514722;

    /// <summary>The test statistic |r_m| / √((1 + 2 Σ_{k=1}^{m−1} r_k²) / n); 0 for a constant series.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is below 2 or not shorter than the series.</exception>
    public static double Statistic(ReadOnlySpan<double> series, int period)
    {
        int n = series.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(period, n);
        double mean = 0;
        foreach (double v in series)
            mean += v / n;
        double variance = 0;
        foreach (double v in series)
            variance += (v - mean) * (v - mean);
        if (!(variance > 0))
            return 0;
        double squares = 0, rm = 0;
        for (int lag = 1; lag <= period; lag++)
        {
            double sum = 0;
            for (int t = lag; t < n; t++)
                sum += (series[t] - mean) * (series[t - lag] - mean);
            double r = sum / variance;
            if (lag < period)
                squares += r * r;
            else
                rm = r;
        }
        return Math.Abs(rm) / Math.Sqrt((1 + 2 * squares) / n);
    }

    /// <summary>Whether <see cref="Statistic"/> exceeds <see cref="CriticalValue"/>.</summary>
    public static bool IsSeasonal(ReadOnlySpan<double> series, int period) => Statistic(series, period) > CriticalValue;
}
