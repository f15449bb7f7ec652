using System;
using System.Collections.Generic;
using System.Numerics;

namespace GruNative;

/// <summary>
/// The arithmetic of a <see cref="WindowNormalization"/> for one window of one model's columns, shared by the trainer
/// and devices: the reference of each input column (the window's last value, its mean, or its seasonal decomposition),
/// subtracted from that column's inputs and from the targets of the same name, and added back to their forecasts.
/// Calendar columns (<see cref="CalendarFeatures.IsCalendarColumn"/>) are exempt: their reference is 0.
/// </summary>
/// <remarks>
/// <para>Layouts: a window is steps × I (row-major: index step · I + input), its levels are <see cref="LevelsPerWindow"/>
/// values, its targets and forecasts steps × K (step-major: index step · K + target), as the head writes them. Every
/// method works in place on the caller's spans, in the element type <c>T</c> given: a level is subtracted and added in
/// <c>T</c>; a mean or a fit is computed in double in step order, then rounded to <c>T</c>. Nothing is allocated.</para>
/// <para>Levels: one per input column for <see cref="WindowNormalization.LastValue"/> and <see cref="WindowNormalization.Mean"/>;
/// m + 1 per input column for <see cref="WindowNormalization.Seasonal"/> (column i's block starts at i · (m + 1)): the
/// fit's value at the m steps after the window, e₀ … e_{m−1}, then its slope b, so forecast step s (from 0) has the
/// reference e_{s mod m} + b · (s − s mod m).</para>
/// <para>The seasonal fit of a column x₀ … x_{n−1} (n ≥ 2m): x_t ≈ c_{t mod m} + b · t, by least squares — b is the
/// pooled within-phase slope Σ (t − t̄_p)(x_t − x̄_p) / Σ (t − t̄_p)², and c_p = x̄_p − b · t̄_p, with t̄_p and x̄_p the
/// means of the steps and values of phase p.</para>
/// <para>With <see cref="WindowNormalization.None"/> windows, targets and forecasts are left as they are and levels are 0.</para>
/// </remarks>
public sealed class WindowLevels
{
    private readonly int[] _inputOfTarget;   // per target column: the input column whose level it takes
    private readonly bool[] _calendar;       // per input column: exempt, level 0
    private readonly int _seasonLength;      // m of the seasonal fit; 1 (unused) otherwise

    /// <summary>Creates the window arithmetic of a model reading <paramref name="inputColumns"/> and forecasting <paramref name="targetColumns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not defined.</exception>
    /// <exception cref="ArgumentException">
    /// The mode is not None and a target column is not an input column (names compare ordinally); or the mode is
    /// <see cref="WindowNormalization.Seasonal"/> without a season length ≥ 1, or another mode with one.
    /// </exception>
    public WindowLevels(WindowNormalization mode, IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns, int? seasonLength = null)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown window normalisation.");
        if (PreprocessingRules.FindSeasonMismatch(null, mode == WindowNormalization.Seasonal, seasonLength) is { } problem)
            throw new ArgumentException(problem.Value + ".", nameof(seasonLength));
        _seasonLength = seasonLength ?? 1;
        _calendar = new bool[inputColumns.Count];
        for (int i = 0; i < _calendar.Length; i++)
            _calendar[i] = CalendarFeatures.IsCalendarColumn(inputColumns[i]);
        _inputOfTarget = new int[targetColumns.Count];
        for (int k = 0; k < _inputOfTarget.Length; k++)
        {
            _inputOfTarget[k] = IndexOf(inputColumns, targetColumns[k]);
            if (mode != WindowNormalization.None && _inputOfTarget[k] < 0)
                throw new ArgumentException(
                    $"Window normalisation {mode} needs every target among the inputs, but target '{targetColumns[k]}' is not an input column.",
                    nameof(targetColumns));
        }
        Mode = mode;
    }

    /// <summary>How the level is taken.</summary>
    public WindowNormalization Mode { get; }

    /// <summary>I: input columns.</summary>
    public int InputCount => _calendar.Length;

    /// <summary>m, the season length of <see cref="WindowNormalization.Seasonal"/>; null for the other modes.</summary>
    public int? SeasonLength => Mode == WindowNormalization.Seasonal ? _seasonLength : null;

    /// <summary>Levels per window: I, or I · (m + 1) for <see cref="WindowNormalization.Seasonal"/>.</summary>
    public int LevelsPerWindow => Mode == WindowNormalization.Seasonal ? InputCount * (_seasonLength + 1) : InputCount;

    /// <summary>K: target columns.</summary>
    public int TargetCount => _inputOfTarget.Length;

    /// <summary>
    /// Takes the reference of every input column of <paramref name="window"/> (steps × I, in place) and subtracts it from
    /// that column's values, writing the levels to <paramref name="levels"/> (<see cref="LevelsPerWindow"/> values). The
    /// reference is the column's value at the last step (<see cref="WindowNormalization.LastValue"/>), the mean of its
    /// values (<see cref="WindowNormalization.Mean"/>: summed in double, divided by the step count, rounded to
    /// <typeparamref name="T"/>), or its seasonal fit (<see cref="WindowNormalization.Seasonal"/>: computed in double,
    /// each step's fitted value rounded to <typeparamref name="T"/>). Calendar columns keep their values and get levels 0;
    /// with <see cref="WindowNormalization.None"/> every level is 0 and the window is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="window"/> is not one or more whole steps of I values (two seasons or more for the seasonal fit), or
    /// <paramref name="levels"/> is not <see cref="LevelsPerWindow"/> long.
    /// </exception>
    public void Normalize<T>(Span<T> window, Span<T> levels) where T : IFloatingPointIeee754<T>
    {
        int width = InputCount;
        if (window.IsEmpty || width == 0 || window.Length % width != 0)
            throw new ArgumentException($"{window.Length} value(s) are not one or more whole steps of {width} input(s).", nameof(window));
        CheckLevels(levels.Length, nameof(levels));
        if (Mode == WindowNormalization.None)
        {
            levels.Clear();
            return;
        }
        int steps = window.Length / width;
        if (Mode == WindowNormalization.Seasonal)
        {
            if (steps < 2 * _seasonLength)
                throw new ArgumentException($"A window of {steps} step(s) is shorter than the two seasons ({2 * _seasonLength} steps) the seasonal fit needs.", nameof(window));
            int block = _seasonLength + 1;
            for (int i = 0; i < width; i++)
            {
                var columnLevels = levels.Slice(i * block, block);
                if (_calendar[i])
                    columnLevels.Clear();
                else
                    SeasonalFit(window, i, steps, width, columnLevels);
            }
            return;
        }
        for (int i = 0; i < width; i++)
        {
            if (_calendar[i])
            {
                levels[i] = T.Zero;
                continue;
            }
            T level = Level(window, i, steps, width);
            for (int t = 0; t < steps; t++)
                window[t * width + i] -= level;
            levels[i] = level;
        }
    }

    /// <summary>
    /// Subtracts from <paramref name="targets"/> (steps × K, in place) the level of each target's input column, as
    /// <see cref="Normalize{T}"/> took it: the actual values of a window on the scale its normalised forecasts are on.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targets"/> is not one or more whole steps of K values, or <paramref name="levels"/> is not <see cref="LevelsPerWindow"/> long.</exception>
    public void NormalizeTargets<T>(Span<T> targets, ReadOnlySpan<T> levels) where T : IFloatingPointIeee754<T> =>
        Shift(targets, levels, subtract: true, nameof(targets));

    /// <summary>
    /// Adds back to <paramref name="forecasts"/> (steps × K, in place) the level of each target's input column, as
    /// <see cref="Normalize{T}"/> took it: the head's outputs become forecasts on the standardised scale.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="forecasts"/> is not one or more whole steps of K values, or <paramref name="levels"/> is not <see cref="LevelsPerWindow"/> long.</exception>
    public void Denormalize<T>(Span<T> forecasts, ReadOnlySpan<T> levels) where T : IFloatingPointIeee754<T> =>
        Shift(forecasts, levels, subtract: false, nameof(forecasts));

    /// <summary>Adds (or subtracts) each target's reference to every step of that target in <paramref name="outputs"/> (steps × K).</summary>
    private void Shift<T>(Span<T> outputs, ReadOnlySpan<T> levels, bool subtract, string parameter) where T : IFloatingPointIeee754<T>
    {
        if (outputs.IsEmpty || TargetCount == 0 || outputs.Length % TargetCount != 0)
            throw new ArgumentException($"{outputs.Length} value(s) are not one or more whole steps of {TargetCount} target(s).", parameter);
        CheckLevels(levels.Length, nameof(levels));
        if (Mode == WindowNormalization.None)
            return;
        int block = Mode == WindowNormalization.Seasonal ? _seasonLength + 1 : 1;
        for (int k = 0; k < TargetCount; k++)
        {
            int input = _inputOfTarget[k];
            if (_calendar[input])
                continue;
            var columnLevels = levels.Slice(input * block, block);
            for (int step = 0, index = k; index < outputs.Length; step++, index += TargetCount)
            {
                T reference = Mode == WindowNormalization.Seasonal ? SeasonalReference(columnLevels, step) : columnLevels[0];
                outputs[index] = subtract ? outputs[index] - reference : outputs[index] + reference;
            }
        }
    }

    /// <summary>
    /// Fits x_t ≈ c_{t mod m} + b · t to column <paramref name="column"/> of the window (see the remarks), subtracts each
    /// step's fitted value (rounded to <typeparamref name="T"/>) from it, and writes e₀ … e_{m−1} and b to
    /// <paramref name="columnLevels"/>.
    /// </summary>
    private void SeasonalFit<T>(Span<T> window, int column, int steps, int width, Span<T> columnLevels) where T : IFloatingPointIeee754<T>
    {
        int m = _seasonLength;
        // Pooled within-phase slope: each phase's steps and values are centred on that phase's means, so the seasonal
        // means drop out of the slope. Every sum is in double, in step order.
        double slopeNumerator = 0, slopeDenominator = 0;
        for (int p = 0; p < m; p++)
        {
            PhaseMeans(window, column, steps, width, p, out double meanStep, out double meanValue);
            for (int t = p; t < steps; t += m)
            {
                double centredStep = t - meanStep;
                slopeNumerator += centredStep * (double.CreateTruncating(window[t * width + column]) - meanValue);
                slopeDenominator += centredStep * centredStep;
            }
        }
        double slope = slopeNumerator / slopeDenominator;   // > 0: n ≥ 2m puts two steps in every phase
        for (int p = 0; p < m; p++)
        {
            PhaseMeans(window, column, steps, width, p, out double meanStep, out double meanValue);
            double intercept = meanValue - slope * meanStep;
            for (int t = p; t < steps; t += m)
                window[t * width + column] -= T.CreateTruncating(intercept + slope * t);
            // The fit at the first step after the window with this phase, steps + ((p − steps) mod m): e_j for j = that offset.
            int offset = ((p - steps) % m + m) % m;
            columnLevels[offset] = T.CreateTruncating(intercept + slope * (steps + offset));
        }
        columnLevels[m] = T.CreateTruncating(slope);
    }

    /// <summary>The means of the steps t ≡ <paramref name="phase"/> (mod m) of the window and of column <paramref name="column"/>'s values there.</summary>
    private void PhaseMeans<T>(ReadOnlySpan<T> window, int column, int steps, int width, int phase, out double meanStep, out double meanValue)
        where T : IFloatingPointIeee754<T>
    {
        double stepSum = 0, valueSum = 0;
        int count = 0;
        for (int t = phase; t < steps; t += _seasonLength, count++)
        {
            stepSum += t;
            valueSum += double.CreateTruncating(window[t * width + column]);
        }
        meanStep = stepSum / count;
        meanValue = valueSum / count;
    }

    /// <summary>The seasonal reference of forecast step <paramref name="step"/>: e_{s mod m} + b · (s − s mod m), in double, rounded to <typeparamref name="T"/>.</summary>
    private T SeasonalReference<T>(ReadOnlySpan<T> columnLevels, int step) where T : IFloatingPointIeee754<T>
    {
        int phase = step % _seasonLength;
        return T.CreateTruncating(double.CreateTruncating(columnLevels[phase])
            + double.CreateTruncating(columnLevels[_seasonLength]) * (step - phase));
    }

    /// <summary>The level of input column <paramref name="column"/> in a window of <paramref name="steps"/> × <paramref name="width"/>.</summary>
    private T Level<T>(ReadOnlySpan<T> window, int column, int steps, int width) where T : IFloatingPointIeee754<T>
    {
        if (Mode == WindowNormalization.LastValue)
            return window[(steps - 1) * width + column];
        // Summed in double whatever T is, so a float window's mean does not depend on how far the sum has grown.
        double sum = 0;
        for (int t = 0; t < steps; t++)
            sum += double.CreateTruncating(window[t * width + column]);
        return T.CreateTruncating(sum / steps);
    }

    private void CheckLevels(int length, string parameter)
    {
        if (length != LevelsPerWindow)
            throw new ArgumentException($"{length} level(s) where {InputCount} input column(s) take {LevelsPerWindow}.", parameter);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
