using System;
using System.Numerics;
using GruNative.Training.Network;

namespace GruNative.Training.Metrics;

/// <summary>
/// Sums of squared, absolute and signed errors over batches of forecasts, overall and per target column, so MSE, MAE and MASE of
/// a whole split come out of batch-by-batch evaluation. Batches are laid out as the runtime's outputs: windows × (T · K)
/// with index step · K + target.
/// </summary>
public sealed class ForecastErrorAccumulator
{
    private readonly double[] _squared;
    private readonly double[] _absolute;
    private readonly double[] _signed;   // Σ (forecast − actual): with Σ |…| it gives the pinball loss at any level
    private readonly long[] _counts;

    /// <summary>Creates an empty accumulator for forecasts of <paramref name="targetCount"/> columns.</summary>
    public ForecastErrorAccumulator(int targetCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        _squared = new double[targetCount];
        _absolute = new double[targetCount];
        _signed = new double[targetCount];
        _counts = new long[targetCount];
    }

    /// <summary>K: target columns.</summary>
    public int TargetCount => _counts.Length;

    /// <summary>Values compared so far, over every target.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (long c in _counts)
                count += c;
            return count;
        }
    }

    /// <summary>Adds a batch: <paramref name="forecasts"/> and <paramref name="actuals"/> of equal length, a multiple of K.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are not a multiple of K.</exception>
    public void Add<T>(ReadOnlySpan<T> forecasts, ReadOnlySpan<T> actuals) where T : IFloatingPointIeee754<T>
    {
        if (forecasts.Length != actuals.Length)
            throw new ArgumentException($"{forecasts.Length} forecasts for {actuals.Length} actual values.", nameof(actuals));
        if (forecasts.Length % TargetCount != 0)
            throw new ArgumentException($"{forecasts.Length} values are not whole steps of {TargetCount} targets.", nameof(forecasts));
        int targets = TargetCount;
        for (int i = 0; i < forecasts.Length; i++)
        {
            double error = double.CreateTruncating(forecasts[i]) - double.CreateTruncating(actuals[i]);
            int k = i % targets;
            _squared[k] += error * error;
            _absolute[k] += Math.Abs(error);
            _signed[k] += error;
            _counts[k]++;
        }
    }

    /// <summary>MSE over every value added (NaN when none).</summary>
    public double MeanSquaredError => Sum(_squared) / Count;

    /// <summary>MAE over every value added (NaN when none).</summary>
    public double MeanAbsoluteError => Sum(_absolute) / Count;

    /// <summary>Mean of forecast − actual over every value added: the bias (NaN when none).</summary>
    public double MeanError => Sum(_signed) / Count;

    /// <summary>
    /// The mean pinball loss at level τ = <paramref name="level"/> over every value added (see
    /// <see cref="ForecastLoss.Pinball"/>), what a quantile model is chosen by: with e = forecast − actual it is
    /// (1 − τ)·e above the actual and −τ·e below, which is |e|/2 + (1/2 − τ)·e, so the absolute and signed sums give it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public double MeanPinballLoss(double level) => PinballLoss(MeanAbsoluteError, MeanError, level);

    /// <summary>The mean pinball loss at level τ from the mean absolute and mean signed error (forecast − actual): MAE/2 + (1/2 − τ)·ME.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public static double PinballLoss(double meanAbsoluteError, double meanError, double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must lie in (0, 1).");
        return meanAbsoluteError / 2 + (0.5 - level) * meanError;
    }

    /// <summary>MSE of target <paramref name="target"/>'s values.</summary>
    public double MeanSquaredErrorOf(int target) => _squared[target] / _counts[target];

    /// <summary>MAE of target <paramref name="target"/>'s values.</summary>
    public double MeanAbsoluteErrorOf(int target) => _absolute[target] / _counts[target];

    /// <summary>
    /// MASE: each target's MAE divided by its scale (see <see cref="ForecastMetrics.SeasonalNaiveScale"/>), averaged over
    /// targets.
    /// </summary>
    /// <exception cref="ArgumentException">Not one positive scale per target.</exception>
    public double MeanAbsoluteScaledError(ReadOnlySpan<double> scales)
    {
        if (scales.Length != TargetCount)
            throw new ArgumentException($"{scales.Length} scale(s) for {TargetCount} target(s).", nameof(scales));
        double sum = 0;
        for (int k = 0; k < TargetCount; k++)
        {
            if (!(scales[k] > 0))
                throw new ArgumentException($"The scale of target {k} is {scales[k]}; MASE needs a positive scale.", nameof(scales));
            sum += MeanAbsoluteErrorOf(k) / scales[k];
        }
        return sum / TargetCount;
    }

    /// <summary>Forgets every value added.</summary>
    public void Reset()
    {
        Array.Clear(_squared);
        Array.Clear(_absolute);
        Array.Clear(_signed);
        Array.Clear(_counts);
    }

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
            sum += v;
        return sum;
    }
}
