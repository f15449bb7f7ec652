using System;
using GruNative.Training.Data;

namespace GruNative.Training.Segments;

/// <summary>
/// The windows of one split seen one channel at a time, with each window's channel id: what a channel-independent
/// segment model (one <see cref="SegmentNetwork{T}"/> shared by every column) trains and is scored on. Channel window i
/// is window <c>i / K</c> of the split, column <c>c = i mod K</c> (K target columns): that column's L standardised
/// values in, its H standardised values out, and c as its channel id — the numbering of the plain trainer's
/// <see cref="ChannelWindows"/>, which has no channel ids.
/// </summary>
/// <remarks>
/// <para>
/// The dataset must forecast the columns it reads, in the same order (mode M, or S without calendar columns), with no
/// per-window normalisation (<see cref="WindowNormalization.None"/>): the segment model subtracts each window's last
/// value itself and adds it back to the forecast, so windows arrive only standardised. It must have no target
/// transform either, so that the model's scale is the scoring scale.
/// </para>
/// <para>Gathering reads the dataset's standardised series in place; it allocates nothing and is thread-safe.</para>
/// </remarks>
public sealed class SegmentWindows
{
    private readonly WindowedDataset _data;
    private readonly int _firstRow;   // the row of window 0's first input
    private readonly int _channels;

    /// <summary>Wraps the windows of <paramref name="split"/> of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The task reads other columns than it forecasts, the dataset normalises windows, or it transforms its targets.
    /// </exception>
    public SegmentWindows(WindowedDataset data, DatasetSplit split)
    {
        if (FindProblem(data) is string problem)
            throw new ArgumentException($"The dataset cannot feed a segment model: {problem}.", nameof(data));
        _data = data;
        Split = split;
        _firstRow = data.Splits.Windows(split).Start;
        _channels = data.Task.TargetCount;
        Count = data.WindowCount(split) * _channels;
    }

    /// <summary>The dataset the windows come from.</summary>
    public WindowedDataset Dataset => _data;

    /// <summary>Which split.</summary>
    public DatasetSplit Split { get; }

    /// <summary>Windows of the split × channels.</summary>
    public int Count { get; }

    /// <summary>K: channels, the task's target columns.</summary>
    public int Channels => _channels;

    /// <summary>L: values per window.</summary>
    public int Lookback => _data.Task.Lookback;

    /// <summary>H: values forecast per window.</summary>
    public int Horizon => _data.Task.Horizon;

    /// <summary>
    /// Copies channel windows <paramref name="indices"/> (in [0, <see cref="Count"/>), any order, repeats allowed):
    /// inputs to <paramref name="windows"/> ([n][L]), channel ids to <paramref name="channels"/> ([n], or empty to skip
    /// them) and targets to <paramref name="targets"/> ([n][H]).
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not fit n windows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public void Gather(ReadOnlySpan<int> indices, Span<float> windows, Span<int> channels, Span<float> targets)
    {
        int n = indices.Length, lookback = Lookback, horizon = Horizon, k = _channels;
        if (windows.Length != n * lookback || targets.Length != n * horizon || (channels.Length != 0 && channels.Length != n))
            throw new ArgumentException($"{n} channel window(s) need {n * lookback} inputs, {n * horizon} targets and {n} channel ids (or none); got {windows.Length}, {targets.Length} and {channels.Length}.");
        // Inputs and targets are the same columns in the same order, so a channel's inputs are its target column too.
        ReadOnlySpan<double> inputs = _data.StandardizedInputs, outputs = _data.StandardizedTargets;
        int width = _data.Task.InputCount;
        for (int b = 0; b < n; b++)
        {
            int index = indices[b];
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Channel window index at position {b} is outside the {Count} channel window(s).");
            int start = _firstRow + index / k, channel = index % k;
            Span<float> window = windows.Slice(b * lookback, lookback);
            for (int t = 0; t < lookback; t++)
                window[t] = (float)inputs[(start + t) * width + channel];
            Span<float> target = targets.Slice(b * horizon, horizon);
            for (int s = 0; s < horizon; s++)
                target[s] = (float)outputs[(start + lookback + s) * k + channel];
            if (channels.Length != 0)
                channels[b] = channel;
        }
    }

    /// <summary>Throws unless <paramref name="shape"/> reads and forecasts these windows: its L and H, and C = K or no channel ids.</summary>
    internal void CheckFits(SegmentModelSpec shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Lookback != Lookback || shape.Horizon != Horizon)
            throw new ArgumentException($"The model {shape} needs windows of L = {shape.Lookback}, H = {shape.Horizon}; the dataset's are L = {Lookback}, H = {Horizon}.", nameof(shape));
        if (shape.UsesChannelIds && shape.Channels != _channels)
            throw new ArgumentException($"The model {shape} has {shape.Channels} channel embeddings; the dataset has {_channels} channel(s).", nameof(shape));
    }

    /// <summary>Why <paramref name="data"/> cannot feed a segment model, or null when it can.</summary>
    public static string? FindProblem(WindowedDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!ChannelWindows.Supports(data.Task))
            return $"a channel-independent segment model needs the same columns in and out (mode M, or S without calendar columns); the task is {data.Task}";
        if (data.Normalizer.Mode != WindowNormalization.None)
            return $"the segment model subtracts each window's last value itself; build the dataset without window normalisation (it uses {data.Normalizer.Mode})";
        if (data.HasTransform)
            return "the segment model does not support a target transform yet; build the dataset without one";
        return null;
    }
}
