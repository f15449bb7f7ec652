using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Trainer.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Trainer.Commands;

/// <summary>
/// <c>grunative train</c>: learn a GRU or LSTM forecaster from a CSV file (or the built-in sensor series) and write
/// <c>model.safetensors</c>, <c>model.weights.json</c>, <c>metrics.json</c>, <c>loss.png</c> and <c>forecast.png</c>,
/// then print the scores against the naive baselines and the C# declaration to paste.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var cell = new Option<CellKind>("--cell") { Description = "Gru or Lstm.", DefaultValueFactory = _ => CellKind.Gru };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units per layer (H).", DefaultValueFactory = _ => 32 };
        var layers = new Option<int>("--layers") { Description = "Stacked recurrent layers (L).", DefaultValueFactory = _ => 1 };
        var defaults = new TrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch-size") { Description = "Windows per optimiser step.", DefaultValueFactory = _ => defaults.BatchSize };
        var rate = new Option<double>("--lr") { Description = "Peak learning rate (AdamW).", DefaultValueFactory = _ => defaults.LearningRate };
        var decay = new Option<double>("--weight-decay") { Description = "Decoupled weight decay of AdamW (0 = Adam).", DefaultValueFactory = _ => defaults.WeightDecay };
        var clip = new Option<double>("--clip") { Description = "Maximum global gradient norm.", DefaultValueFactory = _ => defaults.ClipNorm };
        var schedule = new Option<ScheduleKind>("--schedule") { Description = "Learning-rate schedule: Constant, Cosine or Plateau.", DefaultValueFactory = _ => defaults.Schedule };
        var warmup = new Option<int>("--warmup") { Description = "Epochs of linear learning-rate warm-up.", DefaultValueFactory = _ => defaults.WarmupEpochs };
        var patience = new Option<int>("--patience") { Description = "Early stopping: epochs without a better validation MSE.", DefaultValueFactory = _ => defaults.Patience };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and batch order; equal seeds give bit-identical weights.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Worker threads (does not change the result).", DefaultValueFactory = _ => defaults.Threads };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the model, metrics and plots.", DefaultValueFactory = _ => "model" };
        var checkpoints = new Option<string?>("--checkpoint-dir") { Description = "Save a checkpoint here after every epoch (atomically)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir." };
        var className = new Option<string>("--class-name") { Description = "Class name in the printed C# declaration.", DefaultValueFactory = _ => "Forecaster" };

        var command = new Command("train", "Train a GRU or LSTM forecaster on a CSV time series (or the built-in sensor series).");
        data.AddTo(command);
        foreach (var option in new Option[] { cell, hidden, layers, epochs, batch, rate, decay, clip, schedule, warmup, patience, seed, threads, output, checkpoints, resume, className })
            command.Options.Add(option);

        command.SetAction(result => CommandLine.Guard(result, writer =>
        {
            var table = data.ReadTable(result);
            var task = data.Task(result, table);
            var dataset = WindowedDataset.Create(table, task, data.SplitPlan(result), result.GetValue(data.WindowNorm));
            writer.WriteLine(dataset.ToString());
            var spec = new ModelSpec(result.GetValue(cell), task.InputCount, result.GetValue(hidden), result.GetValue(layers), task.OutputSize);
            var options = new TrainingOptions
            {
                Epochs = result.GetValue(epochs), BatchSize = result.GetValue(batch), LearningRate = result.GetValue(rate),
                WeightDecay = result.GetValue(decay), ClipNorm = result.GetValue(clip), Schedule = result.GetValue(schedule),
                WarmupEpochs = result.GetValue(warmup), Patience = result.GetValue(patience), Seed = result.GetValue(seed),
                Threads = result.GetValue(threads),
            };
            if (options.FindProblem() is string problem)
                throw new ArgumentException(problem);
            int? period = Scoreboard.Period(dataset, result.GetValue(data.Season));
            writer.WriteLine($"model: {spec}, {spec.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters; {options.Threads} thread(s)");

            var trainer = new Training.Fitting.Trainer(spec, options, dataset.Windows(DatasetSplit.Train), dataset.Windows(DatasetSplit.Validation), Fingerprint(dataset));
            var clock = Stopwatch.StartNew();
            var training = TrainingDisplay.Run(writer, options.Epochs,
                (onEpoch, onBatch) => trainer.Run(onEpoch, result.GetValue(checkpoints), result.GetValue(resume), onBatch));
            double seconds = clock.Elapsed.TotalSeconds;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best epoch {training.BestEpoch} of {training.History.Count}{(training.StoppedEarly ? " (stopped early)" : "")}, validation MSE {training.BestValidationMse:F5}, {seconds:F1} s"));

            string folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var weights = training.Best.ToWeights(dataset.ToPreprocessing());
            SafeTensorsWeights.Save(weights, Path.Combine(folder, "model.safetensors"));
            JsonWeights.Save(weights, Path.Combine(folder, "model.weights.json"));
            var scores = Scoreboard.Score(dataset, training.Best, period);
            MetricsReport.Write(Path.Combine(folder, "metrics.json"), spec, dataset, result.GetValue(data.Split)!, training, seconds, scores);
            Plots.Loss(training.History, training.BestEpoch, Path.Combine(folder, "loss.png"));
            DrawForecast(dataset, training, Path.Combine(folder, "forecast.png"));

            ScoreTable.Write(writer, scores);
            writer.WriteLine($"wrote {folder}/: model.safetensors, model.weights.json, metrics.json, loss.png, forecast.png");
            writer.WriteLine("declaration:");
            writer.WriteLine(ModelDeclaration.For(spec, result.GetValue(className)!, "model.weights.json"));
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
        return $"{data} {data.Normalizer.Mode}; content {hash:x16}";
    }

    private static void DrawForecast(WindowedDataset data, TrainingResult training, string path)
    {
        int horizon = data.Task.Horizon, targets = data.Task.TargetCount, windows = data.WindowCount(DatasetSplit.Test);
        var network = new Training.Network.Network<float>(training.Best.Layout.Spec, data.Task.Lookback, 1);
        var stretches = new List<(int, double[], double[])>();
        for (int origin = 0; origin < windows && stretches.Count < Math.Max(4, 240 / horizon); origin += horizon)
        {
            var (forecast, actual) = ModelEvaluation.ForecastWindow(training.Best, data, DatasetSplit.Test, origin, network);
            stretches.Add((origin, EveryNth(forecast, targets), EveryNth(actual, targets)));
        }
        Plots.Forecast(data.Task.TargetColumns[0], stretches, path);
    }

    private static double[] EveryNth(double[] values, int n) => values.Where((_, i) => i % n == 0).ToArray();
}
