using System;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Metrics;

namespace GruNative.Training.Segments;

/// <summary>
/// Scores a channel-independent segment model over every window of a split, on the dataset's scoring scale
/// (standardised with the training rows' statistics), so its MSE and MAE compare with the plain GRU's
/// (<see cref="ModelEvaluation"/>) and the baselines' (<see cref="Scoreboard"/>) over the same windows.
/// </summary>
/// <remarks>
/// <para>
/// Window w of the split is forecast column by column (channel windows w·K … w·K + K − 1 of <see cref="SegmentWindows"/>),
/// and the K forecasts go back into the runtime's step-major order (step · K + column) before they are scored, so per
/// column errors, and the scores in original units, are those of a multivariate forecast.
/// </para>
/// <para>
/// The dataset has no window normalisation (<see cref="WindowNormalization.None"/>; the model subtracts each window's
/// last value itself) and no target transform, so the model's outputs are on the scoring scale as they are.
/// </para>
/// <para>
/// Forward passes run in shards of a fixed size on up to <c>threads</c> threads; the errors are added in window order,
/// so the scores are bit-identical for any thread count. The trainer's validation error is this evaluator's MSE.
/// </para>
/// </remarks>
public sealed class SegmentEvaluator
{
    /// <summary>Channel windows forecast per pass, at most (whole windows of the split: a multiple of K, at least K).</summary>
    private const int ChannelWindowsPerPass = 256;

    private readonly SegmentModelSpec _shape;
    private readonly WindowedDataset _data;
    private readonly SegmentShardedGradient _workers;
    private readonly int _windowsPerPass;   // windows of the split per pass; each is K channel windows
    private readonly int[] _indices;        // [pass]: channel window numbers
    private readonly float[] _windows;      // [pass][L]
    private readonly int[] _channels;       // [pass] with channel ids, else empty
    private readonly float[] _targets;      // [pass][H]
    private readonly float[] _outputs;      // [pass][H]
    private readonly float[] _forecasts;    // [windows][H·K], step-major
    private readonly float[] _actuals;      // [windows][H·K], step-major

    /// <summary>Prepares to score <paramref name="shape"/> on <paramref name="data"/>; allocates every buffer once.</summary>
    /// <param name="shape">The model's shape: the dataset's lookback and horizon, and its K columns as channels when channel ids are on.</param>
    /// <param name="data">The data, without window normalisation or target transform, with the same columns in and out.</param>
    /// <param name="shardSize">Channel windows per forward pass of one network.</param>
    /// <param name="threads">Worker threads; the scores do not depend on them.</param>
    /// <exception cref="ArgumentException">The dataset cannot feed a segment model, or the shape does not fit it.</exception>
    public SegmentEvaluator(SegmentModelSpec shape, WindowedDataset data, int shardSize = 64, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        new SegmentWindows(data, DatasetSplit.Train).CheckFits(shape);
        _shape = shape;
        _data = data;
        int k = data.Task.TargetCount, horizon = shape.Horizon;
        _windowsPerPass = Math.Max(1, ChannelWindowsPerPass / k);
        int pass = _windowsPerPass * k;
        _workers = new SegmentShardedGradient(shape, pass, shardSize, threads);
        _indices = new int[pass];
        _windows = new float[pass * shape.Lookback];
        _channels = new int[shape.UsesChannelIds ? pass : 0];
        _targets = new float[pass * horizon];
        _outputs = new float[pass * horizon];
        _forecasts = new float[pass * horizon];
        _actuals = new float[pass * horizon];
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Shape => _shape;

    /// <summary>The errors of <paramref name="parameters"/> over every window of <paramref name="split"/>, on the scoring scale.</summary>
    /// <param name="parameters">The flat parameters (<see cref="SegmentParameterLayout.Length"/> values).</param>
    /// <param name="split">Which split.</param>
    /// <exception cref="ArgumentException">The parameters have the wrong length.</exception>
    public ForecastErrorAccumulator Evaluate(float[] parameters, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length != _workers.Layout.Length)
            throw new ArgumentException($"{_shape} has {_workers.Layout.Length} parameters; got {parameters.Length}.", nameof(parameters));
        var source = new SegmentWindows(_data, split);
        int k = source.Channels, horizon = _shape.Horizon, windowCount = source.Count / k;
        var errors = new ForecastErrorAccumulator(k);
        for (int first = 0; first < windowCount; first += _windowsPerPass)
        {
            int windows = Math.Min(_windowsPerPass, windowCount - first), count = windows * k;
            for (int i = 0; i < count; i++)
                _indices[i] = first * k + i;
            source.Gather(_indices.AsSpan(0, count), _windows.AsSpan(0, count * _shape.Lookback), _channels.AsSpan(0, Math.Min(count, _channels.Length)),
                _targets.AsSpan(0, count * horizon));
            _workers.Forecast(parameters, _windows, _channels, count, _outputs);
            // Channel window w·K + c, step s → window w, output s·K + c: the runtime's order, so each column's errors add up as its own.
            for (int w = 0; w < windows; w++)
            {
                for (int c = 0; c < k; c++)
                {
                    int from = (w * k + c) * horizon, to = w * horizon * k + c;
                    for (int s = 0; s < horizon; s++)
                    {
                        _forecasts[to + s * k] = _outputs[from + s];
                        _actuals[to + s * k] = _targets[from + s];
                    }
                }
            }
            errors.Add<float>(_forecasts.AsSpan(0, count * horizon), _actuals.AsSpan(0, count * horizon));
        }
        return errors;
    }

    /// <summary>
    /// The scores of <paramref name="parameters"/> on <paramref name="split"/>, as <see cref="ModelEvaluation.Scores"/>
    /// computes the plain models' (standardised and original-unit MSE and MAE; MASE when <paramref name="maseScales"/>
    /// is given, for example <see cref="NaiveForecast.MaseScales"/>).
    /// </summary>
    public SplitScores Score(float[] parameters, DatasetSplit split, ReadOnlySpan<double> maseScales = default) =>
        ModelEvaluation.Scores(Evaluate(parameters, split), _data.ScoringScalers, _data.WindowCount(split), maseScales);
}
