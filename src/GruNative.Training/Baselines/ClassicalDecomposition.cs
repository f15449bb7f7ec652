using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// Classical decomposition by moving averages, as R's <c>stats::decompose</c>: the trend is the centred moving average
/// of one period (a 2 × m average for even m), the seasonal figure of each phase the mean of the series' ratios to (or
/// differences from) the trend at that phase, normalised to average 1 (or 0).
/// </summary>
public sealed class ClassicalDecomposition
{
    private ClassicalDecomposition(double[] trend, double[] figure, bool multiplicative)
    {
        Trend = trend;
        Figure = figure;
        IsMultiplicative = multiplicative;
    }

    /// <summary>The centred moving average; NaN in the first and last half period, where it is not defined.</summary>
    public double[] Trend { get; }

    /// <summary>The seasonal index of each phase 0 … m − 1, phase 0 being the series' first observation's.</summary>
    public double[] Figure { get; }

    /// <summary>Whether the figure holds ratios (true) or differences (false).</summary>
    public bool IsMultiplicative { get; }

    /// <summary>The seasonal index of row <paramref name="t"/>: Figure[t mod m].</summary>
    public double SeasonalAt(int t) => Figure[t % Figure.Length];

    /// <summary>Decomposes <paramref name="series"/> with period <paramref name="period"/>.</summary>
    /// <exception cref="ArgumentException">The series has fewer than two periods, or the period is below 2.</exception>
    public static ClassicalDecomposition Compute(ReadOnlySpan<double> series, int period, bool multiplicative)
    {
        int n = series.Length, m = period;
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        if (n < 2 * m)
            throw new ArgumentException($"A decomposition needs at least two periods: {n} rows for period {m}.", nameof(series));

        // stats::filter(x, filter, sides = 2): filter weights (½, 1, …, 1, ½)/m for even m, 1/m each for odd m.
        var trend = new double[n];
        Array.Fill(trend, double.NaN);
        int half = m / 2;
        for (int t = half; t + half < n; t++)
        {
            double sum = 0;
            if (m % 2 == 0)
            {
                sum = 0.5 * (series[t - half] + series[t + half]);
                for (int j = t - half + 1; j < t + half; j++)
                    sum += series[j];
            }
            else
            {
                for (int j = t - half; j <= t + half; j++)
                    sum += series[j];
            }
            trend[t] = sum / m;
        }

        var figure = new double[m];
        for (int phase = 0; phase < m; phase++)
        {
            double sum = 0;
            int count = 0;
            for (int t = phase; t < n; t += m)
            {
                if (double.IsNaN(trend[t]))
                    continue;
                sum += multiplicative ? series[t] / trend[t] : series[t] - trend[t];
                count++;
            }
            figure[phase] = sum / count;
        }
        double mean = 0;
        foreach (double f in figure)
            mean += f / m;
        for (int phase = 0; phase < m; phase++)
            figure[phase] = multiplicative ? figure[phase] / mean : figure[phase] - mean;
        return new ClassicalDecomposition(trend, figure, multiplicative);
    }
}
