using System;
using System.Buffers;
using System.Numerics;

namespace GruNative.Training.Data;

/// <summary>
/// Applies a <see cref="WindowNormalization"/> to gathered windows and undoes it on forecasts. Per window and input
/// column, the level is the column's last value (<see cref="WindowNormalization.LastValue"/>) or its mean over the L
/// steps (<see cref="WindowNormalization.Mean"/>); it is subtracted from that column's inputs and from the targets of
/// the same column, and added back to the forecasts of that column. All in standardised units. Calendar columns
/// (<see cref="CalendarFeatures.IsCalendarColumn"/>) are left alone, with level 0: subtracting the last value or the mean
/// of a phase would erase the position in the cycle that the model reads them for.
/// </summary>
/// <remarks>
/// Buffers have the layouts of <see cref="WindowedDataset"/>: inputs n × L × I, targets and forecasts n × (T · K)
/// (index step · K + target), levels n × <see cref="LevelsPerWindow"/>. Every target column must be an input column (S, M and MS tasks satisfy this);
/// its level is that input column's. The arithmetic of each window is the runtime's <see cref="WindowLevels"/>, the same a
/// device runs: means are summed in double in step order, then rounded to <c>T</c>.
/// </remarks>
public sealed class WindowNormalizer
{
    private readonly WindowLevels _levels;   // the runtime's arithmetic of one window, which a device runs too

    /// <summary>Creates the normaliser of <paramref name="task"/>'s windows (m = <paramref name="seasonLength"/> for the seasonal mode).</summary>
    /// <exception cref="ArgumentException">
    /// The mode is not None and a target column is not an input column; or the season length does not fit the mode
    /// (given exactly for <see cref="WindowNormalization.Seasonal"/>, with a lookback of two seasons or more).
    /// </exception>
    public WindowNormalizer(ForecastTask task, WindowNormalization mode, int? seasonLength = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        _levels = new WindowLevels(mode, task.InputColumns, task.TargetColumns, seasonLength);
        if (mode == WindowNormalization.Seasonal && task.Lookback < 2L * seasonLength!.Value)
            throw new ArgumentException(
                $"The seasonal window normalisation fits a trend and {seasonLength} seasonal means to each window, so it needs a lookback of at least two seasons ({2L * seasonLength.Value}), not {task.Lookback}.",
                nameof(seasonLength));
        Task = task;
        Mode = mode;
    }

    /// <summary>The task whose windows this normalises.</summary>
    public ForecastTask Task { get; }

    /// <summary>How the level is taken (None: windows pass unchanged, levels are 0).</summary>
    public WindowNormalization Mode { get; }

    /// <summary>m of <see cref="WindowNormalization.Seasonal"/>; null for the other modes.</summary>
    public int? SeasonLength => _levels.SeasonLength;

    /// <summary>Levels per window: I, or I · (m + 1) for <see cref="WindowNormalization.Seasonal"/> (see <see cref="WindowLevels"/>).</summary>
    public int LevelsPerWindow => _levels.LevelsPerWindow;

    /// <summary>
    /// Subtracts each window's levels in place from <paramref name="inputs"/> and from <paramref name="targets"/> (which may
    /// be empty, for inputs alone), and writes them to <paramref name="levels"/> (which may be empty when the caller does
    /// not need them). Calendar columns keep their values, and their levels are 0.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the number of windows in <paramref name="inputs"/>.</exception>
    public void Normalize<T>(Span<T> inputs, Span<T> targets, Span<T> levels) where T : IFloatingPointIeee754<T>
    {
        int lookback = Task.Lookback, width = LevelsPerWindow, windowLength = Task.InputValuesPerWindow, outputs = Task.OutputSize;
        if (inputs.Length % windowLength != 0)
            throw new ArgumentException($"{inputs.Length} input values are not whole windows of {lookback} × {Task.InputCount}.", nameof(inputs));
        int windows = inputs.Length / windowLength;
        if (!targets.IsEmpty && targets.Length != windows * outputs)
            throw new ArgumentException($"{targets.Length} target values for {windows} window(s) of {outputs}.", nameof(targets));
        if (!levels.IsEmpty && levels.Length != windows * width)
            throw new ArgumentException($"{levels.Length} levels for {windows} window(s) of {width} levels.", nameof(levels));
        if (Mode == WindowNormalization.None)
        {
            levels.Clear();
            return;
        }
        // A caller that keeps no levels still needs each window's for its targets: a pooled buffer, since this runs on
        // the training threads for every batch and must not allocate.
        T[]? scratch = levels.IsEmpty ? ArrayPool<T>.Shared.Rent(width) : null;
        try
        {
            for (int b = 0; b < windows; b++)
            {
                var windowLevels = scratch is null ? levels.Slice(b * width, width) : scratch.AsSpan(0, width);
                _levels.Normalize(inputs.Slice(b * windowLength, windowLength), windowLevels);
                if (!targets.IsEmpty)
                    _levels.NormalizeTargets<T>(targets.Slice(b * outputs, outputs), windowLevels);
            }
        }
        finally
        {
            if (scratch is not null)
                ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Adds back the levels that <see cref="Normalize{T}"/> recorded to <paramref name="forecasts"/> (n × T · K, in place):
    /// normalised forecasts become forecasts on the standardised scale.
    /// </summary>
    /// <exception cref="ArgumentException">The buffers' lengths disagree.</exception>
    public void Denormalize<T>(Span<T> forecasts, ReadOnlySpan<T> levels) where T : IFloatingPointIeee754<T>
    {
        int width = LevelsPerWindow, outputs = Task.OutputSize;
        if (levels.Length % width != 0 || forecasts.Length != levels.Length / width * outputs)
            throw new ArgumentException(
                $"{forecasts.Length} forecast values and {levels.Length} levels do not describe the same windows ({outputs} outputs and {width} levels each).",
                nameof(forecasts));
        if (Mode == WindowNormalization.None)
            return;
        int windows = levels.Length / width;
        for (int b = 0; b < windows; b++)
            _levels.Denormalize(forecasts.Slice(b * outputs, outputs), levels.Slice(b * width, width));
    }
}
