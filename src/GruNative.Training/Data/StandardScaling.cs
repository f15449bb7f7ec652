using System;

namespace GruNative.Training.Data;

/// <summary>
/// Fits the runtime's <see cref="ColumnScaler"/> to a column's training rows: μ = the mean, σ = the population standard
/// deviation √(Σ (x − μ)² / n) — divisor n, as scikit-learn's <c>StandardScaler</c> and the ETT benchmark code use.
/// </summary>
/// <remarks>
/// A constant column (σ = 0, or σ ≤ 1e-12 · max(1, |μ|), which is rounding noise) gets σ := 1, as scikit-learn does:
/// standardising then only removes the mean, and the column stays finite instead of dividing by zero. Both passes sum
/// in double, in row order (two-pass: the mean first, then the squared deviations), so results are reproducible.
/// </remarks>
public static class StandardScaling
{
    /// <summary>Relative size below which a standard deviation counts as zero.</summary>
    public const double ConstantTolerance = 1e-12;

    /// <summary>
    /// The scaler of column <paramref name="name"/> fitted to <paramref name="trainingValues"/> after the Box–Cox transform
    /// with <paramref name="boxCoxLambda"/> (0 = log; null = none).
    /// </summary>
    /// <exception cref="ArgumentException">No values, or a value is not finite (or outside the transform's domain).</exception>
    public static ColumnScaler Fit(string name, ReadOnlySpan<double> trainingValues, double? boxCoxLambda)
    {
        if (boxCoxLambda is null)
            return Fit(name, trainingValues);
        var transform = new ColumnScaler(name, 0, 1, boxCoxLambda);
        var transformed = new double[trainingValues.Length];
        for (int r = 0; r < transformed.Length; r++)
        {
            if (!transform.IsInDomain(trainingValues[r]) || double.IsNaN(trainingValues[r]))
                throw new ArgumentException(transform.DomainMessage(trainingValues[r]), nameof(trainingValues));
            transformed[r] = transform.Transform(trainingValues[r]);
        }
        var plain = Fit(name, transformed);
        return new ColumnScaler(name, plain.Mean, plain.StandardDeviation, boxCoxLambda);
    }

    /// <summary>The scaler of column <paramref name="name"/> fitted to <paramref name="trainingValues"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value is not finite.</exception>
    public static ColumnScaler Fit(string name, ReadOnlySpan<double> trainingValues)
    {
        if (trainingValues.IsEmpty)
            throw new ArgumentException($"Column '{name}': no training values to fit a scaler to.", nameof(trainingValues));
        double sum = 0;
        foreach (double x in trainingValues)
        {
            if (!double.IsFinite(x))
                throw new ArgumentException($"Column '{name}': {x} is not finite.", nameof(trainingValues));
            sum += x;
        }
        double mean = sum / trainingValues.Length;
        double squares = 0;
        foreach (double x in trainingValues)
            squares += (x - mean) * (x - mean);
        double std = Math.Sqrt(squares / trainingValues.Length);
        if (std <= ConstantTolerance * Math.Max(1, Math.Abs(mean)))
            std = 1;
        return new ColumnScaler(name, mean, std);
    }
}
