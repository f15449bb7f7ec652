using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Training.Baselines;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>The scores as a plain table: one row per forecaster and split; then what each classical baseline fitted.</summary>
internal static class ScoreTable
{
    public static void Write(TextWriter writer, IReadOnlyList<ForecasterScores> scores)
    {
        writer.WriteLine("scores (MSE / MAE on the standardised scale; MASE against the seasonal naive of the training rows)");
        writer.WriteLine($"  {"forecaster",-28} {"split",-10} {"windows",8} {"MSE",9} {"MAE",9} {"MASE",7}");
        foreach (var forecaster in scores)
        {
            string name = Label(forecaster);
            if (!forecaster.IsAvailable)
            {
                writer.WriteLine($"  {name,-28} not available: {forecaster.Classical!.UnavailableReason}");
                continue;
            }
            foreach (var (split, s) in forecaster.Splits)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-28} {MetricsReport.Name(split),-10} {s.Windows,8} {s.Mse,9:F4} {s.Mae,9:F4} {(s.Mase is double m ? m.ToString("F3", CultureInfo.InvariantCulture) : "-"),7}"));
            }
        }
        foreach (var forecaster in scores)
        {
            foreach (var (split, levels) in forecaster.Intervals ?? new Dictionary<DatasetSplit, IReadOnlyList<IntervalScore>>())
            {
                string each = string.Join("; ", levels.Select(l => string.Create(CultureInfo.InvariantCulture,
                    $"{l.Level:P0} coverage {l.Coverage:P1}, mean width {l.MeanWidth:F3}, Winkler {l.Winkler:F3}")));
                string note = split == DatasetSplit.Validation ? " (the calibration windows: in-sample)" : "";
                writer.WriteLine($"  {forecaster.Name} intervals, {MetricsReport.Name(split)}{note}: {each}");
            }
        }
        WriteClassicalFits(writer, scores);
    }

    /// <summary>The row label: the key, with the period where it has one.</summary>
    public static string Label(ForecasterScores forecaster) => forecaster.Name switch
    {
        "seasonal_naive" or ClassicalBaselines.SeasonalNaiveDriftName when forecaster.Period is int p => $"{forecaster.Name} (p={p})",
        _ => forecaster.Name,
    };

    /// <summary>One line per classical baseline and column: what was fitted, its parameters, the notes and the time taken.</summary>
    private static void WriteClassicalFits(TextWriter writer, IReadOnlyList<ForecasterScores> scores)
    {
        var classical = scores.Where(s => s.Classical is not null).ToList();
        if (classical.Count == 0)
            return;
        writer.WriteLine($"classical baselines: ETS and Theta {ClassicalBaselines.FittedProtocol}; seasonal naive with drift: {ClassicalBaselines.DriftProtocol}");
        foreach (var forecaster in classical)
        {
            foreach (var fit in forecaster.Classical!.Columns)
            {
                string parameters = string.Join(" ", fit.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:G5}")));
                string notes = fit.Notes.Count == 0 ? "" : $"; {string.Join("; ", fit.Notes)}";
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {forecaster.Name} [{fit.Column}]: {fit.Method}{(parameters.Length > 0 ? " " + parameters : "")} ({fit.Seconds:F2} s){notes}"));
            }
        }
    }
}
