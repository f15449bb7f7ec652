using System;

namespace GruNative.Training.Metrics;

/// <summary>Finds a series' dominant seasonal period, for the seasonal naive baseline when none is declared.</summary>
public static class SeasonalPeriod
{
    /// <summary>
    /// The lag in [2, <paramref name="maxLag"/>] with the highest sample autocorrelation among the autocorrelation's local
    /// maxima, if that autocorrelation is at least <paramref name="threshold"/>; otherwise null (no clear season).
    /// Hourly data with a daily cycle gives 24; monthly data with a yearly one, 12.
    /// </summary>
    public static int? Detect(ReadOnlySpan<double> series, int maxLag, double threshold = 0.3)
    {
        maxLag = Math.Min(maxLag, series.Length / 2);
        if (maxLag < 2)
            return null;
        double mean = 0;
        foreach (double x in series)
            mean += x;
        mean /= series.Length;
        double variance = 0;
        foreach (double x in series)
            variance += (x - mean) * (x - mean);
        if (!(variance > 0))
            return null;

        var acf = new double[maxLag + 2];
        for (int lag = 1; lag <= Math.Min(maxLag + 1, series.Length - 1); lag++)
        {
            double sum = 0;
            for (int t = lag; t < series.Length; t++)
                sum += (series[t] - mean) * (series[t - lag] - mean);
            acf[lag] = sum / variance;
        }
        int? best = null;
        for (int lag = 2; lag <= maxLag; lag++)
        {
            bool peak = acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1];
            if (peak && acf[lag] >= threshold && (best is null || acf[lag] > acf[best.Value]))
                best = lag;
        }
        return best;
    }
}
