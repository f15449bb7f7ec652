using System;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Training.Segments;

/// <summary>
/// A trained channel-independent segment model over the windows of a dataset's task: each window's K columns are
/// forecast as K univariate windows (column c with channel id c when channel ids are on) and go back into the task's
/// step-major order, so <see cref="ModelEvaluation"/>, <see cref="Scoreboard"/> and <see cref="IntervalCalibration"/>
/// score it as they score a plain model, per column and in the data's units.
/// </summary>
/// <remarks>
/// The dataset has no window normalisation (the model subtracts each window's last value itself) and no target
/// transform, so the outputs are on the scoring scale as they are. Forward passes run in shards of a fixed size on up to
/// <c>threads</c> threads; a window's forecast does not depend on the thread count (bit for bit).
/// </remarks>
public sealed class SegmentForecaster : IWindowForecaster
{
    /// <summary>Channel windows forecast per pass, at most.</summary>
    private const int ChannelWindowsPerPass = 256;

    private readonly float[] _parameters;
    private readonly SegmentShardedGradient _workers;
    private readonly int _windowsPerPass;   // windows of the task per pass; each is K channel windows
    private readonly float[] _windows;      // [pass · K][L]
    private readonly int[] _channels;       // [pass · K] with channel ids, else empty
    private readonly float[] _outputs;      // [pass · K][H]

    /// <summary>Prepares to forecast the windows of <paramref name="data"/> with the model <paramref name="parameters"/> of shape <paramref name="spec"/>.</summary>
    /// <param name="spec">The model's shape: the dataset's lookback and horizon, and its K columns as channels when channel ids are on.</param>
    /// <param name="parameters">The flat parameters (<see cref="SegmentParameterLayout"/>); read, not copied: do not change them while forecasting.</param>
    /// <param name="data">The data, without window normalisation or target transform, with the same columns in and out.</param>
    /// <param name="threads">Worker threads; the forecasts do not depend on them.</param>
    /// <param name="shardSize">Channel windows per forward pass of one network.</param>
    /// <exception cref="ArgumentException">The dataset cannot feed a segment model, the shape does not fit it, or the parameters have the wrong length.</exception>
    public SegmentForecaster(SegmentModelSpec spec, float[] parameters, WindowedDataset data, int threads = 1, int shardSize = 64)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        new SegmentWindows(data, DatasetSplit.Train).CheckFits(spec);
        int k = data.Task.TargetCount;
        _windowsPerPass = Math.Max(1, ChannelWindowsPerPass / k);
        int pass = _windowsPerPass * k;
        _workers = new SegmentShardedGradient(spec, pass, shardSize, threads);
        if (parameters.Length != _workers.Layout.Length)
            throw new ArgumentException($"{spec} has {_workers.Layout.Length} parameters; got {parameters.Length}.", nameof(parameters));
        _parameters = parameters;
        Spec = spec;
        Task = data.Task;
        _windows = new float[pass * spec.Lookback];
        _outputs = new float[pass * spec.Horizon];
        _channels = new int[spec.UsesChannelIds ? pass : 0];
        for (int i = 0; i < _channels.Length; i++)
            _channels[i] = i % k;   // channel window b · K + c is column c
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Spec { get; }

    /// <inheritdoc />
    public ForecastTask Task { get; }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        NetworkForecaster.CheckBuffers(Task, inputs.Length, count, outputs.Length);
        int k = Task.TargetCount, lookback = Task.Lookback, horizon = Task.Horizon;
        for (int first = 0; first < count; first += _windowsPerPass)
        {
            int n = Math.Min(_windowsPerPass, count - first);
            ChannelOrder.Split(inputs.Slice(first * lookback * k, n * lookback * k), n, lookback, k, _windows.AsSpan(0, n * k * lookback));
            _workers.Forecast(_parameters, _windows, _channels, n * k, _outputs);
            ChannelOrder.Merge(_outputs.AsSpan(0, n * k * horizon), n, horizon, k, outputs.Slice(first * horizon * k, n * horizon * k));
        }
    }
}
