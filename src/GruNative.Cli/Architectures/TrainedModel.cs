using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using GruNative.Cli.Commands;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Architectures;

/// <summary>
/// What <c>train</c> does with a trained model of any architecture once training is done: score it and calibrate its
/// intervals (through its <see cref="Forecaster"/>), describe it in metrics.json, save its weights files and say how to
/// use them. One implementation per architecture: <see cref="RecurrentTraining"/>, <see cref="SegmentTraining"/>.
/// </summary>
internal abstract class TrainedModel
{
    /// <summary>The model over the dataset's windows, for scoring, intervals and plots.</summary>
    public abstract IWindowForecaster Forecaster { get; }

    /// <summary>The epoch chosen by validation (or the refit's last), 1-based.</summary>
    public abstract int BestEpoch { get; }

    /// <summary>That epoch's validation MSE.</summary>
    public abstract double BestValidationMse { get; }

    /// <summary>Every epoch of the run (of the run before a refit).</summary>
    public abstract IReadOnlyList<EpochReport> History { get; }

    /// <summary>Whether early stopping ended the run.</summary>
    public abstract bool StoppedEarly { get; }

    /// <summary>The refit, when this model is one (<see cref="WithRefit"/>).</summary>
    public MetricsReport.RefitSummary? Refit { get; protected init; }

    /// <summary>
    /// This model trained again, from the same seed and options, on the training and validation rows for its best epoch
    /// count (<c>--refit</c>, see <see cref="Refitting"/>); its validation scores are then in-sample. The first run's
    /// history stays the one reported.
    /// </summary>
    public abstract TrainedModel WithRefit(TextWriter writer, ParseResult result, DataOptions data, TimeSeriesTable table, TrainingOptionSet training);

    /// <summary>Writes the <c>model</c> object of metrics.json (its architecture, shape and parameter count).</summary>
    public abstract void Describe(Utf8JsonWriter json);

    /// <summary>Writes the weights files into <paramref name="folder"/> (with the intervals, when calibrated) and returns their names.</summary>
    public abstract IReadOnlyList<string> Save(string folder, PredictionIntervals? intervals);

    /// <summary>How to use the files: the C# to paste, or how to load them.</summary>
    public abstract string Usage(string className, IReadOnlyList<string> files);
}
