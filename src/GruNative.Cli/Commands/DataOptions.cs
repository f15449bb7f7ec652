using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using GruNative.Training.Data;

namespace GruNative.Cli.Commands;

/// <summary>
/// The options that say which series to read and how to cut it into windows — shared by <c>train</c> and
/// <c>evaluate</c>, so both read data the same way.
/// </summary>
internal sealed class DataOptions
{
    // Header names taken as the date column when --date-column is not given (the first column only).
    private static readonly string[] DateNames = ["date", "datetime", "timestamp", "time", "month", "day"];

    public Option<string?> Data { get; } = new("--data") { Description = "CSV file with a header row. Without it, the built-in series (--builtin) is used." };
    public Option<string> Builtin { get; } = new("--builtin") { Description = $"Built-in synthetic series when --data is absent: {string.Join(", ", SyntheticSeries.Names)}.", DefaultValueFactory = _ => "sensor" };
    public Option<string?> DateColumn { get; } = new("--date-column") { Description = "The timestamp column (default: the first column if it is named date, datetime, timestamp, time, month or day)." };
    public Option<string[]> Target { get; } = new("--target") { Description = "Target column(s) (default: the last column of a CSV file, the first of a built-in series). Repeat or separate with commas." };
    public Option<string[]> Features { get; } = new("--features") { Description = "Columns to read besides the target (default: all). Repeat or separate with commas." };
    public Option<ForecastMode> Mode { get; } = new("--mode") { Description = "S: target in and out; M: all columns in and out; MS: all in, target out.", DefaultValueFactory = _ => ForecastMode.S };
    public Option<MissingValuePolicy> Fill { get; } = new("--fill") { Description = "Missing cells: Error (default), ForwardFill or LinearInterpolation.", DefaultValueFactory = _ => MissingValuePolicy.Error };
    public Option<string> Split { get; } = new("--split") { Description = "Chronological split: ratios 0.7/0.1/0.2, ett, ett:4, counts:A/B/C, last:T or last:V/T.", DefaultValueFactory = _ => Training.Data.SplitPlan.Default.ToString() };
    public Option<int> Lookback { get; } = new("--lookback") { Description = "Steps the model reads per forecast.", DefaultValueFactory = _ => 96 };
    public Option<int> Horizon { get; } = new("--horizon") { Description = "Steps forecast.", DefaultValueFactory = _ => 24 };
    public Option<WindowNormalization> WindowNorm { get; } = new("--window-norm") { Description = "Per-window normalisation: None, LastValue, Mean (RevIN-style) or Seasonal (each window's trend and --season seasonal means taken off; the model learns the residual over that seasonal baseline; needs --season and a lookback of two seasons).", DefaultValueFactory = _ => WindowNormalization.None };
    public Option<string> Transform { get; } = new("--transform") { Description = "Transform of the target columns before standardisation: none, log, box-cox (λ chosen on the training rows by Guerrero's method, in [0, 1], with --season values per subseries) or box-cox:λ (λ in [0, 2]). Scores stay on the data's own scale.", DefaultValueFactory = _ => "none" };
    public Option<string[]> Calendar { get; } = new("--calendar") { Description = "Calendar inputs computed from the date column: hour, weekday, month (each as sine and cosine). Repeat or separate with commas. Default: none." };
    public Option<bool> ChannelIndependent { get; } = new("--channel-independent") { Description = "With --mode M: train one univariate model shared by every column (DLinear/PatchTST style) instead of one model reading all columns; writes a weights file per column." };
    public Option<int?> Season { get; } = new("--season") { Description = "Season length in steps: the period of the seasonal baselines (default: detected from the training rows' autocorrelation), of --window-norm Seasonal and of --transform box-cox." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, Builtin, DateColumn, Target, Features, Mode, Fill, Split, Lookback, Horizon, WindowNorm, Transform, Calendar, ChannelIndependent, Season })
            command.Options.Add(option);
    }

    /// <summary>
    /// The table the options name, read and checked, with the calendar columns of <c>--calendar</c> and of any calendar
    /// column among <paramref name="extraColumns"/> appended — so a model that reads calendar inputs gets them derived
    /// from the date column without the option.
    /// </summary>
    public TimeSeriesTable ReadTable(ParseResult result, IReadOnlyList<string>? extraColumns = null)
    {
        extraColumns ??= [];
        var calendar = CalendarFeaturesOf(result).Concat(CalendarColumns.FeaturesOf(extraColumns)).Distinct().ToArray();
        return CalendarColumns.Append(ReadObserved(result, extraColumns.Where(c => !CalendarFeatures.IsCalendarColumn(c)).ToArray()), calendar);
    }

    /// <summary>The features <c>--calendar</c> names (none when the command lacks the option).</summary>
    public IReadOnlyList<CalendarFeature> CalendarFeaturesOf(ParseResult result)
    {
        var features = new List<CalendarFeature>();
        foreach (string name in List(result.GetValue(Calendar)))
        {
            if (!CalendarFeatures.TryParse(name, out var feature))
                throw new ArgumentException($"--calendar: '{name}' is not one of {string.Join(", ", CalendarFeatures.All.Select(CalendarFeatures.Name))}.");
            features.Add(feature);
        }
        return features;
    }

    /// <summary>The series as the file (or built-in generator) holds it: no calendar columns yet.</summary>
    private TimeSeriesTable ReadObserved(ParseResult result, IReadOnlyList<string> extraColumns)
    {
        string? path = result.GetValue(Data);
        if (path is null)
            return SyntheticSeries.Create(result.GetValue(Builtin)!);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.", path);
        string? dateColumn = result.GetValue(DateColumn) ?? GuessDateColumn(path);
        var features = List(result.GetValue(Features));
        IReadOnlyList<string>? columns = null;
        if (features.Count > 0)
            columns = features.Concat(List(result.GetValue(Target))).Concat(extraColumns).Distinct(StringComparer.Ordinal).ToArray();
        return CsvTableReader.Read(path, new CsvReadOptions { DateColumn = dateColumn, Columns = columns, MissingValues = result.GetValue(Fill) });
    }

    /// <summary>The task: which columns go in and out, lookback and horizon.</summary>
    public ForecastTask Task(ParseResult result, TimeSeriesTable table)
    {
        var targets = List(result.GetValue(Target));
        // ETT-style files put the target last; the built-in series put it first.
        if (targets.Count == 0)
            targets = [result.GetValue(Data) is null ? table.ColumnNames[0] : table.ColumnNames[^1]];
        return ForecastTask.ForMode(result.GetValue(Mode), table, targets, result.GetValue(Lookback), result.GetValue(Horizon));
    }

    public SplitPlan SplitPlan(ParseResult result) => Training.Data.SplitPlan.Parse(result.GetValue(Split)!);

    /// <summary>
    /// The windows to train on: <paramref name="table"/> cut by --split for <paramref name="task"/>, with --window-norm
    /// (Seasonal with --season) and --transform.
    /// </summary>
    /// <exception cref="ArgumentException">--window-norm Seasonal without --season, or an unknown --transform.</exception>
    public WindowedDataset Dataset(ParseResult result, TimeSeriesTable table, ForecastTask task)
    {
        var normalization = result.GetValue(WindowNorm);
        int? season = result.GetValue(Season);
        if (normalization == WindowNormalization.Seasonal && season is null)
            throw new ArgumentException("--window-norm Seasonal needs --season (the season length in steps, e.g. 12 for monthly data).");
        var transform = TargetTransform.Parse(result.GetValue(Transform)!, season ?? 2);
        return WindowedDataset.Create(table, task, SplitPlan(result), normalization, null,
            normalization == WindowNormalization.Seasonal ? season : null, transform);
    }

    /// <summary>
    /// The model shape for <paramref name="task"/>: I inputs and O = T · K outputs, or with <c>--channel-independent</c> one
    /// input and T outputs.
    /// </summary>
    /// <exception cref="ArgumentException">--channel-independent with a task that has other columns in than out.</exception>
    public (int Inputs, int Outputs) ModelSize(ParseResult result, ForecastTask task)
    {
        if (!result.GetValue(ChannelIndependent))
            return (task.InputCount, task.OutputSize);
        if (!ChannelWindows.Supports(task))
            throw new ArgumentException($"--channel-independent needs the same columns in and out (--mode M, no --calendar); the task is {task}.");
        return (1, task.Horizon);
    }

    /// <summary>The windows of <paramref name="split"/> as the model reads them: whole, or channel by channel.</summary>
    public Training.Fitting.IWindowSource Windows(ParseResult result, WindowedDataset dataset, DatasetSplit split) =>
        result.GetValue(ChannelIndependent) ? new ChannelWindows(dataset.Windows(split)) : dataset.Windows(split);

    /// <summary>What a checkpoint or sweep must match about the data: its content and how the model reads it.</summary>
    public string Fingerprint(ParseResult result, WindowedDataset dataset) =>
        TrainCommand.Fingerprint(dataset) + (result.GetValue(ChannelIndependent) ? "; channel-independent" : "");

    /// <summary>"a,b" and repeated options alike.</summary>
    public static List<string> List(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static string? GuessDateColumn(string path)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header is null)
            return null;
        string first = header.Split(',')[0].Trim().Trim('"');
        return DateNames.Contains(first.ToLowerInvariant()) ? first : null;
    }
}
