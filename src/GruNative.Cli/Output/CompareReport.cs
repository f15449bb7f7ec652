using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GruNative.Cli.Comparison;
using GruNative.Training.Baselines;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>
/// Writes <c>report.md</c> of a sweep: the settings, one row per shape (mean ± spread over seeds), the naive and classical baselines,
/// and GRU and LSTM of equal layers and hidden units side by side. Numbers only; the reading is the user's.
/// </summary>
internal static class CompareReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What the report states about how the sweep ran.</summary>
    internal sealed record Context(string Command, WindowedDataset Data, string Split, TrainingOptions Options, int Seeds, IReadOnlyList<ForecasterScores> Baselines)
    {
        /// <summary>True with <c>--refit</c>: every run's model was trained again on the training and validation rows.</summary>
        public bool Refit { get; init; }

        /// <summary>The batch the segment runs train with (their own default unless <c>--batch-size</c> is given), when there are any.</summary>
        public int? SegmentBatchSize { get; init; }
    }

    public static string Render(Context context, IReadOnlyList<ShapeSummary> shapes, IReadOnlyList<string> charts)
    {
        var md = new StringBuilder();
        var data = context.Data;
        var o = context.Options;
        md.AppendLine($"# GRU vs LSTM on {Path.GetFileName(data.SourceName)}").AppendLine();
        md.AppendLine("```").AppendLine(context.Command).AppendLine("```").AppendLine();
        md.AppendLine($"- Data: {data.Task}; split {context.Split} → windows {data.WindowCount(DatasetSplit.Train)} / {data.WindowCount(DatasetSplit.Validation)} / {data.WindowCount(DatasetSplit.Test)} (train / validation / test; every test window is scored); per-window normalisation {data.Normalizer.Mode}.");
        md.AppendLine(string.Create(Invariant,
            $"- Training: AdamW, lr {o.LearningRate:G4} ({o.Schedule}{(o.WarmupEpochs > 0 ? $", {o.WarmupEpochs} warm-up epochs" : "")}), weight decay {o.WeightDecay:G4}, batch {o.BatchSize}, clip {o.ClipNorm:G4}, dropout {o.Dropout:G4}, loss {Training.Network.ForecastLossNames.Of(o.Loss)} (of the recurrent runs), at most {o.Epochs} epochs, early stop after {o.Patience} without a better validation MSE; the weights of the best validation epoch are kept."));
        if (context.Refit)
            md.AppendLine("- Refit (`--refit`): each run's model was then trained again from its seed on the training and validation rows together for its best epoch count, and that model is the one scored and saved: **its validation scores are in-sample** (the pick by validation MSE still ranks the runs, but no longer estimates their test error); the test scores are out of sample.");
        md.AppendLine($"- Seeds: {context.Seeds} per shape ({o.Seed}…{o.Seed + context.Seeds - 1}); cells show mean ± sample standard deviation over the seeds.");
        md.AppendLine("- MSE and MAE are on the standardised scale (the training rows' mean and standard deviation per column); MASE divides the MAE on the original scale by the in-sample MAE of the seasonal naive forecast on the training rows.");
        var speed = shapes.Select(s => s.Speed).FirstOrDefault(s => s is not null);
        md.AppendLine(speed is null
            ? "- ns/step: not measured."
            : $"- ns/step: the generated kernel (run-time-loaded weights, JIT, {speed.VectorPath}) on this machine ({Environment.ProcessorCount} CPU, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}), Step + Predict, median of several rounds.");
        if (shapes.Any(s => s.Shape.IsSegment))
            md.AppendLine("- SegRNN rows: the segment-recurrent model (one GRU or LSTM step per segment of the window, parallel decoding), trained on the same windows standardised only (it takes each window's last value off itself), with a batch of " + (context.SegmentBatchSize?.ToString(Invariant) ?? "?") + " and the options above otherwise, and scored on the same scale; compare does not time the generated segment kernel yet (no ns/step here; docs/benchmarks.md has its cost per forecast).");
        md.AppendLine(string.Create(Invariant, $"- Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.")).AppendLine();

        md.AppendLine("## Results").AppendLine();
        md.AppendLine("| model | parameters | weights (float32) | training time (s) | epochs to best | validation MSE | validation MAE | test MSE | test MAE | test MASE | ns/step |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in shapes)
        {
            md.AppendLine(string.Create(Invariant,
                $"| {s.Shape.Label} | {s.Parameters:N0} | {Bytes(s.WeightBytes)} | {Cell(s.TrainingSeconds, "F1")} | {Cell(s.BestEpoch, "F0")} | {Cell(s.ValidationMse, "F4")} | {Cell(s.ValidationMae, "F4")} | {Cell(s.TestMse, "F4")} | {Cell(s.TestMae, "F4")} | {(s.TestMase is MeanSpread m ? Cell(m, "F3") : "–")} | {(s.Speed is null ? "–" : s.Speed.NanosecondsPerStep.ToString("N0", Invariant) + (s.Speed.JitSettled ? "" : "*"))} |"));
        }
        foreach (var b in context.Baselines)
        {
            if (!b.IsAvailable)
            {
                md.AppendLine($"| {BaselineName(b)} | 0 | – | – | – | not available: {b.Classical!.UnavailableReason} | | | | | – |");
                continue;
            }
            var v = b.Splits[DatasetSplit.Validation];
            var t = b.Splits[DatasetSplit.Test];
            md.AppendLine(string.Create(Invariant,
                $"| {BaselineName(b)} | 0 | – | – | – | {v.Mse:F4} | {v.Mae:F4} | {t.Mse:F4} | {t.Mae:F4} | {(t.Mase is double m ? m.ToString("F3", Invariant) : "–")} | – |"));
        }
        md.AppendLine();
        if (shapes.Any(s => s.Speed is { JitSettled: false }))
            md.AppendLine("\\* the JIT was still busy when this timing started (a loaded machine): the figure may read high.").AppendLine();

        if (shapes.Count > 0)
        {
            var best = shapes.MinBy(s => s.ValidationMse.Mean)!;
            md.AppendLine(string.Create(Invariant,
                $"Chosen by validation MSE: **{best.Shape.Label}** ({best.Parameters:N0} parameters), test MSE {Cell(best.TestMse, "F4")}, MAE {Cell(best.TestMae, "F4")}.")).AppendLine();
            if (AgainstClassical(best.ValidationMse.Mean, best.TestMse.Mean, context.Baselines) is string verdict)
                md.AppendLine(verdict).AppendLine();
        }
        AppendEnsembles(md, shapes, context.Baselines);
        AppendIntervals(md, shapes);

        var pairs = (from g in shapes where g.Shape.Cell == CellKind.Gru
                     join l in shapes.Where(s => s.Shape.Cell == CellKind.Lstm) on (g.Shape.Architecture, g.Shape.Layers, g.Shape.Hidden) equals (l.Shape.Architecture, l.Shape.Layers, l.Shape.Hidden)
                     select (Gru: g, Lstm: l)).ToList();
        if (pairs.Count > 0)
        {
            md.AppendLine("## GRU and LSTM of the same size").AppendLine();
            md.AppendLine("| architecture | layers | hidden | parameters (LSTM / GRU) | training time (LSTM / GRU) | epochs to best (GRU, LSTM) | ns/step (LSTM / GRU) | test MSE GRU | test MSE LSTM | LSTM − GRU |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (g, l) in pairs)
            {
                string speedRatio = g.Speed is null || l.Speed is null ? "–" : (l.Speed.NanosecondsPerStep / g.Speed.NanosecondsPerStep).ToString("F2", Invariant) + "×";
                md.AppendLine(string.Create(Invariant,
                    $"| {(g.Shape.IsSegment ? "SegRNN" : "recurrent")} | {g.Shape.Layers} | {g.Shape.Hidden} | {(double)l.Parameters / g.Parameters:F2}× | {l.TrainingSeconds.Mean / g.TrainingSeconds.Mean:F2}× | {g.BestEpoch.Mean:F0}, {l.BestEpoch.Mean:F0} | {speedRatio} | {Cell(g.TestMse, "F4")} | {Cell(l.TestMse, "F4")} | {l.TestMse.Mean - g.TestMse.Mean:+0.0000;-0.0000;0} |"));
            }
            int gruBetter = pairs.Count(p => p.Gru.TestMse.Mean < p.Lstm.TestMse.Mean);
            int clear = pairs.Count(p => Math.Abs(p.Gru.TestMse.Mean - p.Lstm.TestMse.Mean) > p.Gru.TestMse.Spread + p.Lstm.TestMse.Spread);
            md.AppendLine().AppendLine(string.Create(Invariant,
                $"GRU has the lower test MSE in {gruBetter} of {pairs.Count} pairs; in {clear} of {pairs.Count} the difference exceeds the sum of the two seeds' spreads. Training time and ns/step ratios above 1 mean the LSTM is slower."));
            md.AppendLine();
        }

        AppendClassical(md, context.Baselines);

        if (charts.Count > 0)
        {
            md.AppendLine("## Charts").AppendLine();
            foreach (string chart in charts)
                md.AppendLine($"![{Path.GetFileNameWithoutExtension(chart)}]({chart})").AppendLine();
        }
        return md.ToString();
    }

    public static string BaselineName(ForecasterScores b) => b.Name switch
    {
        "repeat_last" => "repeat last value",
        "seasonal_naive" => $"seasonal naive (p={b.Period})",
        ClassicalBaselines.SeasonalNaiveDriftName => b.Period is > 1 ? $"seasonal naive + drift (p={b.Period})" : "naive + drift",
        ClassicalBaselines.EtsName => b.Classical?.Columns is [var only] ? $"ETS: {only.Method}" : "ETS (per column)",
        ClassicalBaselines.ThetaName => "Theta",
        _ => b.Name,
    };

    /// <summary>
    /// How the pick does against the best classical baseline — the one a user would pick, by validation — on validation
    /// and on test, in plain words; null when no classical baseline was scored.
    /// </summary>
    internal static string? AgainstClassical(double pickValidation, double pickTest, IReadOnlyList<ForecasterScores> baselines)
    {
        var classical = baselines.Where(b => b.Classical is not null && b.IsAvailable
            && b.Splits.ContainsKey(DatasetSplit.Validation) && b.Splits.ContainsKey(DatasetSplit.Test)).ToList();
        if (classical.Count == 0)
            return null;
        var rival = classical.MinBy(b => b.Splits[DatasetSplit.Validation].Mse)!;
        double rivalValidation = rival.Splits[DatasetSplit.Validation].Mse, rivalTest = rival.Splits[DatasetSplit.Test].Mse;
        var bestOnTest = classical.MinBy(b => b.Splits[DatasetSplit.Test].Mse)!;
        string Compare(double ours, double theirs) => ours <= theirs
            ? string.Create(Invariant, $"better by {100 * (theirs - ours) / theirs:F0}% ({ours:F4} against {theirs:F4})")
            : ours < 2 * theirs
                ? string.Create(Invariant, $"**worse** by {100 * (ours - theirs) / theirs:F0}% ({ours:F4} against {theirs:F4})")
                : string.Create(Invariant, $"**worse**, {ours / theirs:F1}× the error ({ours:F4} against {theirs:F4})");
        string text = $"Against the best classical baseline on validation, {BaselineName(rival)}: the pick is {Compare(pickValidation, rivalValidation)} on validation "
            + $"and {Compare(pickTest, rivalTest)} on test.";
        if (bestOnTest != rival)
            text += string.Create(Invariant, $" The best classical baseline on test is {BaselineName(bestOnTest)} ({bestOnTest.Splits[DatasetSplit.Test].Mse:F4}).");
        if (pickTest > Math.Min(rivalTest, bestOnTest.Splits[DatasetSplit.Test].Mse))
            text += " A classical method scores better on test: under this protocol it is the better forecaster for this series (and the cheaper one to run).";
        return text;
    }

    /// <summary>
    /// The seeds of each shape as one ensemble: a device that runs the k models and averages their forecasts gets these
    /// scores, at k× the cost of one model. Skipped when no shape has two seeds.
    /// </summary>
    private static void AppendEnsembles(StringBuilder md, IReadOnlyList<ShapeSummary> shapes, IReadOnlyList<ForecasterScores> baselines)
    {
        var ensembles = shapes.Where(s => s.Ensemble is not null).ToList();
        if (ensembles.Count == 0)
            return;
        md.AppendLine("## Ensembles of the seeds").AppendLine();
        md.AppendLine("Each shape's seeds run side by side and their forecasts averaged (the mean of the heads' outputs, before the window's levels and any transform are undone): k× the step's cost and the weights' size.").AppendLine();
        md.AppendLine("| ensemble | members | parameters | validation MSE | test MSE | test MAE | test MASE | test MSE of one seed (mean) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in ensembles)
        {
            var v = s.Ensemble!.Splits[DatasetSplit.Validation];
            var t = s.Ensemble.Splits[DatasetSplit.Test];
            md.AppendLine(string.Create(Invariant,
                $"| {s.Shape.Label} ×{s.Runs.Count} | {s.Runs.Count} | {s.Parameters * s.Runs.Count:N0} | {v.Mse:F4} | {t.Mse:F4} | {t.Mae:F4} | {(t.Mase is double m ? m.ToString("F3", Invariant) : "–")} | {s.TestMse.Mean:F4} |"));
        }
        md.AppendLine();
        var best = ensembles.MinBy(s => s.Ensemble!.Splits[DatasetSplit.Validation].Mse)!;
        var bestTest = best.Ensemble!.Splits[DatasetSplit.Test];
        md.AppendLine(string.Create(Invariant,
            $"Ensemble chosen by validation MSE: **{best.Shape.Label} ×{best.Runs.Count}**, test MSE {bestTest.Mse:F4}, MAE {bestTest.Mae:F4}.")).AppendLine();
        if (AgainstClassical(best.Ensemble.Splits[DatasetSplit.Validation].Mse, bestTest.Mse, baselines) is string verdict)
            md.AppendLine(verdict.Replace("the pick is", "the ensemble is", StringComparison.Ordinal)).AppendLine();
    }

    /// <summary>
    /// Each shape's prediction intervals on the test windows (calibrated on the validation windows, as in train): per
    /// level, coverage, mean width and interval score over the seeds. Skipped when the runs have none.
    /// </summary>
    private static void AppendIntervals(StringBuilder md, IReadOnlyList<ShapeSummary> shapes)
    {
        var levels = shapes.SelectMany(s => s.Runs).SelectMany(r => r.Test.Intervals).Select(i => i.Level).Distinct().Order().ToList();
        if (levels.Count == 0)
            return;
        md.AppendLine("## Prediction intervals (test)").AppendLine();
        md.AppendLine("Split-conformal bands calibrated on the validation windows (per horizon step and target; scale-adaptive with `--interval-scale-steps K`; with `auto`, each run's variant as its validation check chose, in the log), scored on the test windows: coverage in %, mean width and interval (Winkler) score on the standardised scale, mean ± spread over the seeds.").AppendLine();
        md.AppendLine("| model | level | coverage (%) | mean width | Winkler |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var s in shapes)
        {
            foreach (double level in levels)
            {
                var scores = s.Runs.Select(r => r.Test.Intervals.FirstOrDefault(i => i.Level == level)).Where(i => i is not null).Select(i => i!).ToList();
                if (scores.Count == 0)
                    continue;
                md.AppendLine(string.Create(Invariant,
                    $"| {s.Shape.Label} | {level * 100:G4} % | {Cell(MeanSpread.Of(scores.Select(i => 100 * i.Coverage)), "F1")} | {Cell(MeanSpread.Of(scores.Select(i => i.MeanWidth)), "F3")} | {Cell(MeanSpread.Of(scores.Select(i => i.Winkler)), "F3")} |"));
            }
        }
        md.AppendLine();
    }

    /// <summary>The classical baselines' protocol and, per column, what was fitted.</summary>
    private static void AppendClassical(StringBuilder md, IReadOnlyList<ForecasterScores> baselines)
    {
        var classical = baselines.Where(b => b.Classical is not null).ToList();
        if (classical.Count == 0)
            return;
        md.AppendLine("## Classical baselines").AppendLine();
        md.AppendLine($"ETS and Theta are {ClassicalBaselines.FittedProtocol}. Seasonal naive with drift: {ClassicalBaselines.DriftProtocol}. All are scored on the windows and scales of the models above.").AppendLine();
        foreach (var b in classical)
        {
            if (!b.IsAvailable)
            {
                md.AppendLine($"- {BaselineName(b)}: not available — {b.Classical!.UnavailableReason}");
                continue;
            }
            foreach (var fit in b.Classical!.Columns)
            {
                string parameters = string.Join(", ", fit.Parameters.Select(p => string.Create(Invariant, $"{p.Key} = {p.Value:G5}")));
                string notes = fit.Notes.Count == 0 ? "" : $" ({string.Join("; ", fit.Notes)})";
                md.AppendLine(string.Create(Invariant, $"- {b.Name}, {fit.Column}: {fit.Method}{(parameters.Length > 0 ? "; " + parameters : "")}; fitted in {fit.Seconds:F2} s{notes}"));
            }
        }
        md.AppendLine();
    }

    private static string Cell(MeanSpread v, string format) =>
        v.Count < 2 ? v.Mean.ToString(format, Invariant) : $"{v.Mean.ToString(format, Invariant)} ± {v.Spread.ToString(format, Invariant)}";

    private static string Bytes(long bytes) =>
        bytes < 1024 ? $"{bytes} B" : bytes < 1024 * 1024 ? string.Create(Invariant, $"{bytes / 1024.0:F1} KB") : string.Create(Invariant, $"{bytes / (1024.0 * 1024):F2} MB");
}
