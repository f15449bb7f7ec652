using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// The starting values of an ETS model's states, from which maximum likelihood then fits them — R's
/// <c>forecast:::initstate</c>: the seasonal states from a classical decomposition (or, with fewer than three periods,
/// from the series' ratios to or differences from a line fitted with one Fourier pair), then the level (and growth) from
/// the first max(10, 2m) seasonally adjusted values (their mean, or the line through them).
/// </summary>
internal static class EtsInitialState
{
    /// <summary>
    /// ℓ₀, b₀ (0 without a trend) and the m − 1 free seasonal states s₁ … s_{m−1} (the most recent first; s_m follows
    /// from the normalisation: Σ s = 0 for an additive season, m for a multiplicative one).
    /// </summary>
    public static (double Level, double Growth, double[] Season) Estimate(ReadOnlySpan<double> y, EtsForm form, int period)
    {
        int n = y.Length;
        var adjusted = y.ToArray();
        double[] season = [];
        int m = form.HasSeason ? period : 1;
        if (form.HasSeason)
        {
            bool multiplicative = form.Season == EtsSeason.Multiplicative;
            double[] seasonal = n < 3 * m ? FourierDetrended(y, m, multiplicative) : Repeat(ClassicalDecomposition.Compute(y, m, multiplicative).Figure, n);
            season = new double[m - 1];
            for (int i = 0; i < m - 1; i++)
                season[i] = seasonal[m - 1 - i];   // rev(seasonal[2:m])
            if (multiplicative)
            {
                double sum = 0;
                for (int i = 0; i < season.Length; i++)
                {
                    season[i] = Math.Max(season[i], 1e-2);   // no negative seasonal indices
                    sum += season[i];
                }
                if (sum > m)
                {
                    double denominator = sum + 1e-2 * season.Length;
                    for (int i = 0; i < season.Length; i++)
                        season[i] /= denominator;
                }
                for (int t = 0; t < n; t++)
                    adjusted[t] = y[t] / Math.Max(seasonal[t], 1e-2);
            }
            else
            {
                for (int t = 0; t < n; t++)
                    adjusted[t] = y[t] - seasonal[t];
            }
        }

        int first = Math.Min(Math.Max(10, 2 * m), n);
        var head = adjusted.AsSpan(0, first);
        if (!form.HasTrend)
        {
            double mean = 0;
            foreach (double v in head)
                mean += v / first;
            return (mean, 0, season);
        }
        var (level, growth) = LeastSquares.Line(head, 1);
        // Multiplicative errors divide by ℓ + b: keep it off zero.
        if (Math.Abs(level + growth) < 1e-8)
        {
            level *= 1 + 1e-3;
            growth *= 1 - 1e-3;
        }
        return (level, growth, season);
    }

    /// <summary>
    /// y minus (or divided by) the trend line of the regression y ~ 1 + t + sin(2πt/m) + cos(2πt/m), t = 1 … n — what
    /// initstate uses as the "seasonal" series when there are too few periods for a decomposition.
    /// </summary>
    private static double[] FourierDetrended(ReadOnlySpan<double> y, int m, bool multiplicative)
    {
        int n = y.Length;
        // sin(πt) vanishes for m = 2; forecast::fourier drops that column.
        int columns = m == 2 ? 3 : 4;
        var design = new double[n * columns];
        for (int t = 1; t <= n; t++)
        {
            var row = design.AsSpan((t - 1) * columns, columns);
            row[0] = 1;
            row[1] = t;
            double angle = 2 * Math.PI * t / m;
            if (columns == 4)
            {
                row[2] = Math.Sin(angle);
                row[3] = Math.Cos(angle);
            }
            else
            {
                row[2] = Math.Cos(angle);
            }
        }
        var beta = LeastSquares.Solve(design, columns, y);
        var result = new double[n];
        for (int t = 1; t <= n; t++)
        {
            double line = beta[0] + beta[1] * t;
            result[t - 1] = multiplicative ? y[t - 1] / line : y[t - 1] - line;
        }
        return result;
    }

    private static double[] Repeat(double[] figure, int n)
    {
        var result = new double[n];
        for (int t = 0; t < n; t++)
            result[t] = figure[t % figure.Length];
        return result;
    }
}
