using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace GruNative.Training.Data;

/// <summary>
/// A series made ready for training: cut into splits, standardised with the training rows' statistics, and served as
/// forecasting windows gathered on demand. Windows overlap, so none is stored: a window is two contiguous slices of the
/// standardised series, copied into the caller's buffers.
/// </summary>
/// <remarks>
/// <para>Layouts (all row-major, contiguous): a batch of n windows is inputs n × L × I (window, step, input column) and
/// targets n × (T · K) with index step · K + target — the runtime's output order. The standardised series are kept as
/// rows × I and rows × K, so a window's inputs are rows [s, s + L) of the first and its targets rows [s + L, s + L + T)
/// of the second.</para>
/// <para>Gathering is thread-safe. Element types other than double read a converted copy of the series, made once per
/// type (for ETTh1, 14,400 × 7 values).</para>
/// </remarks>
public sealed class WindowedDataset
{
    private readonly double[] _inputs;   // UsedRows × I, standardised
    private readonly double[] _targets;  // UsedRows × K, standardised
    private readonly double[] _originalTargets;  // UsedRows × K, as read
    private readonly double[] _scoringTargets;   // UsedRows × K, standardised without transform (= _targets when none)
    private readonly Preprocessing _preprocessing;
    private readonly object _conversionLock = new();
    private readonly List<(Array Inputs, Array Targets)> _converted = [];

    private WindowedDataset(
        TimeSeriesTable table, ForecastTask task, SplitLayout splits, ColumnScaler[] inputScalers, ColumnScaler[] targetScalers,
        ColumnScaler[] scoringScalers, WindowNormalizer normalizer)
    {
        SourceName = table.SourceName;
        Task = task;
        Splits = splits;
        InputScalers = inputScalers;
        TargetScalers = targetScalers;
        ScoringScalers = scoringScalers;
        Normalizer = normalizer;
        Timestamps = table.Timestamps;
        _preprocessing = new Preprocessing(inputScalers, targetScalers, task.Lookback, task.Horizon, normalizer.Mode, normalizer.SeasonLength);
        // Standardised in place by the runtime's own arithmetic, the one a device applies to its observations.
        _inputs = RowMajor(table, task.InputColumns, splits.UsedRows);
        _preprocessing.StandardizeInputs<double>(_inputs, _inputs);
        _originalTargets = RowMajor(table, task.TargetColumns, splits.UsedRows);
        _targets = (double[])_originalTargets.Clone();
        _preprocessing.StandardizeTargets<double>(_targets, _targets);
        if (_preprocessing.HasTransform)
        {
            _scoringTargets = (double[])_originalTargets.Clone();
            new Preprocessing(targetColumns: scoringScalers).StandardizeTargets<double>(_scoringTargets, _scoringTargets);
        }
        else
        {
            _scoringTargets = _targets;
        }
    }

    /// <summary>
    /// Cuts <paramref name="table"/> by <paramref name="plan"/> for windows of <paramref name="task"/>, fits one scaler per
    /// column on the training rows only, and standardises every used row with it.
    /// </summary>
    /// <param name="table">The series.</param>
    /// <param name="task">Input and target columns, lookback and horizon.</param>
    /// <param name="plan">How to split the rows.</param>
    /// <param name="normalization">
    /// The per-window normalisation <see cref="Windows"/> applies after standardisation and <see cref="ToPreprocessing"/>
    /// records; every target must then be an input column.
    /// </param>
    /// <param name="fittedScalers">
    /// Scalers to use instead of fitting on the training rows — a trained model's (transforms included), to score it on
    /// its own scale; each column of the task needs one, by name.
    /// </param>
    /// <param name="seasonLength">The season length m of <see cref="WindowNormalization.Seasonal"/> (only there).</param>
    /// <param name="transform">
    /// The transform of the target columns (and of input columns of the same names) before standardisation; none by
    /// default. Ignored when <paramref name="fittedScalers"/> are given (they carry their transforms).
    /// </param>
    /// <exception cref="DataFormatException">
    /// A column of the task is not in the table, the table has too few rows, or a value of a transformed column is outside
    /// the transform's domain (the message names the column and the row).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// Window normalisation with a target that is not an input column, a season length that does not fit the
    /// normalisation, or a column without a fitted scaler.
    /// </exception>
    public static WindowedDataset Create(
        TimeSeriesTable table, ForecastTask task, SplitPlan plan, WindowNormalization normalization = WindowNormalization.None,
        IReadOnlyList<ColumnScaler>? fittedScalers = null, int? seasonLength = null, TargetTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(plan);
        transform ??= TargetTransform.None;
        var normalizer = new WindowNormalizer(task, normalization, seasonLength);
        foreach (string column in task.InputColumns.Concat(task.TargetColumns))
            table.GetColumnIndex(column);
        var splits = plan.Resolve(table.RowCount, task.Lookback, task.Horizon, table.SourceName);
        var scalers = new Dictionary<string, ColumnScaler>(StringComparer.Ordinal);
        foreach (var fitted in fittedScalers ?? [])
            scalers[fitted.Name] = fitted;
        ColumnScaler ScalerOf(string column)
        {
            if (fittedScalers is not null && !scalers.ContainsKey(column))
                throw new ArgumentException($"No scaler is given for column '{column}'; the given ones cover {string.Join(", ", scalers.Keys)}.", nameof(fittedScalers));
            if (!scalers.TryGetValue(column, out var scaler))
            {
                var training = table.Column(column)[..splits.Train.Count];
                double? lambda = task.TargetColumns.Contains(column) ? LambdaOf(table, column, training, transform) : null;
                scalers[column] = scaler = StandardScaling.Fit(column, training, lambda);
            }
            if (scaler.BoxCoxLambda is not null)
                CheckDomain(table, column, scaler, splits.UsedRows);
            return scaler;
        }
        var inputScalers = task.InputColumns.Select(ScalerOf).ToArray();
        var targetScalers = task.TargetColumns.Select(ScalerOf).ToArray();
        // Scores stay on the data's own standardised scale whatever the model's transform, so they compare with the
        // baselines' and with models trained without one.
        var scoringScalers = targetScalers.Select(s => s.BoxCoxLambda is null ? s : StandardScaling.Fit(s.Name, table.Column(s.Name)[..splits.Train.Count])).ToArray();
        return new WindowedDataset(table, task, splits, inputScalers, targetScalers, scoringScalers, normalizer);
    }

    /// <summary>The transform's λ for a target column, with a data error (naming the column) where it cannot be chosen.</summary>
    private static double? LambdaOf(TimeSeriesTable table, string column, ReadOnlySpan<double> training, TargetTransform transform)
    {
        if (transform.Lambda is null && !transform.IsChosenOnTrainingRows)
            return null;
        // The domain first, so a bad value is reported where it is rather than as a failure to choose λ.
        var probe = new ColumnScaler(column, 0, 1, transform.Lambda ?? 0);
        for (int r = 0; r < training.Length; r++)
        {
            if (!probe.IsInDomain(training[r]))
                throw DomainError(table, column, probe, r, training[r]);
        }
        try
        {
            return transform.LambdaFor(training);
        }
        catch (ArgumentException ex)
        {
            throw new DataFormatException(table.SourceName, null, column, $"no Box–Cox λ can be chosen on the training rows: {ex.Message}", ex);
        }
    }

    /// <summary>Refuses a value of a transformed column, in any used row, that the transform cannot take.</summary>
    private static void CheckDomain(TimeSeriesTable table, string column, ColumnScaler scaler, int usedRows)
    {
        var values = table.Column(column);
        for (int r = 0; r < usedRows; r++)
        {
            if (!scaler.IsInDomain(values[r]))
                throw DomainError(table, column, scaler, r, values[r]);
        }
    }

    private static DataFormatException DomainError(TimeSeriesTable table, string column, ColumnScaler scaler, int row, double value)
    {
        string where = table.Timestamps is { } stamps ? $"row {row} ({stamps[row]})" : $"row {row}";
        return new DataFormatException(table.SourceName, null, column,
            $"{where} holds {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, which the {scaler.TransformName} transform cannot take (it needs values {(scaler.BoxCoxLambda == 0 ? "> 0" : "≥ 0")}); use --transform none for this series.");
    }

    /// <summary>The table's file path or name.</summary>
    public string SourceName { get; }

    /// <summary>Columns, lookback and horizon.</summary>
    public ForecastTask Task { get; }

    /// <summary>The rows and windows of each split.</summary>
    public SplitLayout Splits { get; }

    /// <summary>Training-split scalers of the input columns, in input order.</summary>
    public IReadOnlyList<ColumnScaler> InputScalers { get; }

    /// <summary>Training-split scalers of the target columns, in output order.</summary>
    public IReadOnlyList<ColumnScaler> TargetScalers { get; }

    /// <summary>
    /// The scalers every score is computed with: the target columns' own standardisation on the training rows, without
    /// the model's transform (the same objects as <see cref="TargetScalers"/> when there is none).
    /// </summary>
    public IReadOnlyList<ColumnScaler> ScoringScalers { get; }

    /// <summary>True when a target column is Box–Cox (or log) transformed for the model.</summary>
    public bool HasTransform => _preprocessing.HasTransform;

    /// <summary>The per-window normalisation of <see cref="Windows"/> (and its inverse for forecasts).</summary>
    public WindowNormalizer Normalizer { get; }

    /// <summary>The table's timestamps (every row, including unused ones), or null.</summary>
    public IReadOnlyList<string>? Timestamps { get; }

    /// <summary>The standardised input columns, rows × I (row-major), for rows [0, <see cref="SplitLayout.UsedRows"/>).</summary>
    public ReadOnlySpan<double> StandardizedInputs => _inputs;

    /// <summary>
    /// The target columns on the model's scale (transformed, then standardised), rows × K (row-major), for rows
    /// [0, <see cref="SplitLayout.UsedRows"/>).
    /// </summary>
    public ReadOnlySpan<double> StandardizedTargets => _targets;

    /// <summary>
    /// The target columns on the scale scores are computed on (<see cref="ScoringScalers"/>: standardised, not
    /// transformed), rows × K (row-major), for rows [0, <see cref="SplitLayout.UsedRows"/>); the same as
    /// <see cref="StandardizedTargets"/> when there is no transform.
    /// </summary>
    public ReadOnlySpan<double> ScoringTargets => _scoringTargets;

    /// <summary>
    /// The target columns as read, not standardised, rows × K (row-major), for rows [0, <see cref="SplitLayout.UsedRows"/>)
    /// — what the classical baselines fit, since their multiplicative forms need the series' own zero.
    /// </summary>
    public ReadOnlySpan<double> OriginalTargets => _originalTargets;

    /// <summary>The number of windows in <paramref name="split"/>.</summary>
    public int WindowCount(DatasetSplit split) => Splits.Windows(split).Count;

    /// <summary>The row of the first input of window <paramref name="window"/> of <paramref name="split"/>.</summary>
    public int WindowStart(DatasetSplit split, int window)
    {
        var windows = Splits.Windows(split);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, windows.Count);
        return windows.Start + window;
    }

    /// <summary>
    /// The windows of <paramref name="split"/> as the training loop consumes them: standardised and normalised per window
    /// with <see cref="Normalizer"/>.
    /// </summary>
    public SplitWindows Windows(DatasetSplit split) => new(this, split);

    /// <summary>
    /// Copies windows <paramref name="windows"/> (indices within <paramref name="split"/>, any order, repeats allowed) of
    /// the standardised series, without per-window normalisation: inputs n × L × I, targets n × (T · K).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the split.</exception>
    /// <exception cref="ArgumentException">A buffer's length is not exactly n × L × I or n × T × K.</exception>
    public void Gather<T>(DatasetSplit split, ReadOnlySpan<int> windows, Span<T> inputs, Span<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        var range = Splits.Windows(split);
        CheckBuffers(windows.Length, inputs.Length, targets.Length);
        var (seriesInputs, seriesTargets) = Series<T>();
        int inputWidth = Task.InputCount, targetWidth = Task.TargetCount;
        int inputLength = Task.InputValuesPerWindow, targetLength = Task.OutputSize;
        for (int b = 0; b < windows.Length; b++)
        {
            int window = windows[b];
            if ((uint)window >= (uint)range.Count)
                throw new ArgumentOutOfRangeException(nameof(windows), window, $"Window index at position {b} is outside the {range.Count} {split} window(s).");
            int start = range.Start + window;
            seriesInputs.AsSpan(start * inputWidth, inputLength).CopyTo(inputs.Slice(b * inputLength, inputLength));
            seriesTargets.AsSpan((start + Task.Lookback) * targetWidth, targetLength).CopyTo(targets.Slice(b * targetLength, targetLength));
        }
    }

    /// <summary>
    /// Copies the <paramref name="count"/> consecutive windows from <paramref name="firstWindow"/> of
    /// <paramref name="split"/>; otherwise as <see cref="Gather{T}(DatasetSplit, ReadOnlySpan{int}, Span{T}, Span{T})"/>.
    /// </summary>
    public void GatherRange<T>(DatasetSplit split, int firstWindow, int count, Span<T> inputs, Span<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        var range = Splits.Windows(split);
        ArgumentOutOfRangeException.ThrowIfNegative(firstWindow);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)firstWindow + count > range.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Windows [{firstWindow}, {firstWindow + (long)count}) exceed the {range.Count} {split} window(s).");
        CheckBuffers(count, inputs.Length, targets.Length);
        if (count == 0)
            return;
        // Consecutive windows overlap, so each is copied on its own; the series slices are contiguous per window.
        var (seriesInputs, seriesTargets) = Series<T>();
        int inputLength = Task.InputValuesPerWindow, targetLength = Task.OutputSize;
        for (int b = 0; b < count; b++)
        {
            int start = range.Start + firstWindow + b;
            seriesInputs.AsSpan(start * Task.InputCount, inputLength).CopyTo(inputs.Slice(b * inputLength, inputLength));
            seriesTargets.AsSpan((start + Task.Lookback) * Task.TargetCount, targetLength).CopyTo(targets.Slice(b * targetLength, targetLength));
        }
    }

    /// <summary>
    /// The runtime's preprocessing for a model trained on this data: the scalers, lookback, horizon and window
    /// normalisation, as the weights file stores them — and the arithmetic this dataset standardised its series with.
    /// </summary>
    public Preprocessing ToPreprocessing() => _preprocessing;

    /// <summary>
    /// The preprocessing of column <paramref name="target"/> for a channel-independent model (see <see cref="ChannelWindows"/>):
    /// that column's scaler in and out, the lookback, horizon and window normalisation. Each column of such a model gets
    /// its own weights file with the shared weights and this metadata.
    /// </summary>
    /// <exception cref="ArgumentException">The task has other columns in than out.</exception>
    public Preprocessing ChannelPreprocessing(int target)
    {
        ChannelWindows.CheckTask(Task);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, Task.TargetCount);
        return new([TargetScalers[target]], [TargetScalers[target]], Task.Lookback, Task.Horizon, Normalizer.Mode, Normalizer.SeasonLength);
    }

    /// <summary>For example <c>ETTh1.csv: [OT] × 96 → [OT] × 24; train [0, 8640) …; windows 8521 / 2857 / 2857</c>.</summary>
    public override string ToString() =>
        $"{SourceName}: {Task}; {Splits}; windows {WindowCount(DatasetSplit.Train)} / {WindowCount(DatasetSplit.Validation)} / {WindowCount(DatasetSplit.Test)}";

    /// <summary>Checks the buffer lengths <paramref name="inputs"/> and <paramref name="targets"/> for <paramref name="windows"/> windows.</summary>
    private void CheckBuffers(int windows, int inputs, int targets)
    {
        long inputsNeeded = (long)windows * Task.InputValuesPerWindow, targetsNeeded = (long)windows * Task.OutputSize;
        if (inputs != inputsNeeded)
            throw new ArgumentException($"The inputs buffer holds {inputs} values; {windows} window(s) × {Task.Lookback} steps × {Task.InputCount} inputs need {inputsNeeded}.", nameof(inputs));
        if (targets != targetsNeeded)
            throw new ArgumentException($"The targets buffer holds {targets} values; {windows} window(s) × {Task.Horizon} steps × {Task.TargetCount} targets need {targetsNeeded}.", nameof(targets));
    }

    /// <summary>The standardised series as <typeparamref name="T"/>: the double arrays themselves, or a copy made once.</summary>
    private (T[] Inputs, T[] Targets) Series<T>() where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
            return ((T[])(object)_inputs, (T[])(object)_targets);
        lock (_conversionLock)
        {
            foreach (var (inputs, targets) in _converted)
            {
                if (inputs is T[] typedInputs)
                    return (typedInputs, (T[])targets);
            }
            var converted = (Convert<T>(_inputs), Convert<T>(_targets));
            _converted.Add(converted);
            return converted;
        }
    }

    private static T[] Convert<T>(double[] values) where T : IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = T.CreateTruncating(values[i]);
        return result;
    }

    /// <summary>Rows [0, rows) of <paramref name="columns"/>, as read, row-major.</summary>
    private static double[] RowMajor(TimeSeriesTable table, IReadOnlyList<string> columns, int rows)
    {
        int width = columns.Count;
        var result = new double[rows * width];
        for (int c = 0; c < width; c++)
        {
            var values = table.Column(columns[c]);
            for (int r = 0; r < rows; r++)
                result[r * width + c] = values[r];
        }
        return result;
    }
}
