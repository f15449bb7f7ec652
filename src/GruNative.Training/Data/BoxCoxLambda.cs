using System;

namespace GruNative.Training.Data;

/// <summary>
/// Chooses a Box–Cox λ by Guerrero's method (Guerrero, 1993), as R's <c>forecast::BoxCox.lambda</c> does by default:
/// the λ that makes the ratio sd / mean^(1 − λ) of consecutive subseries most nearly constant, i.e. that minimises the
/// coefficient of variation of that ratio.
/// </summary>
/// <remarks>
/// The series' last ⌊n / p⌋ · p values are cut into subseries of p (the seasonal period, at least 2); each gives its mean
/// and its standard deviation (divisor p − 1); the criterion is the sample standard deviation of the ratios over their
/// mean. It is minimised by golden-section search to 1e-9 (R uses Brent's method to about 1.2e-4, so values agree to that).
/// </remarks>
public static class BoxCoxLambda
{
    /// <summary>The λ in [<paramref name="lower"/>, <paramref name="upper"/>] that Guerrero's criterion picks for <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">
    /// Fewer than two whole subseries of <paramref name="period"/> values, a value that is not finite and positive, a subseries
    /// with a zero mean, or bounds that are not an interval.
    /// </exception>
    public static double Guerrero(ReadOnlySpan<double> values, int period, double lower, double upper)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        if (!(lower < upper) || !double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"[{lower}, {upper}] is not an interval.", nameof(lower));
        int subseries = values.Length / period;
        if (subseries < 2)
            throw new ArgumentException($"Guerrero's method needs two whole subseries of {period} values; there are {values.Length} value(s).", nameof(values));
        var used = values[(values.Length - subseries * period)..];
        var means = new double[subseries];
        var deviations = new double[subseries];
        for (int j = 0; j < subseries; j++)
        {
            var part = used.Slice(j * period, period);
            double sum = 0;
            foreach (double x in part)
            {
                if (!(double.IsFinite(x) && x > 0))
                    throw new ArgumentException($"Guerrero's method needs finite positive values; {x} is not.", nameof(values));
                sum += x;
            }
            double mean = sum / period, squares = 0;
            foreach (double x in part)
                squares += (x - mean) * (x - mean);
            means[j] = mean;
            deviations[j] = Math.Sqrt(squares / (period - 1));
        }

        double Criterion(double lambda)
        {
            Span<double> ratios = subseries <= 256 ? stackalloc double[subseries] : new double[subseries];
            double sum = 0;
            for (int j = 0; j < subseries; j++)
                sum += ratios[j] = deviations[j] / Math.Pow(means[j], 1 - lambda);
            double mean = sum / subseries, squares = 0;
            foreach (double r in ratios)
                squares += (r - mean) * (r - mean);
            return Math.Sqrt(squares / (subseries - 1)) / mean;
        }

        // Golden-section search: the criterion is unimodal in practice, and a bracketing search needs no derivative.
        double inverseGolden = (Math.Sqrt(5) - 1) / 2;
        double a = lower, b = upper;
        double c = b - inverseGolden * (b - a), d = a + inverseGolden * (b - a);
        double fc = Criterion(c), fd = Criterion(d);
        while (b - a > 1e-9)
        {
            if (fc < fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - inverseGolden * (b - a);
                fc = Criterion(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + inverseGolden * (b - a);
                fd = Criterion(d);
            }
        }
        double best = (a + b) / 2;
        // The ends are candidates too: on [0, 1] a criterion that falls towards a negative λ is smallest at 0 exactly.
        double fBest = Criterion(best);
        if (Criterion(lower) <= fBest)
            return lower;
        return Criterion(upper) <= fBest ? upper : best;
    }
}
