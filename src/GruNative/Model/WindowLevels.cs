using System;
using System.Collections.Generic;
using System.Numerics;

namespace GruNative;

/// <summary>
/// The arithmetic of a <see cref="WindowNormalization"/> for one window of one model's columns, shared by the trainer
/// and devices: the level of each input column (the window's last value, or its mean), subtracted from that column's
/// inputs and from the targets of the same name, and added back to their forecasts. Calendar columns
/// (<see cref="CalendarFeatures.IsCalendarColumn"/>) are exempt: their level is 0.
/// </summary>
/// <remarks>
/// <para>Layouts: a window is steps × I (row-major: index step · I + input), its levels are I values, its targets and
/// forecasts steps × K (step-major: index step · K + target), as the head writes them. Every method works in place on
/// the caller's spans, in the element type <c>T</c> given: a level is subtracted and added in <c>T</c>; a mean is summed
/// in double in step order, divided by the number of steps, then rounded to <c>T</c>. Nothing is allocated.</para>
/// <para>With <see cref="WindowNormalization.None"/> windows, targets and forecasts are left as they are and levels are 0.</para>
/// </remarks>
public sealed class WindowLevels
{
    private readonly int[] _inputOfTarget;   // per target column: the input column whose level it takes
    private readonly bool[] _calendar;       // per input column: exempt, level 0

    /// <summary>Creates the window arithmetic of a model reading <paramref name="inputColumns"/> and forecasting <paramref name="targetColumns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not defined.</exception>
    /// <exception cref="ArgumentException">The mode is not None and a target column is not an input column (names compare ordinally).</exception>
    public WindowLevels(WindowNormalization mode, IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown window normalisation.");
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

    /// <summary>I: input columns, and levels per window.</summary>
    public int InputCount => _calendar.Length;

    /// <summary>K: target columns.</summary>
    public int TargetCount => _inputOfTarget.Length;

    /// <summary>
    /// Takes the level of every input column of <paramref name="window"/> (steps × I, in place) and subtracts it from
    /// that column's values, writing the levels to <paramref name="levels"/> (I values). The level is the column's value
    /// at the last step (<see cref="WindowNormalization.LastValue"/>) or the mean of its values over the steps
    /// (<see cref="WindowNormalization.Mean"/>: summed in double, divided by the step count, rounded to <typeparamref name="T"/>).
    /// Calendar columns keep their values and get level 0; with <see cref="WindowNormalization.None"/> every level is 0
    /// and the window is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="window"/> is not one or more whole steps of I values, or <paramref name="levels"/> is not I long.</exception>
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
    /// <exception cref="ArgumentException"><paramref name="targets"/> is not one or more whole steps of K values, or <paramref name="levels"/> is not I long.</exception>
    public void NormalizeTargets<T>(Span<T> targets, ReadOnlySpan<T> levels) where T : IFloatingPointIeee754<T> =>
        Shift(targets, levels, subtract: true, nameof(targets));

    /// <summary>
    /// Adds back to <paramref name="forecasts"/> (steps × K, in place) the level of each target's input column, as
    /// <see cref="Normalize{T}"/> took it: the head's outputs become forecasts on the standardised scale.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="forecasts"/> is not one or more whole steps of K values, or <paramref name="levels"/> is not I long.</exception>
    public void Denormalize<T>(Span<T> forecasts, ReadOnlySpan<T> levels) where T : IFloatingPointIeee754<T> =>
        Shift(forecasts, levels, subtract: false, nameof(forecasts));

    /// <summary>Adds (or subtracts) each target's level to every step of that target in <paramref name="outputs"/> (steps × K).</summary>
    private void Shift<T>(Span<T> outputs, ReadOnlySpan<T> levels, bool subtract, string parameter) where T : IFloatingPointIeee754<T>
    {
        if (outputs.IsEmpty || TargetCount == 0 || outputs.Length % TargetCount != 0)
            throw new ArgumentException($"{outputs.Length} value(s) are not one or more whole steps of {TargetCount} target(s).", parameter);
        CheckLevels(levels.Length, nameof(levels));
        if (Mode == WindowNormalization.None)
            return;
        for (int k = 0; k < TargetCount; k++)
        {
            int input = _inputOfTarget[k];
            if (_calendar[input])
                continue;
            T delta = subtract ? -levels[input] : levels[input];
            for (int index = k; index < outputs.Length; index += TargetCount)
                outputs[index] += delta;
        }
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
        if (length != InputCount)
            throw new ArgumentException($"{length} level(s) for {InputCount} input column(s).", parameter);
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
