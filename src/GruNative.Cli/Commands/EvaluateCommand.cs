using System;
using System.CommandLine;
using System.Linq;
using GruNative.Cli.Architectures;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Segments;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>grunative evaluate --model FILE --data FILE</c>: scores a trained model of either family (plain recurrent or segment) on every split of a series — with the
/// model's own columns, scalers, lookback, horizon and window normalisation — next to the naive and classical baselines. Calendar
/// inputs the model reads are computed from the data's date column, so evaluate needs no <c>--calendar</c>.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new Option<string>("--model", "-m") { Description = "The trained model (.safetensors or .json) with GruNative preprocessing metadata.", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the scores to this JSON file (the layout of metrics.json)." };
        var tracking = new Option<string>("--interval-tracking")
        {
            Description = IntervalTrackingRequest.Description(evaluate: true),
            DefaultValueFactory = _ => IntervalTrackingRequest.StoredValue,
        };
        var classical = new Option<bool>("--classical")
        {
            Description = "Also fit and score the classical baselines (seasonal naive with drift, ETS, Theta); --classical false scores the model and the naive baselines only (ETS takes seconds to minutes on long series).",
            DefaultValueFactory = _ => true,
        };
        var precision = new Option<string>("--weight-precision")
        {
            Description = WeightPrecisionRequest.Description,
            DefaultValueFactory = _ => WeightPrecisionRequest.Fp32Value,
        };
        var command = new Command("evaluate", "Score a trained model, the naive baselines and the classical ones (seasonal naive with drift, ETS, Theta) on every split of a series.") { model, json, tracking, classical, precision };
        foreach (var option in new Option[] { data.Data, data.Builtin, data.DateColumn, data.Fill, data.Split, data.Season })
            command.Options.Add(option);

        command.SetAction(result => CommandLine.Guard(result, writer =>
        {
            string path = result.GetValue(model)!;
            var trackingRequest = IntervalTrackingRequest.Parse(result.GetValue(tracking), allowStored: true);
            var weightPrecision = WeightPrecisionRequest.Parse(result.GetValue(precision));
            var (plain, segment) = WeightsFiles.ReadAny(path);
            if (weightPrecision == WeightPrecision.BFloat16 && plain is null)
                throw new ArgumentException($"--weight-precision {WeightPrecisionRequest.BFloat16Value}: {path} holds a segment model, and WeightPrecision.BFloat16 applies to plain GRU/LSTM models only.");
            var p = plain?.Preprocessing ?? segment!.Preprocessing;
            if (p is null || p.InputColumns.Count == 0 || p.TargetColumns.Count == 0 || p.Lookback is null || p.Horizon is null)
                throw new ArgumentException($"{path}: the model does not say which columns it reads and forecasts, with their scalers, lookback and horizon (GruNative preprocessing metadata); `grunative train` writes them.");
            // The model's calendar columns among these make ReadTable derive them from the date column.
            var table = data.ReadTable(result, p.InputColumns.Select(c => c.Name).Concat(p.TargetColumns.Select(c => c.Name)).ToArray());
            var task = new ForecastTask(p.InputColumns.Select(c => c.Name).ToArray(), p.TargetColumns.Select(c => c.Name).ToArray(), p.Lookback.Value, p.Horizon.Value);
            var dataset = WindowedDataset.Create(table, task, data.SplitPlan(result), p.WindowNormalization, p.InputColumns.Concat(p.TargetColumns).DistinctBy(c => c.Name).ToArray(), p.SeasonLength);
            writer.WriteLine(dataset.ToString());
            writer.WriteLine($"model: {(object?)plain?.Spec ?? segment!.Spec} from {path}");

            // bfloat16: the model a WeightPrecision.BFloat16 kernel computes, scored by the same forecaster as the trained one.
            var rounded = weightPrecision == WeightPrecision.BFloat16 ? Kernels.BFloat16Rounding.RoundLayers(plain!) : plain;
            writer.WriteLine(weightPrecision == WeightPrecision.BFloat16
                ? $"weight precision: {WeightPrecisionRequest.BFloat16Value} (every layer's weight_ih and weight_hh rounded to bfloat16, ties to even; biases and head fp32)"
                : $"weight precision: {WeightPrecisionRequest.Fp32Value} (the weights as trained)");
            IWindowForecaster forecaster = rounded is not null
                ? new NetworkForecaster(NetworkParameters<float>.FromWeights(rounded), dataset.Task)
                : new SegmentForecaster(segment!.Spec, new SegmentParameterLayout(segment.Spec).FromWeights(segment), dataset);
            var intervals = trackingRequest.Apply(p.Intervals, writer, forecaster, dataset, out var trackingCheck);
            if (intervals?.TrackingRate is double rate)
            {
                writer.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"prediction intervals: tracked online at rate {rate} ({(trackingRequest.Stored ? "as the weights file says" : "--interval-tracking " + trackingRequest.Text)}); each split's scores replay the tracker from its first window"));
            }
            var scores = Scoreboard.Score(dataset, forecaster, Scoreboard.Period(dataset, result.GetValue(data.Season)), result.GetValue(classical), intervals: intervals);
            ScoreTable.Write(writer, scores);
            var evaluatedPrecision = new MetricsReport.EvaluatedPrecision(weightPrecision, weightPrecision == WeightPrecision.Fp32 ? null
                : DifferenceFromFp32(new NetworkForecaster(NetworkParameters<float>.FromWeights(plain!), dataset.Task), forecaster, dataset));
            if (evaluatedPrecision.MaxForecastDifference is { } differences)
            {
                writer.WriteLine("max |Δ| of the forecasts, bfloat16 against fp32 (the targets' units): " + string.Join(", ", differences.Select(d =>
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{MetricsReport.Name(d.Key)} {d.Value:G4}"))));
            }
            if (result.GetValue(json) is string file)
            {
                Action<System.Text.Json.Utf8JsonWriter> describe = plain is not null
                    ? j => MetricsReport.WriteModel(j, plain.Spec, channelIndependent: false)
                    : j => SegmentTraining.WriteModel(j, segment!.Spec);
                var tracking = intervals is null ? null : new MetricsReport.EvaluatedTracking(trackingRequest, intervals.TrackingRate, trackingCheck);
                MetricsReport.Write(file, describe, dataset, result.GetValue(data.Split)!, null, null, scores, tracking: tracking, precision: evaluatedPrecision);
                writer.WriteLine($"wrote {file}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Per split with windows, the largest |difference| between the two forecasters' forecasts, in the targets' units.</summary>
    private static System.Collections.Generic.Dictionary<DatasetSplit, double> DifferenceFromFp32(IWindowForecaster fp32, IWindowForecaster other, WindowedDataset dataset) =>
        new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test }
            .Where(s => dataset.WindowCount(s) > 0)
            .ToDictionary(s => s, s => ModelEvaluation.MaxForecastDifference(fp32, other, dataset, s));
}
