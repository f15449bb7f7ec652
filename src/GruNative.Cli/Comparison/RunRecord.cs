using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Comparison;

/// <summary>Validation or test scores of one run, on the standardised scale (MASE against the seasonal naive scale).</summary>
internal sealed record RunScores(double Mse, double Mae, double? Mase)
{
    /// <summary>Each calibrated level's coverage, mean width and interval score on the split; empty without intervals.</summary>
    public IReadOnlyList<IntervalScore> Intervals { get; init; } = [];

    public static RunScores From(SplitScores s, IReadOnlyList<IntervalScore>? intervals = null) => new(s.Mse, s.Mae, s.Mase) { Intervals = intervals ?? [] };

    /// <summary>A model's scores on <paramref name="split"/> from <see cref="Scoreboard.Score"/>'s row, with its intervals' when it has them.</summary>
    public static RunScores From(ForecasterScores model, DatasetSplit split) => From(model.Splits[split], model.Intervals?.GetValueOrDefault(split));
}

/// <summary>
/// What one finished run of a sweep measured. Written to <c>runs/NAME/result.json</c> once the run's model and scores
/// are on disk; its presence is what marks the run finished, so an interrupted sweep redoes only the rest.
/// <see cref="ModelFile"/> names the run's weights file (the first column's, for a channel-independent model).
/// </summary>
internal sealed record RunRecord(
    SweepRun Run, long Parameters, int EpochsRun, int BestEpoch, bool StoppedEarly, double TrainingSeconds,
    RunScores Validation, RunScores Test, string ModelFile)
{
    public const string FileName = "result.json";

    public void Save(string path) => AtomicFile.Write(path, stream =>
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("run", Run.Name);
        json.WriteString("architecture", Run.Shape.IsSegment ? WeightsMetadata.SegmentArchitecture : "recurrent");
        json.WriteString("cell", Run.Shape.Cell.ToMetadataName());
        json.WriteNumber("layers", Run.Shape.Layers);
        json.WriteNumber("hidden", Run.Shape.Hidden);
        json.WriteNumber("seed", Run.Seed);
        json.WriteNumber("parameters", Parameters);
        json.WriteNumber("epochs_run", EpochsRun);
        json.WriteNumber("best_epoch", BestEpoch);
        json.WriteBoolean("stopped_early", StoppedEarly);
        json.WriteNumber("training_seconds", TrainingSeconds);
        json.WriteString("model_file", ModelFile);
        Write(json, "validation", Validation);
        Write(json, "test", Test);
        json.WriteEndObject();
    });

    /// <summary>
    /// The record of a run that has just finished training: saved into its folder (so a rerun reads it back), its
    /// checkpoint folder removed, and one line on <paramref name="writer"/>. <paramref name="model"/> is the model's row
    /// of <see cref="Scoreboard.Score"/>, with its intervals' scores when it has them.
    /// </summary>
    public static RunRecord Complete(TextWriter writer, string sweepFolder, SweepRun run, string position, long parameters,
        IReadOnlyList<EpochReport> history, int bestEpoch, bool stoppedEarly, double seconds, ForecasterScores model, string modelFile)
    {
        string runFolder = Path.Combine(sweepFolder, "runs", run.Name);
        var record = new RunRecord(run, parameters, history.Count, bestEpoch, stoppedEarly, seconds,
            RunScores.From(model, DatasetSplit.Validation), RunScores.From(model, DatasetSplit.Test), modelFile);
        record.Save(Path.Combine(runFolder, FileName));
        Directory.Delete(Path.Combine(runFolder, "checkpoint"), recursive: true);
        writer.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{position} {run.Name}: best epoch {bestEpoch} of {history.Count}, validation MSE {record.Validation.Mse:F4}, test MSE {record.Test.Mse:F4}, {seconds:F1} s"));
        return record;
    }

    /// <summary>The run's record when a previous invocation finished it (and says so on <paramref name="writer"/>), else null.</summary>
    public static RunRecord? Finished(TextWriter writer, string sweepFolder, SweepRun run, string position)
    {
        if (Load(Path.Combine(sweepFolder, "runs", run.Name, FileName), run) is not RunRecord done)
            return null;
        writer.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{position} {run.Name}: finished earlier — validation MSE {done.Validation.Mse:F4}, test MSE {done.Test.Mse:F4}"));
        return done;
    }

    /// <summary>The record of <paramref name="run"/> at <paramref name="path"/>, or null when the file is missing.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a record of this run.</exception>
    public static RunRecord? Load(string path, SweepRun run)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("run").GetString() != run.Name)
                throw new InvalidDataException($"{path} records run '{root.GetProperty("run").GetString()}', not '{run.Name}'.");
            return new RunRecord(run,
                root.GetProperty("parameters").GetInt64(), root.GetProperty("epochs_run").GetInt32(), root.GetProperty("best_epoch").GetInt32(),
                root.GetProperty("stopped_early").GetBoolean(), root.GetProperty("training_seconds").GetDouble(),
                Read(root.GetProperty("validation")), Read(root.GetProperty("test")), root.GetProperty("model_file").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is damaged ({e.Message}); delete it to rerun that configuration.", e);
        }
    }

    private static void Write(Utf8JsonWriter json, string name, RunScores scores)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mse", scores.Mse);
        json.WriteNumber("mae", scores.Mae);
        if (scores.Mase is double mase)
            json.WriteNumber("mase", mase);
        if (scores.Intervals.Count > 0)
        {
            json.WriteStartArray("intervals");
            foreach (var interval in scores.Intervals)
            {
                json.WriteStartObject();
                json.WriteNumber("level", interval.Level);
                json.WriteNumber("coverage", interval.Coverage);
                json.WriteNumber("mean_width", interval.MeanWidth);
                json.WriteNumber("winkler", interval.Winkler);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    // A record written before intervals were recorded has none.
    private static RunScores Read(JsonElement e) =>
        new(e.GetProperty("mse").GetDouble(), e.GetProperty("mae").GetDouble(), e.TryGetProperty("mase", out var m) ? m.GetDouble() : null)
        {
            Intervals = e.TryGetProperty("intervals", out var intervals)
                ? intervals.EnumerateArray().Select(i => new IntervalScore(i.GetProperty("level").GetDouble(), i.GetProperty("coverage").GetDouble(),
                    i.GetProperty("mean_width").GetDouble(), i.GetProperty("winkler").GetDouble())).ToList()
                : [],
        };
}
