using System;
using System.Numerics;

namespace GruNative;

// Model outputs → forecasts in the data's units, and actual values → the model's output scale.
public sealed partial class Preprocessing
{
    /// <summary>
    /// Turns the head's outputs for one window into forecasts in the targets' own units. <paramref name="outputs"/> is
    /// step-major (index step · K + target), <see cref="Horizon"/> steps when that is known. First, under
    /// <see cref="WindowNormalization"/>, each target's reference — that of its input column in
    /// <paramref name="levels"/>, as <see cref="NormalizeWindow{T}"/> wrote them — is added to that target's outputs
    /// <em>in place</em>, in <typeparamref name="T"/>, so <paramref name="outputs"/> then hold the forecast on the
    /// standardised scale. Then forecast[j] = g⁻¹(y · σ + μ) with the target's scaler (g⁻¹ the inverse of its Box–Cox or
    /// log transform, if any: never NaN for a finite y), computed in double and rounded to
    /// <typeparamref name="TForecast"/>. With <see cref="WindowNormalization.None"/> the outputs are left as they are and
    /// <paramref name="levels"/> may be empty. <paramref name="forecast"/> may be the same memory as
    /// <paramref name="outputs"/>. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No target columns are described, or the normalisation needs a target that is not an input (see <see cref="FindMismatch"/>).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="outputs"/> is not <see cref="Horizon"/> (or, unknown, whole) steps of K values,
    /// <paramref name="forecast"/> is not as long, or <paramref name="levels"/> is not <see cref="LevelsPerWindow"/> long (nor, without normalisation, empty).
    /// </exception>
    public void ToForecast<T, TForecast>(Span<T> outputs, ReadOnlySpan<T> levels, Span<TForecast> forecast)
        where T : IFloatingPointIeee754<T>
        where TForecast : IFloatingPointIeee754<TForecast>
    {
        RequireColumns(TargetColumns, "target");
        int targets = TargetColumns.Count;
        if (Horizon is int horizon && outputs.Length != (long)horizon * targets)
            throw new ArgumentException($"{outputs.Length} output(s) for a horizon of {horizon} step(s) × {targets} target(s).", nameof(outputs));
        if (outputs.IsEmpty || outputs.Length % targets != 0)
            throw new ArgumentException($"{outputs.Length} output(s) are not one or more whole steps of {targets} target(s).", nameof(outputs));
        if (forecast.Length != outputs.Length)
            throw new ArgumentException($"{forecast.Length} forecast value(s) for {outputs.Length} output(s).", nameof(forecast));
        var windowLevels = RequireWindowLevels();
        if (WindowNormalization != WindowNormalization.None || !levels.IsEmpty)
            windowLevels.Denormalize(outputs, levels);
        // An indexed loop over the targets: foreach over an IReadOnlyList would allocate an enumerator.
        for (int row = 0; row < outputs.Length; row += targets)
        {
            for (int k = 0; k < targets; k++)
                forecast[row + k] = TForecast.CreateTruncating(TargetColumns[k].Destandardize(double.CreateTruncating(outputs[row + k])));
        }
    }

    /// <summary>
    /// As <see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/>, and writes the prediction
    /// interval of every forecast value at level index <paramref name="intervalLevel"/> of <see cref="Intervals"/> to
    /// <paramref name="lower"/> and <paramref name="upper"/>: g⁻¹((y ∓ q) · σ + μ) with output j's offset q, in double,
    /// rounded to <typeparamref name="TForecast"/> — symmetric on the model's scale, multiplicative in the data's units
    /// through a log transform. <paramref name="forecast"/>, <paramref name="lower"/> and <paramref name="upper"/> are as long
    /// as <paramref name="outputs"/> and must not overlap it or each other. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The preprocessing has no <see cref="Intervals"/>, or no target columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="intervalLevel"/> is not an index of <see cref="PredictionIntervals.Levels"/>.</exception>
    /// <exception cref="ArgumentException">A span's length is wrong (see the overload without intervals).</exception>
    public void ToForecast<T, TForecast>(Span<T> outputs, ReadOnlySpan<T> levels, int intervalLevel, Span<TForecast> forecast, Span<TForecast> lower, Span<TForecast> upper)
        where T : IFloatingPointIeee754<T>
        where TForecast : IFloatingPointIeee754<TForecast>
    {
        var intervals = Intervals ?? throw new InvalidOperationException("The preprocessing carries no prediction intervals (train with --intervals).");
        ArgumentOutOfRangeException.ThrowIfNegative(intervalLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(intervalLevel, intervals.Levels.Count);
        if (lower.Length != outputs.Length || upper.Length != outputs.Length)
            throw new ArgumentException($"{lower.Length} lower and {upper.Length} upper bound(s) for {outputs.Length} output(s).", nameof(lower));
        if (intervals.OutputCount != outputs.Length)
            throw new ArgumentException($"{outputs.Length} output(s), but the intervals describe {intervals.OutputCount}.", nameof(outputs));
        ToForecast(outputs, levels, forecast);
        var offsets = intervals.OffsetsOf(intervalLevel);
        int targets = TargetColumns.Count;
        for (int row = 0; row < outputs.Length; row += targets)
        {
            for (int k = 0; k < targets; k++)
            {
                int j = row + k;
                double y = double.CreateTruncating(outputs[j]);
                var scaler = TargetColumns[k];
                lower[j] = TForecast.CreateTruncating(scaler.Destandardize(y - offsets[j]));
                upper[j] = TForecast.CreateTruncating(scaler.Destandardize(y + offsets[j]));
            }
        }
    }

    /// <summary>
    /// Standardises actual values of the target columns, one or more steps of K in the head's layout (index step · K +
    /// target), into <paramref name="targets"/>: targets[j] = (g(x) − μ) / σ with the target's scaler, computed in double and
    /// rounded to <typeparamref name="T"/> — the scale the model is trained and scored on (before any window level is
    /// taken off). The spans may be the same memory (<typeparamref name="T"/> = double). Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No target columns are described.</exception>
    /// <exception cref="ArgumentException">The spans' lengths differ, or are not whole steps of K values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its column's transform domain.</exception>
    public void StandardizeTargets<T>(ReadOnlySpan<double> actuals, Span<T> targets) where T : IFloatingPointIeee754<T>
    {
        RequireColumns(TargetColumns, "target");
        StandardizeRows(TargetColumns, actuals, targets, nameof(actuals));
    }
}
