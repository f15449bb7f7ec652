using System;
using GruNative.Training.Data;

namespace GruNative.Training.Fitting;

/// <summary>
/// A forecaster's outputs (model scale, before the window's levels are added) and each window's levels over windows
/// <see cref="First"/> … <see cref="End"/> − 1 of a split, computed once — window by window, exactly as interval scoring
/// computes them — so that a check scoring several candidates on the same windows (<see cref="IntervalTrackingSelection"/>:
/// one replay per tracking rate) runs the model once instead of once per candidate.
/// </summary>
internal sealed class WindowOutputs
{
    private readonly float[] _outputs;   // [windows][O]
    private readonly float[] _levels;    // [windows][levels per window]
    private readonly int _outputSize, _levelsPerWindow;

    /// <summary>Runs <paramref name="forecaster"/> over windows <paramref name="first"/> … <paramref name="end"/> − 1 of <paramref name="split"/>.</summary>
    public WindowOutputs(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, int first, int end)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, data.WindowCount(split));
        var task = data.Task;
        Split = split;
        First = first;
        End = end;
        _outputSize = task.OutputSize;
        _levelsPerWindow = data.Normalizer.LevelsPerWindow;
        _outputs = new float[(end - first) * _outputSize];
        _levels = new float[(end - first) * _levelsPerWindow];
        var source = data.Windows(split);
        var inputs = new float[task.InputValuesPerWindow];
        var actuals = new float[_outputSize];
        for (int w = first; w < end; w++)
        {
            int i = w - first;
            Forecast(forecaster, source, w, inputs, actuals, _levels.AsSpan(i * _levelsPerWindow, _levelsPerWindow), _outputs.AsSpan(i * _outputSize, _outputSize));
        }
    }

    /// <summary>
    /// Forecasts window <paramref name="window"/> of <paramref name="source"/> on its own, as every single-window path of
    /// <see cref="ModelEvaluation"/> does (the band replay, a plotted window, this cache): one definition, so the cached
    /// outputs are the replay's to the bit. <paramref name="inputs"/> and <paramref name="actuals"/> are scratch.
    /// </summary>
    public static void Forecast(IWindowForecaster forecaster, SplitWindows source, int window, Span<float> inputs, Span<float> actuals,
        Span<float> levels, Span<float> outputs)
    {
        source.Gather<float>([window], inputs, actuals, levels);
        forecaster.Forward(inputs, 1, outputs);
    }

    /// <summary>The split the windows belong to.</summary>
    public DatasetSplit Split { get; }

    /// <summary>The first window held.</summary>
    public int First { get; }

    /// <summary>One past the last window held.</summary>
    public int End { get; }

    /// <summary>Copies window <paramref name="window"/>'s outputs and levels.</summary>
    public void CopyTo(int window, Span<float> outputs, Span<float> levels)
    {
        int i = window - First;
        _outputs.AsSpan(i * _outputSize, _outputSize).CopyTo(outputs);
        _levels.AsSpan(i * _levelsPerWindow, _levelsPerWindow).CopyTo(levels);
    }
}
