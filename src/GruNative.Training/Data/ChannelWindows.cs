using System;
using System.Buffers;
using System.Linq;

namespace GruNative.Training.Data;

/// <summary>
/// The windows of a multivariate split seen one channel at a time, for a channel-independent model: one univariate model
/// (I = 1, O = horizon) shared by every column, as DLinear and PatchTST train theirs. Window w of channel c is window
/// <c>w / K</c> of the split, column <c>c = w mod K</c>: its lookback of that column in, its horizon of that column out —
/// standardised with the column's own scaler and normalised per window by the column's own level.
/// </summary>
/// <remarks>
/// Needs a task whose inputs and targets are the same columns in the same order (mode M). A model trained on these
/// windows serves each column on its own: on a device, one recurrent state per column and that column's scaler.
/// </remarks>
public sealed class ChannelWindows : Fitting.IWindowSource
{
    private readonly SplitWindows _windows;
    private readonly int _channels;

    /// <summary>Wraps the windows of one split.</summary>
    /// <exception cref="ArgumentException">The task's inputs and targets are not the same columns in the same order.</exception>
    public ChannelWindows(SplitWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        CheckTask(windows.Dataset.Task);
        _windows = windows;
        _channels = windows.Dataset.Task.TargetCount;
    }

    /// <summary>Whether <paramref name="task"/> can be learnt channel by channel: inputs and targets are the same columns, in order.</summary>
    public static bool Supports(ForecastTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.InputColumns.SequenceEqual(task.TargetColumns, StringComparer.Ordinal);
    }

    /// <summary>Windows × channels.</summary>
    public int Count => _windows.Count * _channels;

    /// <summary>L: steps per window.</summary>
    public int Lookback => _windows.Lookback;

    /// <summary>One value per step: the channel's.</summary>
    public int InputSize => 1;

    /// <summary>T: the channel's horizon.</summary>
    public int OutputSize => _windows.Dataset.Task.Horizon;

    /// <summary>
    /// Copies channel windows <paramref name="windows"/> (indices in [0, <see cref="Count"/>)) into <paramref name="inputs"/>
    /// (n × L) and <paramref name="targets"/> (n × T).
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length is not n × L or n × T.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public void Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets)
    {
        int lookback = Lookback, horizon = OutputSize, k = _channels;
        if (inputs.Length != windows.Length * lookback || targets.Length != windows.Length * horizon)
            throw new ArgumentException($"{windows.Length} channel window(s) need {windows.Length * lookback} inputs and {windows.Length * horizon} targets; got {inputs.Length} and {targets.Length}.");
        var task = _windows.Dataset.Task;
        // One multivariate window at a time, normalised per column by the split's normaliser, then the one column taken.
        // Pooled buffers: this runs on the training threads for every batch and must not allocate.
        float[] window = ArrayPool<float>.Shared.Rent(task.InputValuesPerWindow);
        float[] future = ArrayPool<float>.Shared.Rent(task.OutputSize);
        try
        {
            Span<int> one = stackalloc int[1];
            for (int b = 0; b < windows.Length; b++)
            {
                int index = windows[b];
                if ((uint)index >= (uint)Count)
                    throw new ArgumentOutOfRangeException(nameof(windows), index, $"Channel window index at position {b} is outside the {Count} channel window(s).");
                one[0] = index / k;
                int channel = index % k;
                _windows.Gather<float>(one, window.AsSpan(0, task.InputValuesPerWindow), future.AsSpan(0, task.OutputSize));
                for (int t = 0; t < lookback; t++)
                    inputs[b * lookback + t] = window[t * k + channel];
                for (int s = 0; s < horizon; s++)
                    targets[b * horizon + s] = future[s * k + channel];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(window);
            ArrayPool<float>.Shared.Return(future);
        }
    }

    internal static void CheckTask(ForecastTask task)
    {
        if (!Supports(task))
            throw new ArgumentException($"A channel-independent model needs the same columns in and out (mode M); the task is {task}.", nameof(task));
    }
}
