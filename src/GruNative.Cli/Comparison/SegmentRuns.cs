using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Architectures;
using GruNative.Cli.Commands;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Segments;

namespace GruNative.Cli.Comparison;

/// <summary>
/// The segment-recurrent runs of a <c>compare</c> sweep (<c>--architectures segrnn</c>): trained on the same rows, split
/// and scalers as the recurrent runs, but on windows standardised only (the model takes each window's last value off
/// itself), and scored on the same scale over the same windows. As for the recurrent runs, finished runs are read back
/// and a run interrupted mid-training continues from its last epoch's checkpoint.
/// </summary>
internal sealed class SegmentRuns
{
    private readonly SegmentOptionSet _segment;
    private readonly ParseResult _result;
    private readonly SegmentTrainingOptions _options;

    /// <summary>Prepares the segment runs on <paramref name="data"/> with the options of <paramref name="result"/>, checking them first.</summary>
    /// <exception cref="ArgumentException">The data cannot feed a segment model, or an option is out of range.</exception>
    public SegmentRuns(WindowedDataset data, SegmentOptionSet segment, TrainingOptionSet training, ParseResult result)
    {
        if (SegmentWindows.FindProblem(data) is string problem)
            throw new ArgumentException($"--architectures segrnn: {problem}.");
        Data = data;
        _segment = segment;
        _result = result;
        _options = segment.TrainingOptions(result, training);
    }

    /// <summary>The windows the segment runs train and are scored on.</summary>
    public WindowedDataset Data { get; }

    /// <summary>
    /// <paramref name="dataset"/> without window normalisation (its rows, split and standardisation otherwise); refused
    /// with a target transform, which the segment model does not take yet.
    /// </summary>
    public static WindowedDataset DataFor(TimeSeriesTable table, WindowedDataset dataset)
    {
        if (dataset.HasTransform)
            throw new ArgumentException("--architectures segrnn does not take a target transform yet: leave --transform at none.");
        if (dataset.Normalizer.Mode == WindowNormalization.None)
            return dataset;
        var scalers = dataset.InputScalers.Concat(dataset.TargetScalers).DistinctBy(c => c.Name).ToArray();
        return WindowedDataset.Create(table, dataset.Task, SplitPlan.Counts(dataset.Splits.Train.Count, dataset.Splits.Validation.Count, dataset.Splits.Test.Count),
            WindowNormalization.None, scalers);
    }

    /// <summary>The segment model of <paramref name="shape"/> for the task.</summary>
    public SegmentModelSpec Spec(SweepShape shape) => _segment.Shape(_result, Data.Task, shape.Cell, shape.Hidden);

    /// <summary>
    /// Trains one run, or reads it back when a previous invocation finished it. With <paramref name="refitTable"/> (the
    /// sweep's <c>--refit</c>), the run is then trained again from its seed on the training and validation rows for its
    /// best epoch count, and that model is scored and saved (intervals stay those of the first model, as in train).
    /// </summary>
    public RunRecord Run(TextWriter writer, SweepRun run, string position, int? period, string folder,
        IReadOnlyList<double> intervalLevels, IntervalVariantRequest intervalVariant, IntervalTrackingRequest intervalTracking, TimeSeriesTable? refitTable = null)
    {
        if (RunRecord.Finished(writer, folder, run, position) is RunRecord done)
            return done;
        string runFolder = Path.Combine(folder, "runs", run.Name);
        var spec = Spec(run.Shape);
        var options = _options with { Optimization = _options.Optimization with { Seed = run.Seed } };
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{position} {run.Name}: {spec}, {spec.ParameterCount:N0} parameters, seed {run.Seed}"));
        string checkpointFolder = Path.Combine(runFolder, "checkpoint");
        bool resume = SegmentTrainer.CheckpointExists(checkpointFolder);
        if (resume)
            writer.WriteLine($"{position} {run.Name}: resuming from its checkpoint");
        var trainer = new SegmentTrainer(spec, options, Data, TrainCommand.Fingerprint(Data));
        var trained = TrainingDisplay.Run(writer, options.Optimization.Epochs, (onEpoch, onBatch) => trainer.Run(onEpoch, checkpointFolder, resume, onBatch));
        double seconds = trained.History.Sum(h => h.Seconds);
        var forecaster = new SegmentForecaster(spec, trained.Parameters, Data, _options.Optimization.Threads);
        var intervals = IntervalCalibrationStep.Run(writer, intervalLevels, intervalVariant, intervalTracking, forecaster, Data, period, verbose: false)?.Intervals;
        if (refitTable is not null)
        {
            var refitData = Refitting.Data(refitTable, Data);
            var refitOptions = options with { Optimization = options.Optimization with { StopAfterEpochs = trained.BestEpoch } };
            var refitted = new SegmentTrainer(spec, refitOptions, refitData, TrainCommand.Fingerprint(refitData) + "; refit").Run();
            seconds += refitted.History.Sum(h => h.Seconds);
            trained = trained with { Parameters = refitted.Parameters };
            forecaster = new SegmentForecaster(spec, trained.Parameters, Data, _options.Optimization.Threads);
        }
        var scores = Scoreboard.Score(Data, forecaster, period, classical: false, intervals: intervals)[0];
        var files = SegmentTraining.SaveFiles(runFolder, spec, trained.Parameters, Data, intervals, json: false);
        return RunRecord.Complete(writer, folder, run, position, spec.ParameterCount, trained.History, trained.BestEpoch, trained.StoppedEarly,
            seconds, scores, files[0]);
    }

    /// <summary>The scores of a segment shape's seeds as one ensemble (the mean of their forecasts), from the runs' weights files; null for a single seed.</summary>
    public ForecasterScores? ScoreEnsemble(ShapeSummary shape, int? period, string folder)
    {
        if (shape.Runs.Count < 2)
            return null;
        var members = shape.Runs.Select(r =>
        {
            var weights = SafeTensorsSegmentWeights.Read(Path.Combine(folder, "runs", r.Run.Name, r.ModelFile));
            return (IWindowForecaster)new SegmentForecaster(weights.Spec, new SegmentParameterLayout(weights.Spec).FromWeights(weights), Data, _options.Optimization.Threads);
        }).ToList();
        return Scoreboard.ScoreEnsemble(Data, new AveragingForecaster(members), period);
    }
}
