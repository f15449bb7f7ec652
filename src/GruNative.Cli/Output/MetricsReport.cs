using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using GruNative.Cli.Architectures;
using GruNative.Cli.Commands;
using GruNative.Training.Baselines;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Cli.Output;

/// <summary>
/// Writes <c>metrics.json</c>: the model, the data, the training run and the scores of the model and the baselines —
/// <c>scores.model</c>, <c>scores.repeat_last</c>, <c>scores.seasonal_naive</c> and the classical ones,
/// <c>scores.seasonal_naive_drift</c>, <c>scores.ets</c>, <c>scores.theta</c>, each with what it fitted.
/// </summary>
internal static class MetricsReport
{
    /// <summary>
    /// Writes metrics.json: the <c>model</c> object (<paramref name="describeModel"/> writes it), the data, the training
    /// run (when there was one) and the scores.
    /// </summary>
    public static void Write(string path, Action<Utf8JsonWriter> describeModel, WindowedDataset data, string split, TrainedModel? training, double? seconds,
        IReadOnlyList<ForecasterScores> scores, RefitSummary? refit = null, CalibratedIntervals? intervals = null, EvaluatedTracking? tracking = null,
        EvaluatedPrecision? precision = null)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            json.WriteStartObject();
            describeModel(json);

            json.WriteStartObject("data");
            json.WriteString("source", data.SourceName);
            WriteStrings(json, "inputs", data.Task.InputColumns);
            WriteStrings(json, "targets", data.Task.TargetColumns);
            json.WriteNumber("lookback", data.Task.Lookback);
            json.WriteNumber("horizon", data.Task.Horizon);
            json.WriteString("split", split);
            json.WriteString("window_normalization", data.Normalizer.Mode.ToString());
            if (data.Normalizer.SeasonLength is int seasonLength)
                json.WriteNumber("season_length", seasonLength);
            json.WriteStartObject("transforms");
            foreach (var scaler in data.TargetScalers)
                json.WriteString(scaler.Name, scaler.TransformName);
            json.WriteEndObject();
            json.WriteStartObject("windows");
            foreach (var s in new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test })
                json.WriteNumber(Name(s), data.WindowCount(s));
            json.WriteEndObject();
            json.WriteEndObject();

            if (training is not null)
            {
                json.WriteStartObject("training");
                json.WriteNumber("epochs_run", training.History.Count);
                json.WriteNumber("best_epoch", training.BestEpoch);
                json.WriteBoolean("stopped_early", training.StoppedEarly);
                if (seconds is double s)
                {
                    json.WriteNumber("seconds", s);
                    json.WriteNumber("windows_per_second", data.WindowCount(DatasetSplit.Train) * (double)training.History.Count / s);
                }
                json.WriteStartArray("history");
                foreach (var h in training.History)
                {
                    json.WriteStartObject();
                    json.WriteNumber("epoch", h.Epoch);
                    json.WriteNumber("train_mse", h.TrainMse);
                    json.WriteNumber("validation_mse", h.ValidationMse);
                    if (h.ValidationLoss is double loss)
                        json.WriteNumber("validation_pinball_loss", loss);
                    json.WriteNumber("learning_rate", h.LearningRate);
                    json.WriteNumber("gradient_norm", h.GradientNorm);
                    json.WriteNumber("seconds", h.Seconds);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                if (refit is not null)
                {
                    // The scored and saved model is the refit; its validation scores are in-sample.
                    json.WriteStartObject("refit");
                    json.WriteNumber("epochs", refit.Epochs);
                    json.WriteNumber("rows", refit.Rows);
                    json.WriteNumber("windows", refit.Windows);
                    json.WriteNumber("seconds", refit.Seconds);
                    json.WriteBoolean("validation_in_sample", true);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }

            if (intervals is not null)
                IntervalCheckReport.WriteJson(json, intervals);
            else if (tracking is not null)
            {
                // evaluate: the bands come from the weights file; only their online calibration was (re)chosen.
                json.WriteStartObject("interval_calibration");
                IntervalTrackingReport.WriteJson(json, tracking.Requested, tracking.Rate, tracking.Check);
                json.WriteEndObject();
            }

            if (precision is not null)
            {
                // evaluate: the precision of the layers' weights the scores are of, and how far bfloat16 moved the forecasts.
                json.WriteStartObject("weight_precision");
                json.WriteString("precision", WeightPrecisionRequest.Name(precision.Precision));
                if (precision.MaxForecastDifference is { } differences)
                {
                    json.WriteStartObject("max_abs_forecast_difference_from_fp32");
                    foreach (var (s, d) in differences)
                        json.WriteNumber(Name(s), d);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }

            json.WriteStartObject("scores");
            foreach (var forecaster in scores)
            {
                json.WriteStartObject(forecaster.Name);
                if (forecaster.Period is int period)
                    json.WriteNumber("period", period);
                if (forecaster.Classical is { } classical)
                    WriteClassical(json, classical);
                foreach (var (s, score) in forecaster.Splits)
                    WriteScores(json, Name(s), score, forecaster.Intervals?.GetValueOrDefault(s));
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>The <c>model</c> object of a plain GRU or LSTM forecaster.</summary>
    public static void WriteModel(Utf8JsonWriter json, ModelSpec spec, bool channelIndependent, LossChoice? loss = null)
    {
        json.WriteStartObject("model");
        json.WriteString("architecture", "recurrent");
        json.WriteString("cell", spec.Cell.ToMetadataName());
        json.WriteNumber("input_size", spec.InputSize);
        json.WriteNumber("hidden_size", spec.HiddenSize);
        json.WriteNumber("layers", spec.Layers);
        json.WriteNumber("output_size", spec.OutputSize);
        json.WriteNumber("parameters", spec.ParameterCount);
        json.WriteBoolean("channel_independent", channelIndependent);
        if (loss is not null)
            WriteLoss(json, loss);
        json.WriteEndObject();
    }

    /// <summary>
    /// The loss a trained model minimised, in its <c>model</c> object: <c>loss</c>, and <c>quantile</c> (τ) or
    /// <c>huber_delta</c> (δ) where the loss has one. A pinball-loss model forecasts a quantile, not the mean, and its
    /// weights file does not say so: this does.
    /// </summary>
    public static void WriteLoss(Utf8JsonWriter json, LossChoice loss)
    {
        json.WriteString("loss", loss.Name);
        if (loss.Loss == ForecastLoss.Pinball)
            json.WriteNumber("quantile", loss.Quantile);
        if (loss.Loss == ForecastLoss.Huber)
            json.WriteNumber("huber_delta", loss.HuberDelta);
    }

    /// <summary>How <c>evaluate</c> tracked the weights file's bands: what was asked, the rate replayed (null: none) and the check of <c>auto</c>.</summary>
    public sealed record EvaluatedTracking(IntervalTrackingRequest Requested, double? Rate, IntervalTrackingCheck? Check);

    /// <summary>
    /// What <c>evaluate --weight-precision</c> scored: the precision of the layers' weights and, for bfloat16, per split the
    /// largest |difference| between its forecasts and the fp32 model's, in the targets' units (null for fp32).
    /// </summary>
    public sealed record EvaluatedPrecision(WeightPrecision Precision, IReadOnlyDictionary<DatasetSplit, double>? MaxForecastDifference);

    /// <summary>A <c>--refit</c>: the epochs it ran, the training and validation rows it trained on, their windows, its time.</summary>
    public sealed record RefitSummary(int Epochs, int Rows, int Windows, double Seconds);

    /// <summary>One split's scores as a JSON object named <paramref name="name"/> (the layout report.json shares).</summary>
    public static void WriteScores(Utf8JsonWriter json, string name, SplitScores score, IReadOnlyList<IntervalScore>? intervals = null)
    {
        json.WriteStartObject(name);
        json.WriteNumber("windows", score.Windows);
        json.WriteNumber("mse", score.Mse);
        json.WriteNumber("mae", score.Mae);
        json.WriteNumber("mse_original", score.MseOriginal);
        json.WriteNumber("mae_original", score.MaeOriginal);
        if (score.Mase is double mase)
            json.WriteNumber("mase", mase);
        // Widths and scores on the standardised scale.
        if (intervals is not null)
            IntervalScoresJson.Write(json, intervals);
        json.WriteEndObject();
    }

    /// <summary>
    /// A classical baseline's availability, protocol and per-column fit (method, parameters, states, notes, seconds) —
    /// the layout report.json shares.
    /// </summary>
    public static void WriteClassical(Utf8JsonWriter json, ClassicalFitSummary classical)
    {
        json.WriteBoolean("available", classical.IsAvailable);
        if (classical.UnavailableReason is string reason)
            json.WriteString("reason", reason);
        json.WriteString("protocol", classical.Protocol);
        if (classical.Columns.Count == 0)
            return;
        json.WriteStartObject("columns");
        foreach (var fit in classical.Columns)
        {
            json.WriteStartObject(fit.Column);
            json.WriteString("method", fit.Method);
            WriteNamed(json, "parameters", fit.Parameters);
            WriteNamed(json, "states", fit.States);
            WriteStrings(json, "notes", fit.Notes);
            json.WriteNumber("seconds", fit.Seconds);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    public static string Name(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Validation => "validation",
        _ => "test",
    };

    private static void WriteNamed(Utf8JsonWriter json, string name, IReadOnlyList<KeyValuePair<string, double>> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values)
            json.WriteNumber(key, value);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
            json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
