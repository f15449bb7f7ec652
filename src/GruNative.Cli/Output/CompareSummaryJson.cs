using System.Collections.Generic;
using System.Text.Json;
using GruNative.Cli.Comparison;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>Writes <c>report.json</c>: the report's numbers for scripts — per shape the seeds' mean and spread, per baseline its scores.</summary>
internal static class CompareSummaryJson
{
    public static void Write(string path, IReadOnlyList<ShapeSummary> shapes, IReadOnlyList<ForecasterScores> baselines) =>
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteStartArray("shapes");
            foreach (var s in shapes)
            {
                json.WriteStartObject();
                json.WriteString("architecture", s.Shape.IsSegment ? WeightsMetadata.SegmentArchitecture : "recurrent");
                json.WriteString("cell", s.Shape.Cell.ToMetadataName());
                json.WriteNumber("layers", s.Shape.Layers);
                json.WriteNumber("hidden", s.Shape.Hidden);
                json.WriteNumber("parameters", s.Parameters);
                json.WriteNumber("weight_bytes", s.WeightBytes);
                json.WriteNumber("seeds", s.Runs.Count);
                Stat(json, "training_seconds", s.TrainingSeconds);
                Stat(json, "best_epoch", s.BestEpoch);
                Stat(json, "validation_mse", s.ValidationMse);
                Stat(json, "validation_mae", s.ValidationMae);
                Stat(json, "test_mse", s.TestMse);
                Stat(json, "test_mae", s.TestMae);
                if (s.TestMase is MeanSpread mase)
                    Stat(json, "test_mase", mase);
                if (s.Ensemble is { } ensemble)
                {
                    json.WriteStartObject("ensemble");
                    json.WriteNumber("members", s.Runs.Count);
                    foreach (var split in new[] { DatasetSplit.Validation, DatasetSplit.Test })
                        MetricsReport.WriteScores(json, MetricsReport.Name(split), ensemble.Splits[split]);
                    json.WriteEndObject();
                }
                if (s.Speed is KernelSpeed speed)
                {
                    json.WriteNumber("ns_per_step", speed.NanosecondsPerStep);
                    json.WriteNumber("allocated_bytes_per_step", speed.AllocatedBytesPerStep);
                    json.WriteString("vector_path", speed.VectorPath);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("baselines");
            foreach (var b in baselines)
            {
                json.WriteStartObject(b.Name);
                if (b.Period is int period)
                    json.WriteNumber("period", period);
                if (b.Classical is { } classical)
                    MetricsReport.WriteClassical(json, classical);
                foreach (var split in new[] { DatasetSplit.Validation, DatasetSplit.Test })
                {
                    if (b.Splits.TryGetValue(split, out var score))
                        MetricsReport.WriteScores(json, MetricsReport.Name(split), score);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });

    private static void Stat(Utf8JsonWriter json, string name, MeanSpread value)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mean", value.Mean);
        json.WriteNumber("spread", value.Spread);
        json.WriteEndObject();
    }
}
