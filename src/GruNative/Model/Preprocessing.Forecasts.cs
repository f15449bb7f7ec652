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
    /// No target columns are described, or the normalisation needs a target that is not an input (see <see cref="FindMismatch(ModelSpec)"/>).
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
    /// through a log transform. For scale-adaptive intervals (<see cref="PredictionIntervals.ScaleSteps"/>) q is multiplied by
    /// the target's window scale in <paramref name="scales"/> (K values, from <see cref="IntervalScales{T}"/>); for fixed
    /// ones <paramref name="scales"/> is empty. <paramref name="forecast"/>, <paramref name="lower"/> and
    /// <paramref name="upper"/> are as long as <paramref name="outputs"/> and must not overlap it or each other. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The preprocessing has no <see cref="Intervals"/>, or no target columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="intervalLevel"/> is not an index of <see cref="PredictionIntervals.Levels"/>.</exception>
    /// <exception cref="ArgumentException">A span's length is wrong (see the overload without intervals).</exception>
    public void ToForecast<T, TForecast>(Span<T> outputs, ReadOnlySpan<T> levels, int intervalLevel, Span<TForecast> forecast, Span<TForecast> lower, Span<TForecast> upper,
        ReadOnlySpan<double> scales = default)
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
        if (scales.Length != (intervals.ScaleSteps is null ? 0 : TargetColumns.Count))
            throw new ArgumentException(intervals.ScaleSteps is null
                ? "These intervals have fixed offsets: pass no window scales."
                : $"Scale-adaptive intervals need the window's scale of each of the {TargetColumns.Count} target(s) (IntervalScales).", nameof(scales));
        ToForecastWithOffsets(outputs, levels, intervals.OffsetsOf(intervalLevel), forecast, lower, upper, scales);
    }

    /// <summary>
    /// As <see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast}, ReadOnlySpan{double})"/>
    /// with the offsets given rather than read from <see cref="Intervals"/>: one per output, on the model's scale (or in
    /// units of the window scale with <paramref name="scales"/>, K values; empty for fixed offsets) — the offsets an <see cref="IntervalTracker"/> keeps
    /// calibrated online (<see cref="IntervalTracker.OffsetsOf"/>). Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No target columns are described.</exception>
    /// <exception cref="ArgumentException">A span's length is wrong, or <paramref name="scales"/> is neither empty nor K long.</exception>
    public void ToForecastWithOffsets<T, TForecast>(Span<T> outputs, ReadOnlySpan<T> levels, ReadOnlySpan<double> offsets, Span<TForecast> forecast, Span<TForecast> lower, Span<TForecast> upper,
        ReadOnlySpan<double> scales)
        where T : IFloatingPointIeee754<T>
        where TForecast : IFloatingPointIeee754<TForecast>
    {
        if (offsets.Length != outputs.Length)
            throw new ArgumentException($"{offsets.Length} interval offset(s) for {outputs.Length} output(s).", nameof(offsets));
        if (lower.Length != outputs.Length || upper.Length != outputs.Length)
            throw new ArgumentException($"{lower.Length} lower and {upper.Length} upper bound(s) for {outputs.Length} output(s).", nameof(lower));
        RequireColumns(TargetColumns, "target");
        if (!scales.IsEmpty && scales.Length != TargetColumns.Count)
            throw new ArgumentException($"{scales.Length} window scale(s) for {TargetColumns.Count} target(s).", nameof(scales));
        ToForecast(outputs, levels, forecast);
        int targets = TargetColumns.Count;
        for (int row = 0; row < outputs.Length; row += targets)
        {
            for (int k = 0; k < targets; k++)
            {
                int j = row + k;
                double y = double.CreateTruncating(outputs[j]);
                var scaler = TargetColumns[k];
                double offset = scales.IsEmpty ? offsets[j] : offsets[j] * scales[k];
                lower[j] = TForecast.CreateTruncating(scaler.Destandardize(y - offset));
                upper[j] = TForecast.CreateTruncating(scaler.Destandardize(y + offset));
            }
        }
    }

    /// <summary>
    /// The window scale of each target for scale-adaptive intervals: the mean absolute change of the target's input column
    /// over the last k = <see cref="PredictionIntervals.ScaleSteps"/> steps of <paramref name="standardizedWindow"/> (steps × I,
    /// standardised, before any per-window normalisation), at least <see cref="PredictionIntervals.MinimumScale"/>;
    /// computed in double. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No scale-adaptive intervals, no input or target columns, or a target that is not an input.</exception>
    /// <exception cref="ArgumentException">The window is not whole steps of I values, or shorter than k + 1 steps; <paramref name="scales"/> is not K long.</exception>
    public void IntervalScales<T>(ReadOnlySpan<T> standardizedWindow, Span<double> scales) where T : IFloatingPointIeee754<T>
    {
        if (Intervals?.ScaleSteps is not int steps)
            throw new InvalidOperationException("The preprocessing carries no scale-adaptive prediction intervals.");
        RequireColumns(InputColumns, "input");
        RequireColumns(TargetColumns, "target");
        int width = InputColumns.Count;
        if (standardizedWindow.Length % width != 0 || standardizedWindow.Length / width < steps + 1)
            throw new ArgumentException($"{standardizedWindow.Length} value(s) are not a window of at least {steps + 1} step(s) of {width} input(s).", nameof(standardizedWindow));
        if (scales.Length != TargetColumns.Count)
            throw new ArgumentException($"{scales.Length} scale(s) for {TargetColumns.Count} target(s).", nameof(scales));
        for (int k = 0; k < TargetColumns.Count; k++)
        {
            int input = InputIndexOfTarget(k);
            if (input < 0)
                throw new InvalidOperationException($"Target '{TargetColumns[k].Name}' is not an input column, so a window holds no recent values of it to scale its band by.");
            scales[k] = PredictionIntervals.RecentScale(standardizedWindow, width, input, steps);
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
