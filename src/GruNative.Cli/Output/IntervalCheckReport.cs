using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using GruNative.Cli.Commands;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>The interval-variant check as a console table and as metrics.json's <c>interval_calibration</c> object.</summary>
internal static class IntervalCheckReport
{
    /// <summary>"fixed" or "adaptive k=K".</summary>
    public static string VariantName(int? scaleSteps) =>
        scaleSteps is int k ? string.Create(CultureInfo.InvariantCulture, $"adaptive k={k}") : "fixed";

    /// <summary>The check's parts, each candidate's scores on the later part, and the choice.</summary>
    public static void Write(TextWriter writer, IntervalVariantCheck check)
    {
        var split = check.Split;
        if (check.Candidates.Count == 0)
        {
            writer.WriteLine($"interval variant (auto): {VariantName(check.ChosenScaleSteps)} — {check.Reason}");
            return;
        }
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interval variant check (auto): each variant calibrated on validation windows 0–{split!.CalibrationWindows - 1}, scored on {split.CheckStart}–{split.CheckEnd - 1} "
            + $"(a gap of {split.Gap}: no target row in both); standardised scale"));
        WriteTable(writer, "variant", check.Candidates.Select(c => (VariantName(c.ScaleSteps), c.Scores, c.CoverageError)).ToList());
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  chose {VariantName(check.ChosenScaleSteps)} ({check.Reason}), then calibrated it on all {check.Windows} validation windows"));
    }

    /// <summary>
    /// metrics.json's <c>interval_calibration</c>: the variant asked for and the one calibrated, and for <c>auto</c> the
    /// check — its parts, the criterion, each candidate's scores on the check windows and why the winner won.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter json, CalibratedIntervals calibrated)
    {
        json.WriteStartObject("interval_calibration");
        json.WriteString("requested", calibrated.Requested.Text);
        json.WriteString("variant", calibrated.Intervals.ScaleSteps is null ? "fixed" : "adaptive");
        WriteSteps(json, calibrated.Intervals.ScaleSteps);
        if (calibrated.Check is { } check)
        {
            json.WriteStartObject("check");
            WriteParts(json, check.Windows, check.Split);
            json.WriteString("criterion", "mean |coverage - level| over the levels on the check windows; within tolerance of the lowest, the lowest mean Winkler score");
            json.WriteNumber("tolerance", IntervalVariantSelection.CoverageTolerance);
            json.WriteStartArray("candidates");
            foreach (var candidate in check.Candidates)
            {
                json.WriteStartObject();
                json.WriteString("variant", candidate.ScaleSteps is null ? "fixed" : "adaptive");
                WriteSteps(json, candidate.ScaleSteps);
                WriteScores(json, candidate.CoverageError, candidate.MeanWinkler, candidate.Scores);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("reason", check.Reason);
            json.WriteEndObject();
        }
        IntervalTrackingReport.WriteJson(json, calibrated);
        json.WriteEndObject();
    }

    /// <summary>The console table of a check: one row per candidate, each level's coverage / width / Winkler, and the coverage error.</summary>
    internal static void WriteTable(TextWriter writer, string label, IReadOnlyList<(string Name, IReadOnlyList<IntervalScore> Scores, double CoverageError)> rows)
    {
        var levels = rows[0].Scores.Select(s => s.Level.ToString("P0", CultureInfo.InvariantCulture));
        writer.WriteLine($"  {label,-14} {string.Join(" ", levels.Select(l => $"{l + ": coverage / width / Winkler",-34}"))} coverage error");
        foreach (var (name, scores, coverageError) in rows)
        {
            var cells = scores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Coverage * 100,5:F1} / {s.MeanWidth:F3} / {s.Winkler:F3}"));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-14} {string.Join(" ", cells.Select(c => $"{c,-34}"))} {coverageError * 100,5:F2} pt"));
        }
    }

    /// <summary>A check's windows and, when it ran, how they were divided.</summary>
    internal static void WriteParts(Utf8JsonWriter json, int windows, IntervalCheckSplit? split)
    {
        json.WriteNumber("validation_windows", windows);
        if (split is null)
            return;
        json.WriteNumber("calibration_windows", split.CalibrationWindows);
        json.WriteNumber("gap", split.Gap);
        json.WriteNumber("check_start", split.CheckStart);
        json.WriteNumber("check_windows", split.CheckWindows);
    }

    /// <summary>One candidate's criterion, tie-break and per-level scores (the candidate's own keys are the caller's).</summary>
    internal static void WriteScores(Utf8JsonWriter json, double coverageError, double meanWinkler, IReadOnlyList<IntervalScore> scores)
    {
        json.WriteNumber("coverage_error", coverageError);
        json.WriteNumber("mean_winkler", meanWinkler);
        IntervalScoresJson.Write(json, scores);
    }

    private static void WriteSteps(Utf8JsonWriter json, int? scaleSteps)
    {
        if (scaleSteps is int k)
            json.WriteNumber("scale_steps", k);
        else
            json.WriteNull("scale_steps");
    }
}
