using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using GruNative.Cli.Commands;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>The tracking-rate check as a console table, and online calibration in metrics.json's <c>interval_calibration</c>.</summary>
internal static class IntervalTrackingReport
{
    /// <summary>"none" or "γ=…".</summary>
    public static string RateName(double? rate) =>
        rate is double r ? string.Create(CultureInfo.InvariantCulture, $"γ={r}") : "none";

    /// <summary>The check's parts, each rate's scores on the later part, and the choice.</summary>
    public static void Write(TextWriter writer, IntervalTrackingCheck check)
    {
        if (check.Candidates.Count == 0)
        {
            writer.WriteLine($"interval tracking (auto): {RateName(check.ChosenRate)} — {check.Reason}");
            return;
        }
        var split = check.Split!;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interval tracking check (auto): calibrated on validation windows 0–{split.CalibrationWindows - 1}, replayed on {split.CheckStart}–{split.CheckEnd - 1} "
            + $"from its first window (a gap of {split.Gap}); standardised scale"));
        IntervalCheckReport.WriteTable(writer, "rate", check.Candidates.Select(c => (RateName(c.Rate), c.Scores, c.CoverageError)).ToList());
        writer.WriteLine($"  chose {RateName(check.ChosenRate)} ({check.Reason})");
    }

    /// <summary>The <c>tracking</c> object inside metrics.json's <c>interval_calibration</c>: asked, used and, for auto, the check.</summary>
    public static void WriteJson(Utf8JsonWriter json, CalibratedIntervals calibrated) =>
        WriteJson(json, calibrated.Tracking, calibrated.Intervals.TrackingRate, calibrated.TrackingCheck);

    /// <summary>
    /// The <c>tracking</c> object: <paramref name="requested"/>, the <paramref name="rate"/> the scores replay (null:
    /// none), and the check when <c>auto</c> ran one. <c>evaluate --json</c> writes it alone inside <c>interval_calibration</c>.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter json, IntervalTrackingRequest requested, double? rate, IntervalTrackingCheck? check)
    {
        json.WriteStartObject("tracking");
        json.WriteString("requested", requested.Text);
        if (rate is double replayed)
            json.WriteNumber("rate", replayed);
        else
            json.WriteNull("rate");
        if (check is not null)
        {
            json.WriteStartObject("check");
            IntervalCheckReport.WriteParts(json, check.Windows, check.Split);
            json.WriteString("criterion", "mean |coverage - level| over the levels on the replayed windows; within tolerance of the lowest, the lowest mean Winkler score");
            json.WriteNumber("tolerance", IntervalVariantSelection.CoverageTolerance);
            json.WriteStartArray("candidates");
            foreach (var candidate in check.Candidates)
            {
                json.WriteStartObject();
                if (candidate.Rate is double r)
                    json.WriteNumber("rate", r);
                else
                    json.WriteNull("rate");
                IntervalCheckReport.WriteScores(json, candidate.CoverageError, candidate.MeanWinkler, candidate.Scores);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("reason", check.Reason);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
