using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using GruNative.Cli.Commands;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Cli.Architectures;

/// <summary>
/// <c>train --architecture Recurrent</c> (the default): a stacked GRU or LSTM reading the window step by step and a dense
/// head from its last state — whole windows, or channel by channel with <c>--channel-independent</c> — trained with
/// checkpoints and an optional <c>--refit</c>.
/// </summary>
internal sealed class RecurrentTraining : TrainedModel
{
    private readonly ModelSpec _spec;
    private readonly TrainingResult _run;
    private readonly WindowedDataset _data;
    private readonly bool _perChannel;
    private readonly TrainingOptions _options;
    private readonly LossChoice _loss;

    private RecurrentTraining(ModelSpec spec, TrainingResult run, WindowedDataset data, bool perChannel, TrainingOptions options, LossChoice loss,
        MetricsReport.RefitSummary? refit)
    {
        _spec = spec;
        _options = options;
        _loss = loss;
        _run = run;
        _data = data;
        _perChannel = perChannel;
        Refit = refit;
        Forecaster = new NetworkForecaster(run.Best, data.Task);
    }

    /// <summary>Trains the model the options describe on <paramref name="dataset"/>, showing progress on <paramref name="writer"/>.</summary>
    public static RecurrentTraining Train(TextWriter writer, ParseResult result, DataOptions data, TimeSeriesTable table, WindowedDataset dataset,
        ModelSpec spec, TrainingOptionSet training, LossChoice loss, string? checkpoints, bool resume)
    {
        var options = training.Read(result) with { Loss = loss.Loss, HuberDelta = loss.HuberDelta, Quantile = loss.Quantile };
        bool perChannel = result.GetValue(data.ChannelIndependent);
        string lossText = loss.Loss == ForecastLoss.SquaredError ? "" : $"; loss {loss.Description}";
        writer.WriteLine($"model: {spec}, {spec.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters{lossText}; {options.Threads} thread(s)");
        var trainer = new Trainer(spec, options, data.Windows(result, dataset, DatasetSplit.Train), data.Windows(result, dataset, DatasetSplit.Validation), data.Fingerprint(result, dataset));
        var clock = Stopwatch.StartNew();
        var run = TrainingDisplay.Run(writer, options.Epochs, (onEpoch, onBatch) => trainer.Run(onEpoch, checkpoints, resume, onBatch));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best epoch {run.BestEpoch} of {run.History.Count}{(run.StoppedEarly ? " (stopped early)" : "")}, validation MSE {run.BestValidationMse:F5}, {clock.Elapsed.TotalSeconds:F1} s"));
        return new RecurrentTraining(spec, run, dataset, perChannel, options, loss, null);
    }

    /// <inheritdoc />
    public override TrainedModel WithRefit(TextWriter writer, ParseResult result, DataOptions data, TimeSeriesTable table, TrainingOptionSet training)
    {
        var refitData = Refitting.Data(table, _data);
        var clock = Stopwatch.StartNew();
        var refitted = TrainingDisplay.Run(writer, _run.BestEpoch,
            (onEpoch, _) => Refitting.Run(data, result, refitData, _spec, _options, _run.BestEpoch, onEpoch));
        var refit = Refitting.Summarize(writer, _run.BestEpoch, refitData, clock.Elapsed.TotalSeconds);
        return new RecurrentTraining(_spec, _run with { Best = refitted.Best }, _data, _perChannel, _options, _loss, refit);
    }

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
    public override void Describe(Utf8JsonWriter json) => MetricsReport.WriteModel(json, _spec, _perChannel, _loss);

    /// <inheritdoc />
    public override IReadOnlyList<string> Save(string folder, PredictionIntervals? intervals) =>
        ModelFiles.Save(folder, _run.Best, _data, _perChannel, json: true, intervals);

    /// <inheritdoc />
    public override string Usage(string className, IReadOnlyList<string> files)
    {
        string jsonFile = files.First(f => f.EndsWith(".weights.json", StringComparison.Ordinal));
        string declaration = DeclarationSnippet.For(_spec, className, jsonFile);
        return _perChannel
            ? $"// channel-independent: one model serves every column; keep one State per column and use that column's scaler (the {_data.Task.TargetCount} files hold the same weights)\n{declaration}"
            : declaration;
    }
}
