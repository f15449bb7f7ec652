using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>--refit</c>: the model trained again, from the same seed and options, on the training and validation rows together,
/// for exactly the best epoch count that early stopping found on the validation rows. On a short series the validation
/// rows are the most recent data a model can learn from before the test; a refit puts them to use, at the price of
/// validation scores that are in-sample.
/// </summary>
/// <remarks>
/// The refit keeps the first run's scalers, transforms and window normalisation, so its weights file describes the same
/// preprocessing and its test scores are on the same scale as the first run's and the baselines'. The learning-rate
/// schedule still spans <c>--epochs</c>, so the refit replays the first E epochs of the early-stopped run's schedule (a
/// Plateau schedule then reacts to the in-sample error). A refit is not checkpointed: it is as long as the run before it.
/// Each architecture runs its own refit (<c>TrainedModel.WithRefit</c>) on <see cref="Data"/>; this file holds the plain
/// model's (<see cref="Run"/>).
/// </remarks>
internal static class Refitting
{
    /// <summary>The data of the refit: the training and validation rows of <paramref name="dataset"/> as one training split.</summary>
    public static WindowedDataset Data(TimeSeriesTable table, WindowedDataset dataset)
    {
        var splits = dataset.Splits;
        var scalers = dataset.InputScalers.Concat(dataset.TargetScalers).DistinctBy(c => c.Name).ToArray();
        return WindowedDataset.Create(table, dataset.Task, SplitPlan.Counts(splits.Train.Count + splits.Validation.Count, 0, splits.Test.Count),
            dataset.Normalizer.Mode, scalers, dataset.Normalizer.SeasonLength);
    }

    /// <summary>
    /// Trains <paramref name="spec"/> on <paramref name="refitData"/>'s training windows for <paramref name="epochs"/>
    /// epochs (its "validation" is those same windows, for the history only) and returns the final weights.
    /// </summary>
    public static TrainingResult Run(DataOptions data, ParseResult result, WindowedDataset refitData, ModelSpec spec, TrainingOptions options,
        int epochs, Action<EpochReport>? progress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var windows = data.Windows(result, refitData, DatasetSplit.Train);
        var trainer = new Trainer(spec, options with { StopAfterEpochs = epochs }, windows, windows, data.Fingerprint(result, refitData) + "; refit");
        return trainer.Run(progress);
    }

    /// <summary>The refit's summary for metrics.json, said on <paramref name="writer"/>.</summary>
    public static MetricsReport.RefitSummary Summarize(TextWriter writer, int epochs, WindowedDataset refitData, double seconds)
    {
        var refit = new MetricsReport.RefitSummary(epochs, refitData.Splits.Train.Count, refitData.WindowCount(DatasetSplit.Train), seconds);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refit on the training and validation rows ({refit.Rows} rows, {refit.Windows} windows) for {refit.Epochs} epochs, {refit.Seconds:F1} s: the model below; its validation scores are in-sample"));
        return refit;
    }
}
