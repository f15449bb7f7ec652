using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Training.Data;

namespace GruNative.Training.Fitting;

/// <summary>How one tracking rate did on the check windows of <see cref="IntervalTrackingSelection"/>.</summary>
/// <param name="Rate">γ, or null for bands that stay as calibrated.</param>
/// <param name="Scores">Per level, on the check windows: coverage, mean width and mean Winkler score, on the scoring scale.</param>
/// <param name="CoverageError">The mean over the levels of |coverage − level|: the criterion.</param>
public sealed record IntervalTrackingScore(double? Rate, IReadOnlyList<IntervalScore> Scores, double CoverageError)
{
    /// <summary>The mean over the levels of the Winkler score: the tie-break.</summary>
    public double MeanWinkler => Scores.Average(s => s.Winkler);
}

/// <summary>The outcome of <see cref="IntervalTrackingSelection"/>.</summary>
/// <param name="Windows">The windows the check had (the whole calibration split).</param>
/// <param name="Split">How the windows were divided; null when too few for a check.</param>
/// <param name="Candidates">Each rate's scores on the check windows, in the order given; empty when the check could not run.</param>
/// <param name="ChosenRate">The chosen rate (null: no tracking).</param>
/// <param name="Reason">Why it was chosen, in a phrase.</param>
public sealed record IntervalTrackingCheck(int Windows, IntervalCheckSplit? Split, IReadOnlyList<IntervalTrackingScore> Candidates, double? ChosenRate, string Reason);

/// <summary>
/// Chooses the rate of online interval calibration (<see cref="IntervalTracker"/>) from the calibration windows alone, as
/// a deployment would meet it: the intervals' variant is calibrated on the earlier part of the windows
/// (<see cref="IntervalCheckSplit"/>), then each rate replays the later part from its first window on — the bands start as
/// calibrated and learn from each value as it arrives — and the rate whose coverage there comes nearest the levels wins
/// (within <see cref="IntervalVariantSelection.CoverageTolerance"/> of the nearest, the lowest mean Winkler score; exact
/// ties keep the earlier candidate, so put "no tracking" first).
/// </summary>
/// <remarks>
/// Replaying the calibration windows themselves would not do: started from offsets ranked on those very windows, every
/// rate covers them at about the levels, and the smallest rate always looks best. The later part is what the earlier
/// part's offsets have not seen, as the test rows are for offsets calibrated on all the validation windows.
/// </remarks>
public static class IntervalTrackingSelection
{
    /// <summary>The rates tried by default: none, then 0.002, 0.005, 0.01, 0.02 and 0.05.</summary>
    public static IReadOnlyList<double?> DefaultCandidates { get; } = [null, 0.002, 0.005, 0.01, 0.02, 0.05];

    /// <summary>
    /// Runs the check for <paramref name="forecaster"/> on the windows of <paramref name="split"/>, for intervals of the
    /// levels and variant (fixed or scale-adaptive) of <paramref name="intervals"/> (their offsets are not used: each part
    /// is calibrated afresh).
    /// </summary>
    /// <exception cref="ArgumentException">No candidates, a candidate given twice, or a rate outside (0, 1].</exception>
    public static IntervalTrackingCheck Select(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, PredictionIntervals intervals,
        IReadOnlyList<double?> candidates)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0 || candidates.Distinct().Count() != candidates.Count)
            throw new ArgumentException("The tracking check needs distinct candidate rates.", nameof(candidates));
        foreach (double? rate in candidates)
        {
            if (rate is double r && !(r > 0 && r <= 1))
                throw new ArgumentException($"Tracking rate {r.ToString("R", CultureInfo.InvariantCulture)} is outside (0, 1].", nameof(candidates));
        }
        var task = data.Task;
        int windows = data.WindowCount(split);
        var parts = IntervalCheckSplit.Of(windows, task.Horizon);
        int needed = IntervalCalibration.MinimumResiduals(intervals.Levels.Max());
        if (parts is null || parts.CalibrationWindows < needed || parts.CheckWindows < needed)
        {
            string reason = IntervalCheckSplit.TooFewWindows(windows, task.Horizon, needed, intervals.Levels.Max());
            return new IntervalTrackingCheck(windows, parts, [], candidates[0], reason);
        }

        var residuals = ModelEvaluation.AbsoluteResiduals(forecaster, data, split).Select(r => r[..parts.CalibrationWindows]).ToList();
        var earlier = intervals.ScaleSteps is int steps
            ? IntervalCalibration.FromResiduals(residuals, intervals.Levels,
                IntervalCalibration.WindowScales(data, split, steps).AsSpan(0, parts.CalibrationWindows * task.TargetCount), task.TargetCount, steps)
            : IntervalCalibration.FromResiduals(residuals, intervals.Levels);
        // Every candidate replays the same forecasts: the model runs over the check windows once.
        var forecasts = new WindowOutputs(forecaster, data, split, parts.CheckStart, parts.CheckEnd);
        var scores = new List<IntervalTrackingScore>(candidates.Count);
        foreach (double? rate in candidates)
        {
            var result = ModelEvaluation.EvaluateIntervals(forecaster, data, split, earlier.WithTrackingRate(rate), parts.CheckStart, parts.CheckEnd, forecasts);
            scores.Add(new IntervalTrackingScore(rate, result, result.Average(s => Math.Abs(s.Coverage - s.Level))));
        }
        int chosen = IntervalVariantSelection.Choose(scores.Select(s => (s.CoverageError, s.MeanWinkler)).ToList(), out string why);
        return new IntervalTrackingCheck(windows, parts, scores, candidates[chosen], why);
    }
}
