using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>grunative train</c>: learn a GRU or LSTM forecaster from a CSV file (or the built-in sensor series) and write
/// <c>model.safetensors</c>, <c>model.weights.json</c>, <c>metrics.json</c>, <c>loss.png</c> and <c>forecast.png</c>,
/// then print the scores against the naive and classical baselines and the C# declaration to paste.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var cell = new Option<CellKind>("--cell") { Description = "Gru or Lstm.", DefaultValueFactory = _ => CellKind.Gru };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units per layer (H).", DefaultValueFactory = _ => 32 };
        var layers = new Option<int>("--layers") { Description = "Stacked recurrent layers (L).", DefaultValueFactory = _ => 1 };
        var training = new TrainingOptionSet();
        var output = new Option<string>("--output", "-o") { Description = "Folder for the model, metrics and plots.", DefaultValueFactory = _ => "model" };
        var checkpoints = new Option<string?>("--checkpoint-dir") { Description = "Save a checkpoint here after every epoch (atomically)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir." };
        var className = new Option<string>("--class-name") { Description = "Class name in the printed C# declaration.", DefaultValueFactory = _ => "Forecaster" };

        var command = new Command("train", "Train a GRU or LSTM forecaster on a CSV time series (or the built-in sensor series).");
        data.AddTo(command);
        foreach (var option in new Option[] { cell, hidden, layers })
            command.Options.Add(option);
        training.AddTo(command);
        foreach (var option in new Option[] { output, checkpoints, resume, className })
            command.Options.Add(option);

        command.SetAction(result => CommandLine.Guard(result, writer =>
        {
            var table = data.ReadTable(result);
            var task = data.Task(result, table);
            var dataset = data.Dataset(result, table, task);
            writer.WriteLine(dataset.ToString());
            var (inputs, outputs) = data.ModelSize(result, task);
            bool perChannel = result.GetValue(data.ChannelIndependent);
            var spec = new ModelSpec(result.GetValue(cell), inputs, result.GetValue(hidden), result.GetValue(layers), outputs);
            var options = training.Read(result);
            int? period = Scoreboard.Period(dataset, result.GetValue(data.Season));
            writer.WriteLine($"model: {spec}, {spec.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters; {options.Threads} thread(s)");

            var trainer = new Training.Fitting.Trainer(spec, options, data.Windows(result, dataset, DatasetSplit.Train), data.Windows(result, dataset, DatasetSplit.Validation), data.Fingerprint(result, dataset));
            var clock = Stopwatch.StartNew();
            var run = TrainingDisplay.Run(writer, options.Epochs,
                (onEpoch, onBatch) => trainer.Run(onEpoch, result.GetValue(checkpoints), result.GetValue(resume), onBatch));
            double seconds = clock.Elapsed.TotalSeconds;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best epoch {run.BestEpoch} of {run.History.Count}{(run.StoppedEarly ? " (stopped early)" : "")}, validation MSE {run.BestValidationMse:F5}, {seconds:F1} s"));
            // Intervals are calibrated on the validation windows with the model validation chose: a refitted model has
            // trained on them, so its own residuals there would be in-sample and its bands too narrow.
            var intervalLevels = training.IntervalLevels(result);
            PredictionIntervals? intervals = null;
            if (intervalLevels.Count > 0 && dataset.WindowCount(DatasetSplit.Validation) > 0)
            {
                intervals = IntervalCalibration.Calibrate(run.Best, dataset, DatasetSplit.Validation, intervalLevels, result.GetValue(training.IntervalScaleSteps));
                int windows = dataset.WindowCount(DatasetSplit.Validation);
                writer.WriteLine($"prediction intervals {string.Join(", ", intervalLevels.Select(l => l.ToString("P0", CultureInfo.InvariantCulture)))}: calibrated on {windows} validation window(s) (split conformal, per step and target)"
                    + string.Concat(intervalLevels.Where(l => windows < IntervalCalibration.MinimumResiduals(l))
                        .Select(l => $"; {l.ToString("P0", CultureInfo.InvariantCulture)} needs {IntervalCalibration.MinimumResiduals(l)} windows for its guarantee, so its band is the widest residual")));
            }
            else if (intervalLevels.Count > 0)
            {
                writer.WriteLine("no prediction intervals: the split has no validation windows to calibrate them on");
            }
            MetricsReport.RefitSummary? refit = null;
            if (result.GetValue(training.Refit))
            {
                var refitData = Refitting.Data(table, dataset);
                var refitClock = Stopwatch.StartNew();
                var refitted = TrainingDisplay.Run(writer, run.BestEpoch,
                    (onEpoch, _) => Refitting.Run(data, result, refitData, spec, options, run.BestEpoch, onEpoch));
                refit = new MetricsReport.RefitSummary(run.BestEpoch, refitData.Splits.Train.Count, refitData.WindowCount(DatasetSplit.Train), refitClock.Elapsed.TotalSeconds);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"refit on the training and validation rows ({refit.Rows} rows, {refit.Windows} windows) for {refit.Epochs} epochs, {refit.Seconds:F1} s: the model below; its validation scores are in-sample"));
                run = run with { Best = refitted.Best };
            }

            string folder = result.GetValue(output)!;
            var files = ModelFiles.Save(folder, run.Best, dataset, perChannel, json: true, intervals);
            var scores = Scoreboard.Score(dataset, new NetworkForecaster(run.Best, dataset.Task), period, intervals: intervals);
            MetricsReport.Write(Path.Combine(folder, "metrics.json"), spec, dataset, result.GetValue(data.Split)!, run, seconds, scores, perChannel, refit);
            Plots.Loss(run.History, run.BestEpoch, Path.Combine(folder, "loss.png"));
            DrawForecast(dataset, run, scores, Path.Combine(folder, "forecast.png"), intervals);

            ScoreTable.Write(writer, scores);
            writer.WriteLine($"wrote {folder}/: {string.Join(", ", files)}, metrics.json, loss.png, forecast.png");
            writer.WriteLine("declaration:");
            string jsonFile = files.First(f => f.EndsWith(".weights.json", StringComparison.Ordinal));
            if (perChannel)
                writer.WriteLine($"// channel-independent: one model serves every column; keep one State per column and use that column's scaler (the {task.TargetCount} files hold the same weights)");
            writer.WriteLine(DeclarationSnippet.For(spec, result.GetValue(className)!, jsonFile));
            return 0;
        }));
        return command;
    }

    /// <summary>What a checkpoint must match besides the options: the windows' source, shape, splits and content.</summary>
    internal static string Fingerprint(WindowedDataset data)
    {
        ulong hash = 14695981039346656037UL;   // FNV-1a over the standardised values' bits
        foreach (double v in data.StandardizedInputs)
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        foreach (double v in data.StandardizedTargets)
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        string season = data.Normalizer.SeasonLength is int m ? $" m={m}" : "";
        string transform = data.TargetScalers.FirstOrDefault(s => s.BoxCoxLambda is not null) is { } t ? $"; {t.TransformName}" : "";
        return $"{data} {data.Normalizer.Mode}{season}{transform}; content {hash:x16}";
    }

    /// <summary>
    /// The test split's first target from consecutive origins: actual values, the model's forecasts, and the classical
    /// baselines' forecasts from the same origins.
    /// </summary>
    private static void DrawForecast(WindowedDataset data, TrainingResult training, IReadOnlyList<ForecasterScores> scores, string path,
        PredictionIntervals? intervals)
    {
        int horizon = data.Task.Horizon, targets = data.Task.TargetCount, windows = data.WindowCount(DatasetSplit.Test);
        var stretches = new List<(int, double[], double[])>();
        for (int origin = 0; origin < windows && stretches.Count < Math.Max(4, 240 / horizon); origin += horizon)
        {
            var (forecast, actual) = ModelEvaluation.ForecastWindow(training.Best, data, DatasetSplit.Test, origin);
            stretches.Add((origin, EveryNth(forecast, targets), EveryNth(actual, targets)));
        }
        var firstTarget = new double[data.Splits.UsedRows];
        for (int r = 0; r < firstTarget.Length; r++)
            firstTarget[r] = data.OriginalTargets[r * targets];
        var baselines = new List<(string, IReadOnlyList<double[]>)>();
        foreach (var b in scores.Where(s => s.IsAvailable && s.Classical is { Forecasters.Count: > 0 }))
        {
            var forecaster = b.Classical!.Forecasters[0];
            var forecasts = stretches.Select(s =>
            {
                var values = new double[horizon];
                forecaster.ForecastFromOrigins(firstTarget, data.WindowStart(DatasetSplit.Test, s.Item1) + data.Task.Lookback, 1, horizon, values);
                return values;
            }).ToList();
            baselines.Add((CompareReport.BaselineName(b), forecasts));
        }
        // The widest interval the model carries, for the first target (every Kth value, as the lines).
        (string, IReadOnlyList<(double[], double[])>)? band = null;
        if (intervals is not null)
        {
            int widest = intervals.Levels.Count - 1;
            band = ($"model {intervals.Levels[widest].ToString("P0", CultureInfo.InvariantCulture)} interval", stretches.Select(s =>
            {
                var (lower, upper) = ModelEvaluation.IntervalOfWindow(training.Best, data, DatasetSplit.Test, s.Item1, intervals, widest);
                return (EveryNth(lower, targets), EveryNth(upper, targets));
            }).ToList());
        }
        Plots.Forecast(data.Task.TargetColumns[0], stretches, baselines, path, band);
    }

    private static double[] EveryNth(double[] values, int n) => values.Where((_, i) => i % n == 0).ToArray();
}
