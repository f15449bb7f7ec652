using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Linq;
using System.Globalization;
using System.IO;
using System.Text.Json;
using GruNative.Cli.Commands;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Segments;

namespace GruNative.Cli.Architectures;

/// <summary>
/// <c>train --architecture SegRnn</c>: the segment-recurrent forecaster (SegRNN), channel-independent — every column of
/// the task (mode S, or M) is a univariate window of its own through the same weights, with its channel id when
/// <c>--channel-ids</c> is on. The data goes in standardised only: the model takes each window's last value off itself.
/// Trained with checkpoints (<c>--checkpoint-dir</c>, <c>--resume</c>) and an optional <c>--refit</c>, as the plain model.
/// </summary>
internal sealed class SegmentTraining : TrainedModel
{
    private readonly SegmentTrainingResult _run;
    private readonly SegmentTrainingOptions _options;
    private readonly WindowedDataset _data;

    private SegmentTraining(SegmentTrainingResult run, SegmentTrainingOptions options, WindowedDataset data, MetricsReport.RefitSummary? refit)
    {
        _run = run;
        _options = options;
        _data = data;
        Refit = refit;
        Forecaster = new SegmentForecaster(run.Shape, run.Parameters, data, options.Optimization.Threads);
    }

    /// <summary>Trains the model the options describe on <paramref name="dataset"/>, showing progress on <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">An option or the data does not suit a segment model (the message names the option).</exception>
    public static SegmentTraining Train(TextWriter writer, ParseResult result, DataOptions data, WindowedDataset dataset, SegmentOptionSet segment,
        TrainingOptionSet training, CellKind cell, int hidden, int layers, string? checkpoints, bool resume)
    {
        if (layers != 1)
            throw new ArgumentException($"--architecture SegRnn has one recurrent layer; --layers {layers} does not apply.");
        if (dataset.Normalizer.Mode != WindowNormalization.None)
            throw new ArgumentException($"--architecture SegRnn takes each window's last value off itself: leave --window-norm at None (it is {dataset.Normalizer.Mode}).");
        if (dataset.HasTransform)
            throw new ArgumentException("--architecture SegRnn does not take a target transform yet: leave --transform at none.");
        if (SegmentWindows.FindProblem(dataset) is string problem)
            throw new ArgumentException($"--architecture SegRnn: {problem}.");

        var task = dataset.Task;
        var shape = segment.Shape(result, task, cell, hidden);
        var options = segment.TrainingOptions(result, training);
        var optimization = options.Optimization;
        writer.WriteLine($"model: {shape}, {shape.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters, {shape.FlopsPerForecast.ToString("N0", CultureInfo.InvariantCulture)} FLOPs per channel forecast; "
            + $"{task.TargetCount} channel(s) × {dataset.WindowCount(DatasetSplit.Train):N0} training windows; loss {new LossChoice(options.Loss, options.HuberDelta, options.Quantile).Description}, batch {options.Optimization.BatchSize}; {optimization.Threads} thread(s)");

        var trainer = new SegmentTrainer(shape, options, dataset, data.Fingerprint(result, dataset));
        var clock = Stopwatch.StartNew();
        var run = TrainingDisplay.Run(writer, optimization.Epochs, (onEpoch, onBatch) => trainer.Run(onEpoch, checkpoints, resume, onBatch));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best epoch {run.BestEpoch} of {run.History.Count}{(run.StoppedEarly ? " (stopped early)" : "")}, validation MSE {run.BestValidationMse:F5}, {clock.Elapsed.TotalSeconds:F1} s"));
        return new SegmentTraining(run, options, dataset, null);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The same shape and options (those of the first run, batch and shard included) with
    /// <see cref="TrainingOptions.StopAfterEpochs"/> = the best epoch, on <see cref="Refitting.Data"/>: the training and
    /// validation rows as one training split, the first run's scalers.
    /// </remarks>
    public override TrainedModel WithRefit(TextWriter writer, ParseResult result, DataOptions data, TimeSeriesTable table, TrainingOptionSet training)
    {
        var refitData = Refitting.Data(table, _data);
        var options = _options with { Optimization = _options.Optimization with { StopAfterEpochs = _run.BestEpoch } };
        var trainer = new SegmentTrainer(_run.Shape, options, refitData, data.Fingerprint(result, refitData) + "; refit");
        var clock = Stopwatch.StartNew();
        var refitted = TrainingDisplay.Run(writer, _run.BestEpoch, (onEpoch, onBatch) => trainer.Run(onEpoch, batchDone: onBatch));
        var refit = Refitting.Summarize(writer, _run.BestEpoch, refitData, clock.Elapsed.TotalSeconds);
        return new SegmentTraining(_run with { Parameters = refitted.Parameters }, _options, _data, refit);
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Shape => _run.Shape;

    /// <inheritdoc />
    public override IWindowForecaster Forecaster { get; }

    /// <inheritdoc />
    public override int BestEpoch => _run.BestEpoch;

    /// <inheritdoc />
    public override double BestValidationMse => _run.BestValidationMse;

    /// <inheritdoc />
    public override IReadOnlyList<EpochReport> History => _run.History;

    /// <inheritdoc />
    public override bool StoppedEarly => _run.StoppedEarly;

    /// <inheritdoc />
    public override void Describe(Utf8JsonWriter json) => WriteModel(json, _run.Shape, _options);

    /// <summary>
    /// The <c>model</c> object of metrics.json for a segment model; with the <paramref name="options"/> it was trained
    /// with, also its loss (<see cref="MetricsReport.WriteLoss"/>).
    /// </summary>
    public static void WriteModel(Utf8JsonWriter json, SegmentModelSpec shape, SegmentTrainingOptions? options = null)
    {
        json.WriteStartObject("model");
        json.WriteString("architecture", WeightsMetadata.SegmentArchitecture);
        json.WriteString("cell", shape.Cell.ToMetadataName());
        json.WriteNumber("lookback", shape.Lookback);
        json.WriteNumber("horizon", shape.Horizon);
        json.WriteNumber("segment_length", shape.SegmentLength);
        json.WriteNumber("hidden_size", shape.HiddenSize);
        json.WriteString("decoding", shape.Decoding == SegmentDecoding.Parallel ? "pmf" : "rmf");
        json.WriteNumber("channels", shape.Channels);
        json.WriteNumber("parameters", shape.ParameterCount);
        json.WriteNumber("flops_per_forecast", shape.FlopsPerForecast);
        json.WriteBoolean("channel_independent", true);
        if (options is not null)
            MetricsReport.WriteLoss(json, new LossChoice(options.Loss, options.HuberDelta, options.Quantile));
        json.WriteEndObject();
    }

    /// <inheritdoc />
    /// <remarks>
    /// One pair of files for every channel (the same weights serve them all, and with channel ids each reads its own
    /// embedding): <c>model.safetensors</c>, in the official module's state_dict names, and its JSON twin, each with the
    /// channels' scalers and the intervals of every channel's forecast.
    /// </remarks>
    public override IReadOnlyList<string> Save(string folder, PredictionIntervals? intervals) =>
        SaveFiles(folder, _run.Shape, _run.Parameters, _data, intervals, json: true);

    /// <summary>
    /// Writes a segment model's files into <paramref name="folder"/>: <c>model.safetensors</c> (the official state_dict
    /// names, the channels' scalers of <paramref name="data"/>, the intervals) and, with <paramref name="json"/>, its JSON
    /// twin; returns their names, the safetensors file first.
    /// </summary>
    public static IReadOnlyList<string> SaveFiles(string folder, SegmentModelSpec shape, float[] parameters, WindowedDataset data, PredictionIntervals? intervals, bool json)
    {
        Directory.CreateDirectory(folder);
        var weights = new SegmentParameterLayout(shape).ToWeights(parameters, data.ToPreprocessing().WithIntervals(intervals));
        SafeTensorsSegmentWeights.Save(weights, Path.Combine(folder, "model.safetensors"));
        if (!json)
            return ["model.safetensors"];
        JsonSegmentWeights.Save(weights, Path.Combine(folder, "model.weights.json"));
        return ["model.safetensors", "model.weights.json"];
    }

    /// <inheritdoc />
    public override string Usage(string className, IReadOnlyList<string> files)
    {
        string? jsonFile = files.FirstOrDefault(f => f.EndsWith(".weights.json", StringComparison.Ordinal));
        return DeclarationSnippet.For(_run.Shape, className, jsonFile) + "\n"
            + $"// model.ForecastChannels(windows /* [{_run.Shape.Lookback} × {_data.Task.TargetCount}], step-major, standardised */, forecasts /* [{_run.Shape.Horizon} × {_data.Task.TargetCount}] */);"
            + " a device keeps a model.History (Push each observation; Forecast(in history, …) once full)";
    }
}
