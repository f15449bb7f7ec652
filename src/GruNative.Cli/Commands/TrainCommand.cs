using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Architectures;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Optimization;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>grunative train</c>: learn a GRU or LSTM forecaster — the plain recurrent architecture or the segment-recurrent
/// one (<c>--architecture SegRnn</c>) — from a CSV file (or the built-in sensor series) and write its weights files,
/// <c>metrics.json</c>, <c>loss.png</c> and <c>forecast.png</c>, then print the scores against the naive and classical
/// baselines and how to use the files.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var architecture = new Option<ModelArchitecture>("--architecture") { Description = "Recurrent (a GRU or LSTM over every step, the default) or SegRnn (the segment-recurrent model: the window cut into --segment-length segments, one GRU or LSTM step per segment; channel-independent).", DefaultValueFactory = _ => ModelArchitecture.Recurrent };
        var cell = new Option<CellKind>("--cell") { Description = "Gru or Lstm.", DefaultValueFactory = _ => CellKind.Gru };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units per layer (H; d of a SegRnn model).", DefaultValueFactory = _ => 32 };
        var layers = new Option<int>("--layers") { Description = "Stacked recurrent layers (L; 1 for SegRnn).", DefaultValueFactory = _ => 1 };
        var loss = new LossOptionSet();
        var segment = new SegmentOptionSet(loss);
        var training = new TrainingOptionSet();
        var output = new Option<string>("--output", "-o") { Description = "Folder for the model, metrics and plots.", DefaultValueFactory = _ => "model" };
        var checkpoints = new Option<string?>("--checkpoint-dir") { Description = "Save a checkpoint here after every epoch (atomically)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir." };
        var className = new Option<string>("--class-name") { Description = "Class name in the printed C# declaration.", DefaultValueFactory = _ => "Forecaster" };

        var command = new Command("train", "Train a GRU or LSTM forecaster on a CSV time series (or the built-in sensor series).");
        data.AddTo(command);
        foreach (var option in new Option[] { architecture, cell, hidden, layers })
            command.Options.Add(option);
        segment.AddTo(command);
        loss.AddTo(command);
        training.AddTo(command);
        foreach (var option in new Option[] { output, checkpoints, resume, className })
            command.Options.Add(option);

        command.SetAction(result => CommandLine.Guard(result, writer =>
        {
            var intervalVariant = training.IntervalVariant(result);   // refused before training, not after
            var intervalTracking = training.IntervalTrackingOf(result);
            var table = data.ReadTable(result);
            var task = data.Task(result, table);
            var dataset = data.Dataset(result, table, task);
            writer.WriteLine(dataset.ToString());
            int? period = Scoreboard.Period(dataset, result.GetValue(data.Season));

            var clock = Stopwatch.StartNew();
            TrainedModel model;
            if (result.GetValue(architecture) == ModelArchitecture.SegRnn)
            {
                model = SegmentTraining.Train(writer, result, data, dataset, segment, training, result.GetValue(cell), result.GetValue(hidden), result.GetValue(layers),
                    result.GetValue(checkpoints), result.GetValue(resume));
            }
            else
            {
                segment.RefuseWithout(result, ModelArchitecture.Recurrent);
                var (inputs, outputs) = data.ModelSize(result, task);
                var spec = new ModelSpec(result.GetValue(cell), inputs, result.GetValue(hidden), result.GetValue(layers), outputs);
                model = RecurrentTraining.Train(writer, result, data, table, dataset, spec, training, loss.Read(result, ForecastLoss.SquaredError),
                    result.GetValue(checkpoints), result.GetValue(resume));
            }
            double seconds = clock.Elapsed.TotalSeconds;

            // Intervals are calibrated on the validation windows with the model validation chose: a refitted model has
            // trained on them, so its own residuals there would be in-sample and its bands too narrow.
            var calibrated = IntervalCalibrationStep.Run(writer, training.IntervalLevels(result), intervalVariant, intervalTracking, model.Forecaster, dataset, period, verbose: true);
            var intervals = calibrated?.Intervals;
            if (result.GetValue(training.Refit))
                model = model.WithRefit(writer, result, data, table, training);

            string folder = result.GetValue(output)!;
            var files = model.Save(folder, intervals);
            var scores = Scoreboard.Score(dataset, model.Forecaster, period, intervals: intervals);
            MetricsReport.Write(Path.Combine(folder, "metrics.json"), model.Describe, dataset, result.GetValue(data.Split)!, model, seconds, scores, model.Refit, calibrated);
            Plots.Loss(model.History, model.BestEpoch, Path.Combine(folder, "loss.png"));
            DrawForecast(dataset, model.Forecaster, scores, Path.Combine(folder, "forecast.png"), intervals);

            ScoreTable.Write(writer, scores);
            writer.WriteLine($"wrote {folder}/: {string.Join(", ", files)}, metrics.json, loss.png, forecast.png");
            writer.WriteLine("use:");
            writer.WriteLine(model.Usage(result.GetValue(className)!, files));
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
    private static void DrawForecast(WindowedDataset data, IWindowForecaster model, IReadOnlyList<ForecasterScores> scores, string path,
        PredictionIntervals? intervals)
    {
        int horizon = data.Task.Horizon, targets = data.Task.TargetCount, windows = data.WindowCount(DatasetSplit.Test);
        var stretches = new List<(int, double[], double[])>();
        for (int origin = 0; origin < windows && stretches.Count < Math.Max(4, 240 / horizon); origin += horizon)
        {
            var (forecast, actual) = ModelEvaluation.ForecastWindow(model, data, DatasetSplit.Test, origin);
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
                var (lower, upper) = ModelEvaluation.IntervalOfWindow(model, data, DatasetSplit.Test, s.Item1, intervals, widest);
                return (EveryNth(lower, targets), EveryNth(upper, targets));
            }).ToList());
        }
        Plots.Forecast(data.Task.TargetColumns[0], stretches, baselines, path, band);
    }

    private static double[] EveryNth(double[] values, int n) => values.Where((_, i) => i % n == 0).ToArray();
}
