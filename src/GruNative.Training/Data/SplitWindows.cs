using System;
using System.Numerics;

namespace GruNative.Training.Data;

/// <summary>
/// The windows of one split, ready for a model: standardised, then normalised per window by the dataset's
/// <see cref="WindowedDataset.Normalizer"/>. This is what a training or evaluation loop reads.
/// </summary>
/// <remarks>
/// The loss on normalised windows equals the loss on the standardised scale, since a window's level is subtracted from
/// its targets and forecasts alike; to report forecasts on the standardised scale, keep the levels and call
/// <see cref="WindowNormalizer.Denormalize{T}"/>.
/// </remarks>
public sealed class SplitWindows : Fitting.IWindowSource
{
    internal SplitWindows(WindowedDataset dataset, DatasetSplit split)
    {
        if (!Enum.IsDefined(split))
            throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split.");
        Dataset = dataset;
        Split = split;
        Count = dataset.WindowCount(split);
    }

    /// <summary>The dataset the windows come from.</summary>
    public WindowedDataset Dataset { get; }

    /// <summary>Which split.</summary>
    public DatasetSplit Split { get; }

    /// <summary>Windows in the split.</summary>
    public int Count { get; }

    /// <summary>L: steps per window.</summary>
    public int Lookback => Dataset.Task.Lookback;

    /// <summary>I: model inputs per step.</summary>
    public int InputSize => Dataset.Task.InputCount;

    /// <summary>O = T · K: targets per window (step-major: step · K + target).</summary>
    public int OutputSize => Dataset.Task.OutputSize;

    /// <summary>
    /// Copies windows <paramref name="windows"/> (indices in [0, <see cref="Count"/>)) into <paramref name="inputs"/>
    /// (n × L × I) and <paramref name="targets"/> (n × O), normalised per window.
    /// </summary>
    public void Gather<T>(ReadOnlySpan<int> windows, Span<T> inputs, Span<T> targets) where T : IFloatingPointIeee754<T> =>
        Gather(windows, inputs, targets, []);

    /// <inheritdoc />
    void Fitting.IWindowSource.Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets) =>
        Gather(windows, inputs, targets, []);

    /// <summary>
    /// As <see cref="Gather{T}(ReadOnlySpan{int}, Span{T}, Span{T})"/>, also writing each window's levels (n × <see cref="WindowNormalizer.LevelsPerWindow"/>) to
    /// <paramref name="levels"/> for <see cref="WindowNormalizer.Denormalize{T}"/>; zeros when there is no normalisation.
    /// </summary>
    public void Gather<T>(ReadOnlySpan<int> windows, Span<T> inputs, Span<T> targets, Span<T> levels) where T : IFloatingPointIeee754<T>
    {
        Dataset.Gather(Split, windows, inputs, targets);
        Dataset.Normalizer.Normalize(inputs, targets, levels);
    }
}
