using System;
using System.Collections.Generic;
using GruNative.Training.Data;
using GruNative.Training.Metrics;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>Scores of one forecaster (or baseline) on one split.</summary>
/// <param name="Windows">Windows scored (every window of the split).</param>
/// <param name="Mse">Mean squared error on the standardised scale (the scale papers report).</param>
/// <param name="Mae">Mean absolute error on the standardised scale.</param>
/// <param name="MseOriginal">Mean squared error in the targets' own units (averaged over target columns).</param>
/// <param name="MaeOriginal">Mean absolute error in the targets' own units.</param>
/// <param name="Mase">Mean absolute scaled error against the in-sample seasonal naive of the training rows, if a scale is known.</param>
public sealed record SplitScores(int Windows, double Mse, double Mae, double MseOriginal, double MaeOriginal, double? Mase);

/// <summary>How one level of prediction intervals did on a split.</summary>
/// <param name="Level">The nominal coverage, e.g. 0.95.</param>
/// <param name="Coverage">The share of actual values inside their interval.</param>
/// <param name="MeanWidth">The mean width, on the standardised scale.</param>
/// <param name="Winkler">The mean interval (Winkler) score: width + 2/α × the miss, α = 1 − level, on the standardised scale.</param>
public sealed record IntervalScore(double Level, double Coverage, double MeanWidth, double Winkler);

/// <summary>Runs a trained model over every window of a split and scores it; also forecasts single windows for plots.</summary>
public static class ModelEvaluation
{
    private const int Batch = 64;

    /// <summary>
    /// The errors of <paramref name="parameters"/> over every window of <paramref name="split"/>, on the scoring scale
    /// (<see cref="WindowedDataset.ScoringScalers"/>: standardised, never transformed). A model of the task's shape reads
    /// whole windows; a univariate model (I = 1, O = horizon) of a task with the same columns in and out is
    /// channel-independent and forecasts each column on its own (see <see cref="NetworkForecaster"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The model fits the task in neither way.</exception>
    public static ForecastErrorAccumulator Evaluate(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return Evaluate(new NetworkForecaster(parameters, data.Task), data, split);
    }

    /// <summary>
    /// The errors of an ensemble over every window of <paramref name="split"/>, scored as
    /// <see cref="Evaluate(NetworkParameters{float}, WindowedDataset, DatasetSplit)"/> scores one model: each window's
    /// forecast is the mean of the members' head outputs (see <see cref="NetworkForecaster"/>), before the window's levels
    /// and the transform are undone.
    /// </summary>
    /// <exception cref="ArgumentException">No members, members of different shapes, or a shape that fits the task in neither way.</exception>
    public static ForecastErrorAccumulator Evaluate(IReadOnlyList<NetworkParameters<float>> members, WindowedDataset data, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Evaluate(new NetworkForecaster(members, data.Task), data, split);
    }

    /// <summary>
    /// The errors of <paramref name="forecaster"/> over every window of <paramref name="split"/>, on the scoring scale
    /// (<see cref="WindowedDataset.ScoringScalers"/>: standardised, never transformed): with a target transform, each
    /// forecast goes back to the data's units as a device's does (levels added, transform inverted) and is scored there.
    /// </summary>
    /// <exception cref="ArgumentException">The forecaster reads another task than the dataset's.</exception>
    public static ForecastErrorAccumulator Evaluate(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split)
    {
        CheckTask(forecaster, data);
        var task = data.Task;
        var windows = data.Windows(split);
        var errors = new ForecastErrorAccumulator(task.TargetCount);
        bool transformed = data.HasTransform;
        int levelsPerWindow = data.Normalizer.LevelsPerWindow;
        var indices = new int[Batch];
        var inputs = new float[Batch * task.InputValuesPerWindow];
        var targets = new float[Batch * task.OutputSize];
        var outputs = new float[Batch * task.OutputSize];
        var levels = transformed ? new float[Batch * levelsPerWindow] : [];
        var forecast = transformed ? new double[task.OutputSize] : [];
        var actual = transformed ? new double[task.OutputSize] : [];
        var preprocessing = data.ToPreprocessing();
        for (int first = 0; first < windows.Count; first += Batch)
        {
            int n = Math.Min(Batch, windows.Count - first);
            for (int b = 0; b < n; b++)
                indices[b] = first + b;
            var batchInputs = inputs.AsSpan(0, n * task.InputValuesPerWindow);
            var batchTargets = targets.AsSpan(0, n * task.OutputSize);
            var batchOutputs = outputs.AsSpan(0, n * task.OutputSize);
            if (!transformed)
            {
                // Normalised windows: the level is subtracted from targets and forecasts alike, so the errors are those
                // of the standardised scale.
                windows.Gather<float>(indices.AsSpan(0, n), batchInputs, batchTargets);
                forecaster.Forward(batchInputs, n, batchOutputs);
                errors.Add<float>(batchOutputs, batchTargets);
                continue;
            }
            // A transformed model's forecasts go back to the data's units (levels added, transform inverted, as a device
            // does) and are scored there against the actual values, on the scoring scale.
            windows.Gather<float>(indices.AsSpan(0, n), batchInputs, batchTargets, levels.AsSpan(0, n * levelsPerWindow));
            forecaster.Forward(batchInputs, n, batchOutputs);
            for (int b = 0; b < n; b++)
            {
                preprocessing.ToForecast<float, double>(batchOutputs.Slice(b * task.OutputSize, task.OutputSize),
                    levels.AsSpan(b * levelsPerWindow, levelsPerWindow), forecast);
                int firstRow = data.WindowStart(split, first + b) + task.Lookback;
                for (int j = 0; j < task.OutputSize; j++)
                {
                    int k = j % task.TargetCount;
                    forecast[j] = data.ScoringScalers[k].Standardize(forecast[j]);
                    actual[j] = data.ScoringTargets[firstRow * task.TargetCount + j];
                }
                errors.Add<double>(forecast, actual);
            }
        }
        return errors;
    }

    /// <summary>
    /// |forecast − actual| of every output of every window of <paramref name="split"/>, on the model's standardised scale
    /// (transformed, if the model is; the window's level cancels out): result[j][w] for output j (step-major, as the head
    /// writes them) of window w — what split-conformal calibration ranks.
    /// </summary>
    public static double[][] AbsoluteResiduals(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return AbsoluteResiduals(new NetworkForecaster(parameters, data.Task), data, split);
    }

    /// <summary>
    /// |forecast − actual| of every output of every window of <paramref name="split"/>, as
    /// <see cref="AbsoluteResiduals(NetworkParameters{float}, WindowedDataset, DatasetSplit)"/> computes them for any forecaster.
    /// </summary>
    public static double[][] AbsoluteResiduals(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split)
    {
        CheckTask(forecaster, data);
        var task = data.Task;
        var windows = data.Windows(split);
        var result = new double[task.OutputSize][];
        for (int j = 0; j < result.Length; j++)
            result[j] = new double[windows.Count];
        var indices = new int[Batch];
        var inputs = new float[Batch * task.InputValuesPerWindow];
        var targets = new float[Batch * task.OutputSize];
        var outputs = new float[Batch * task.OutputSize];
        for (int first = 0; first < windows.Count; first += Batch)
        {
            int n = Math.Min(Batch, windows.Count - first);
            for (int b = 0; b < n; b++)
                indices[b] = first + b;
            windows.Gather<float>(indices.AsSpan(0, n), inputs.AsSpan(0, n * task.InputValuesPerWindow), targets.AsSpan(0, n * task.OutputSize));
            forecaster.Forward(inputs.AsSpan(0, n * task.InputValuesPerWindow), n, outputs.AsSpan(0, n * task.OutputSize));
            for (int b = 0; b < n; b++)
            {
                for (int j = 0; j < task.OutputSize; j++)
                    result[j][first + b] = Math.Abs((double)outputs[b * task.OutputSize + j] - targets[b * task.OutputSize + j]);
            }
        }
        return result;
    }

    /// <summary>
    /// How the model's prediction intervals do on every window of <paramref name="split"/>, per level: the share of actual
    /// values inside their interval, the mean width and the mean interval (Winkler) score — width plus 2/α times any miss,
    /// α = 1 − level — with widths and misses on the scoring scale (<see cref="WindowedDataset.ScoringScalers"/>). The
    /// intervals are made as a device makes them (<see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast}, ReadOnlySpan{double})"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The intervals do not describe the task's outputs.</exception>
    public static IReadOnlyList<IntervalScore> EvaluateIntervals(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split, PredictionIntervals intervals)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return EvaluateIntervals(new NetworkForecaster(parameters, data.Task), data, split, intervals);
    }

    /// <summary>
    /// How <paramref name="forecaster"/>'s prediction intervals do on every window of <paramref name="split"/>, as
    /// <see cref="EvaluateIntervals(NetworkParameters{float}, WindowedDataset, DatasetSplit, PredictionIntervals)"/> scores them for any forecaster.
    /// </summary>
    /// <exception cref="ArgumentException">The intervals do not describe the task's outputs.</exception>
    public static IReadOnlyList<IntervalScore> EvaluateIntervals(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, PredictionIntervals intervals)
    {
        CheckTask(forecaster, data);
        return EvaluateIntervals(forecaster, data, split, intervals, 0, data.WindowCount(split));
    }

    /// <summary>
    /// How <paramref name="forecaster"/>'s prediction intervals do on windows <paramref name="first"/> …
    /// <paramref name="end"/> − 1 of <paramref name="split"/>, scored as the whole-split overload scores them; tracked
    /// intervals start at window <paramref name="first"/> as calibrated.
    /// </summary>
    /// <exception cref="ArgumentException">The intervals do not describe the task's outputs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or outside the split.</exception>
    public static IReadOnlyList<IntervalScore> EvaluateIntervals(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, PredictionIntervals intervals,
        int first, int end) => EvaluateIntervals(forecaster, data, split, intervals, first, end, cached: null);

    /// <summary>
    /// <see cref="EvaluateIntervals(IWindowForecaster, WindowedDataset, DatasetSplit, PredictionIntervals, int, int)"/> that
    /// replays <paramref name="cached"/> forecasts of the range instead of running the forecaster again (the same numbers:
    /// they were computed the same way); for checks that score several candidates on one range.
    /// </summary>
    internal static IReadOnlyList<IntervalScore> EvaluateIntervals(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, PredictionIntervals intervals,
        int first, int end, WindowOutputs? cached)
    {
        CheckTask(forecaster, data);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, data.WindowCount(split));
        var task = data.Task;
        int count = intervals.Levels.Count;
        var covered = new long[count];
        var width = new double[count];
        var winkler = new double[count];
        int windows = end - first;
        ForEachBand(forecaster, data, split, intervals, first, end, cached, (w, l, lower, upper) =>
        {
            int firstRow = data.WindowStart(split, w) + task.Lookback;
            double alpha = 1 - intervals.Levels[l];
            for (int j = 0; j < lower.Length; j++)
            {
                double sigma = data.ScoringScalers[j % task.TargetCount].StandardDeviation;
                double actual = data.OriginalTargets[firstRow * task.TargetCount + j];
                double span = (upper[j] - lower[j]) / sigma;
                double miss = actual < lower[j] ? (lower[j] - actual) / sigma : actual > upper[j] ? (actual - upper[j]) / sigma : 0;
                if (miss == 0)
                    covered[l]++;
                width[l] += span;
                winkler[l] += span + 2 / alpha * miss;
            }
        });
        double total = (double)windows * task.OutputSize;
        var result = new IntervalScore[count];
        for (int l = 0; l < count; l++)
            result[l] = new IntervalScore(intervals.Levels[l], covered[l] / total, width[l] / total, winkler[l] / total);
        return result;
    }

    /// <summary>Receives the band of level index <c>level</c> of window <c>window</c>, in the targets' own units.</summary>
    private delegate void BandReceiver(int window, int level, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper);

    /// <summary>
    /// The bands of windows <paramref name="first"/> … <paramref name="end"/> − 1 of <paramref name="split"/>, in order, as a
    /// device draws them. With <see cref="PredictionIntervals.TrackingRate"/> they are drawn with an <see cref="IntervalTracker"/>
    /// that starts at window <paramref name="first"/> as calibrated and observes every target row from the first window's first forecast row on, as
    /// a device running from there would: a window's bands have learned from every value observed before its first
    /// forecast row, and nothing later.
    /// </summary>
    private static void ForEachBand(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, PredictionIntervals intervals, int first, int end,
        WindowOutputs? cached, BandReceiver receive)
    {
        if (cached is not null && (cached.Split != split || cached.First > first || cached.End < end))
            throw new ArgumentException($"The cached forecasts hold windows {cached.First} … {cached.End - 1} of {cached.Split}, not {first} … {end - 1} of {split}.", nameof(cached));
        var task = data.Task;
        if (intervals.OutputCount != task.OutputSize)
            throw new ArgumentException($"The intervals describe {intervals.OutputCount} output(s); the task has {task.OutputSize}.", nameof(intervals));
        var preprocessing = data.ToPreprocessing().WithIntervals(intervals);
        var tracker = intervals.TrackingRate is null ? null : new IntervalTracker(preprocessing);
        var source = data.Windows(split);
        int outputsPerWindow = task.OutputSize, targets = task.TargetCount;
        var inputs = new float[task.InputValuesPerWindow];
        var actuals = new float[outputsPerWindow];
        var levels = new float[data.Normalizer.LevelsPerWindow];
        var outputs = new float[outputsPerWindow];
        var scratch = new float[outputsPerWindow];
        var forecast = new double[outputsPerWindow];
        var lower = new double[outputsPerWindow];
        var upper = new double[outputsPerWindow];
        var windowScales = intervals.ScaleSteps is int steps ? IntervalCalibration.WindowScales(data, split, steps) : null;
        int observedRow = end > first ? data.WindowStart(split, first) + task.Lookback : 0;
        for (int w = first; w < end; w++)
        {
            if (cached is not null)
                cached.CopyTo(w, outputs, levels);
            else
                WindowOutputs.Forecast(forecaster, source, w, inputs, actuals, levels, outputs);
            int firstRow = data.WindowStart(split, w) + task.Lookback;
            for (; tracker is not null && observedRow < firstRow; observedRow++)
                tracker.Observe(data.OriginalTargets.Slice(observedRow * targets, targets));
            var scales = windowScales is null ? default : windowScales.AsSpan(w * targets, targets);
            for (int l = 0; l < intervals.Levels.Count; l++)
            {
                outputs.CopyTo(scratch, 0);   // ToForecast adds the levels in place
                var offsets = tracker is null ? intervals.OffsetsOf(l) : tracker.OffsetsOf(l);
                preprocessing.ToForecastWithOffsets<float, double>(scratch, levels, offsets, forecast, lower, upper, scales);
                receive(w, l, lower, upper);
            }
            tracker?.Issue<float>(scratch, scales);   // the model-scale forecast, levels added
        }
    }

    /// <summary>
    /// Scores from accumulated standardised errors: standardised MSE/MAE, the same in original units (each target's
    /// errors times its σ), and MASE when <paramref name="maseScales"/> is given.
    /// </summary>
    public static SplitScores Scores(ForecastErrorAccumulator errors, IReadOnlyList<ColumnScaler> targetScalers, int windows, ReadOnlySpan<double> maseScales = default)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(targetScalers);
        double mse = 0, mae = 0;
        for (int k = 0; k < errors.TargetCount; k++)
        {
            double sigma = targetScalers[k].StandardDeviation;
            mse += errors.MeanSquaredErrorOf(k) * sigma * sigma;
            mae += errors.MeanAbsoluteErrorOf(k) * sigma;
        }
        double? mase = maseScales.IsEmpty ? null : errors.MeanAbsoluteScaledError(maseScales);
        return new SplitScores(windows, errors.MeanSquaredError, errors.MeanAbsoluteError, mse / errors.TargetCount, mae / errors.TargetCount, mase);
    }

    /// <summary>
    /// The forecast of window <paramref name="window"/> of <paramref name="split"/> in the targets' own units
    /// (horizon × targets, step-major), with the actual values beside it.
    /// </summary>
    public static (double[] Forecast, double[] Actual) ForecastWindow(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split, int window)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return ForecastWindow(new NetworkForecaster(parameters, data.Task), data, split, window);
    }

    /// <summary>
    /// The forecast of window <paramref name="window"/> of <paramref name="split"/> by any forecaster, in the targets' own
    /// units (horizon × targets, step-major), with the actual values beside it.
    /// </summary>
    public static (double[] Forecast, double[] Actual) ForecastWindow(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, int window)
    {
        CheckTask(forecaster, data);
        var task = data.Task;
        var (outputs, levels) = OutputsOfWindow(forecaster, data, split, window);
        // The window's levels go back on in float, as the model computed; the scalers then map to double.
        var forecast = new double[task.OutputSize];
        data.ToPreprocessing().ToForecast<float, double>(outputs, levels, forecast);
        int firstRow = data.WindowStart(split, window) + task.Lookback;
        var actual = data.OriginalTargets.Slice(firstRow * task.TargetCount, task.OutputSize).ToArray();
        return (forecast, actual);
    }

    /// <summary>
    /// The largest |difference| between the forecasts of <paramref name="first"/> and <paramref name="second"/> over every
    /// output of every window of <paramref name="split"/>, in the targets' own units (each forecast as
    /// <see cref="ForecastWindow(IWindowForecaster, WindowedDataset, DatasetSplit, int)"/> makes it); 0 for a split
    /// without windows. For example how far a model with rounded weights moves from the model as trained.
    /// </summary>
    /// <exception cref="ArgumentException">A forecaster reads another task than the dataset's.</exception>
    public static double MaxForecastDifference(IWindowForecaster first, IWindowForecaster second, WindowedDataset data, DatasetSplit split)
    {
        CheckTask(first, data);
        CheckTask(second, data);
        double max = 0;
        for (int w = 0; w < data.WindowCount(split); w++)
        {
            var (a, _) = ForecastWindow(first, data, split, w);
            var (b, _) = ForecastWindow(second, data, split, w);
            for (int j = 0; j < a.Length; j++)
                max = Math.Max(max, Math.Abs(a[j] - b[j]));
        }
        return max;
    }

    /// <summary>
    /// The prediction interval at level index <paramref name="level"/> of window <paramref name="window"/> of
    /// <paramref name="split"/>, in the targets' own units (horizon × targets, step-major), as a device draws it.
    /// </summary>
    public static (double[] Lower, double[] Upper) IntervalOfWindow(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split,
        int window, PredictionIntervals intervals, int level)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return IntervalOfWindow(new NetworkForecaster(parameters, data.Task), data, split, window, intervals, level);
    }

    /// <summary>
    /// The prediction interval at level index <paramref name="level"/> of window <paramref name="window"/> of
    /// <paramref name="split"/> by any forecaster, in the targets' own units (horizon × targets, step-major), as a device draws it.
    /// </summary>
    public static (double[] Lower, double[] Upper) IntervalOfWindow(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split,
        int window, PredictionIntervals intervals, int level)
    {
        CheckTask(forecaster, data);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, data.WindowCount(split));
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, intervals.Levels.Count);
        double[] lower = [], upper = [];
        // Tracked bands depend on every window before this one; fixed bands are replayed for this window only.
        ForEachBand(forecaster, data, split, intervals, intervals.TrackingRate is null ? window : 0, window + 1, null, (w, l, low, high) =>
        {
            if (w == window && l == level)
                (lower, upper) = (low.ToArray(), high.ToArray());
        });
        return (lower, upper);
    }

    /// <summary>The head's outputs for one window (normalised, as the model saw it) and the window's levels.</summary>
    private static (float[] Outputs, float[] Levels) OutputsOfWindow(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, int window)
    {
        var task = data.Task;
        var inputs = new float[task.InputValuesPerWindow];
        var targets = new float[task.OutputSize];
        var levels = new float[data.Normalizer.LevelsPerWindow];
        var outputs = new float[task.OutputSize];
        WindowOutputs.Forecast(forecaster, data.Windows(split), window, inputs, targets, levels, outputs);
        return (outputs, levels);
    }

    private static void CheckTask(IWindowForecaster forecaster, WindowedDataset data)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(data);
        if (!forecaster.Task.Equals(data.Task))
            throw new ArgumentException($"The forecaster reads the task {forecaster.Task}; the dataset's is {data.Task}.", nameof(forecaster));
    }
}
