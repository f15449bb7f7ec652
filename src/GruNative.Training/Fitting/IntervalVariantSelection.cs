using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Training.Data;

namespace GruNative.Training.Fitting;

/// <summary>How one interval variant did on the check windows of <see cref="IntervalVariantSelection"/>.</summary>
/// <param name="ScaleSteps">Null for fixed bands; k for scale-adaptive bands over the last k steps.</param>
/// <param name="Scores">
/// Per level, on the check windows: the share of residuals inside their band, the mean width and the mean interval
/// (Winkler) score, on the model's standardised scale — the scale the offsets are calibrated on.
/// </param>
/// <param name="CoverageError">The mean over the levels of |coverage − level|: the criterion.</param>
public sealed record IntervalCandidateScore(int? ScaleSteps, IReadOnlyList<IntervalScore> Scores, double CoverageError)
{
    /// <summary>The mean over the levels of the Winkler score: the tie-break.</summary>
    public double MeanWinkler => Scores.Average(s => s.Winkler);
}

/// <summary>The outcome of <see cref="IntervalVariantSelection"/>: the check, the variant it chose and that variant's intervals.</summary>
/// <param name="Windows">The windows the check had (the whole calibration split).</param>
/// <param name="Split">How the windows were divided; null when too few for a check.</param>
/// <param name="Candidates">Each candidate's scores on the check windows, in the order given; empty when the check could not run.</param>
/// <param name="ChosenScaleSteps">The chosen variant: null for fixed bands, k for scale-adaptive ones.</param>
/// <param name="Reason">Why it was chosen, in a phrase.</param>
/// <param name="Intervals">The chosen variant calibrated on all the windows, as <see cref="IntervalCalibration"/> calibrates it.</param>
public sealed record IntervalVariantCheck(int Windows, IntervalCheckSplit? Split, IReadOnlyList<IntervalCandidateScore> Candidates, int? ChosenScaleSteps,
    string Reason, PredictionIntervals Intervals);

/// <summary>
/// Chooses between fixed and scale-adaptive prediction intervals from the calibration windows alone: each candidate is
/// calibrated on the earlier part of the windows and scored on the later part (<see cref="IntervalCheckSplit"/>); the
/// candidate whose coverage there comes nearest the levels wins, and is then calibrated again on all the windows, so the
/// shipped offsets are of the same kind as without the check.
/// </summary>
/// <remarks>
/// <para>
/// Why a check is needed at all: on its own calibration windows every variant covers at exactly its levels (split
/// conformal guarantees it), so those windows cannot tell the variants apart; only windows the offsets were not ranked on can.
/// </para>
/// <para>
/// The criterion: the mean over the levels of |coverage − level| on the check windows, since a band that does not cover
/// at its level is the failure a user cannot see; candidates within <see cref="CoverageTolerance"/> of the lowest are
/// taken as equally calibrated, and among them the lowest mean Winkler score (width plus 2/α × any miss) wins — the
/// narrower band, with misses charged. Exact ties keep the earlier candidate: put the variant to fall back on first.
/// </para>
/// </remarks>
public static class IntervalVariantSelection
{
    /// <summary>Coverage errors this close to the lowest (1 percentage point, averaged over the levels) count as a tie.</summary>
    public const double CoverageTolerance = 0.01;

    /// <summary>
    /// Runs the check for <paramref name="forecaster"/> on the windows of <paramref name="split"/>: candidates are null
    /// (fixed bands) or k (scale-adaptive over the last k steps, see <see cref="IntervalCalibration.WindowScales"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No candidates, a candidate given twice, or what <see cref="IntervalCalibration.Calibrate(IWindowForecaster, WindowedDataset, DatasetSplit, IReadOnlyList{double}, int?)"/> refuses.
    /// </exception>
    public static IntervalVariantCheck Select(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, IReadOnlyList<double> levels,
        IReadOnlyList<int?> candidates)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        var residuals = ModelEvaluation.AbsoluteResiduals(forecaster, data, split);
        var scales = candidates.Select(k => k is int steps ? IntervalCalibration.WindowScales(data, split, steps) : null).ToList();
        return Select(residuals, data.Task.TargetCount, data.Task.Horizon, levels, candidates, scales);
    }

    /// <summary>
    /// Runs the check on absolute residuals[output][window] of consecutive windows (outputs step-major, as the head writes
    /// them, <paramref name="targets"/> per step), with <paramref name="windowScales"/>[i] the window-major scales of
    /// candidate i (window · targets + target; null for a fixed candidate).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No candidates, a candidate given twice, scales missing for an adaptive candidate or of the wrong length, or what
    /// <see cref="IntervalCalibration.FromResiduals(IReadOnlyList{double[]}, IReadOnlyList{double})"/> refuses.
    /// </exception>
    public static IntervalVariantCheck Select(IReadOnlyList<double[]> residuals, int targets, int horizon, IReadOnlyList<double> levels,
        IReadOnlyList<int?> candidates, IReadOnlyList<double[]?> windowScales)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(windowScales);
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        if (candidates.Count == 0)
            throw new ArgumentException("No interval variant to choose from.", nameof(candidates));
        if (candidates.Distinct().Count() != candidates.Count)
            throw new ArgumentException("An interval variant is given twice.", nameof(candidates));
        if (windowScales.Count != candidates.Count)
            throw new ArgumentException($"{windowScales.Count} scale arrays for {candidates.Count} candidates.", nameof(windowScales));
        if (residuals.Count == 0 || residuals[0].Length == 0)
            throw new ArgumentException("No residuals to calibrate prediction intervals on (the validation split has no windows).", nameof(residuals));
        int windows = residuals[0].Length;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] is not null && windowScales[i]?.Length != windows * targets)
                throw new ArgumentException($"Candidate {i} (k = {candidates[i]}) needs {windows * targets} window scales.", nameof(windowScales));
        }

        var split = IntervalCheckSplit.Of(windows, horizon);
        int needed = IntervalCalibration.MinimumResiduals(levels.Max());
        if (split is null || split.CalibrationWindows < needed || split.CheckWindows < needed)
        {
            // Too few windows to judge: the first candidate, uncontested.
            string reason = IntervalCheckSplit.TooFewWindows(windows, horizon, needed, levels.Max());
            return new IntervalVariantCheck(windows, split, [], candidates[0], reason, Calibrate(residuals, levels, candidates[0], windowScales[0], targets));
        }

        var calibration = residuals.Select(r => r[..split.CalibrationWindows]).ToList();
        var scores = new List<IntervalCandidateScore>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            var offsets = Calibrate(calibration, levels, candidates[i], windowScales[i]?[..(split.CalibrationWindows * targets)], targets);
            scores.Add(Score(residuals, split, offsets, windowScales[i], targets));
        }
        int chosen = Choose(scores, out string why);
        return new IntervalVariantCheck(windows, split, scores, candidates[chosen], why,
            Calibrate(residuals, levels, candidates[chosen], windowScales[chosen], targets));
    }

    /// <summary>The index of the winner: lowest coverage error, then, within <see cref="CoverageTolerance"/> of it, lowest mean Winkler score.</summary>
    private static int Choose(List<IntervalCandidateScore> scores, out string reason) =>
        Choose(scores.Select(s => (s.CoverageError, s.MeanWinkler)).ToList(), out reason);

    /// <summary>
    /// The criterion of every interval check (variant and tracking rate): the index of the lowest coverage error, or —
    /// among the candidates within <see cref="CoverageTolerance"/> of it — of the lowest mean Winkler score; exact ties
    /// keep the earlier candidate. <paramref name="reason"/> says which rule decided.
    /// </summary>
    internal static int Choose(IReadOnlyList<(double CoverageError, double MeanWinkler)> scores, out string reason)
    {
        double best = scores.Min(s => s.CoverageError);
        int chosen = -1;
        int tied = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (scores[i].CoverageError > best + CoverageTolerance)
                continue;
            tied++;
            if (chosen < 0 || scores[i].MeanWinkler < scores[chosen].MeanWinkler)
                chosen = i;
        }
        reason = tied == 1
            ? "the lowest coverage error"
            : string.Create(CultureInfo.InvariantCulture, $"the lowest Winkler score of the {tied} within {CoverageTolerance * 100:G} point of the lowest coverage error");
        return chosen;
    }

    private static PredictionIntervals Calibrate(IReadOnlyList<double[]> residuals, IReadOnlyList<double> levels, int? scaleSteps, double[]? windowScales, int targets) =>
        scaleSteps is int steps
            ? IntervalCalibration.FromResiduals(residuals, levels, windowScales!, targets, steps)
            : IntervalCalibration.FromResiduals(residuals, levels);

    /// <summary>Coverage, mean width and Winkler score of <paramref name="intervals"/> on the check windows, per level.</summary>
    private static IntervalCandidateScore Score(IReadOnlyList<double[]> residuals, IntervalCheckSplit split, PredictionIntervals intervals, double[]? windowScales, int targets)
    {
        var levels = intervals.Levels;
        var result = new IntervalScore[levels.Count];
        double coverageError = 0;
        for (int l = 0; l < levels.Count; l++)
        {
            double alpha = 1 - levels[l];
            long covered = 0;
            double width = 0, winkler = 0;
            for (int j = 0; j < residuals.Count; j++)
            {
                double offset = intervals.Offset(l, j);
                for (int w = split.CheckStart; w < split.CheckEnd; w++)
                {
                    // The half-width a device draws: the offset, times the window's scale when adaptive.
                    double half = windowScales is null ? offset : offset * windowScales[w * targets + j % targets];
                    double miss = Math.Max(0, residuals[j][w] - half);
                    if (miss == 0)
                        covered++;
                    width += 2 * half;
                    winkler += 2 * half + 2 / alpha * miss;
                }
            }
            double count = (double)residuals.Count * split.CheckWindows;
            result[l] = new IntervalScore(levels[l], covered / count, width / count, winkler / count);
            coverageError += Math.Abs(covered / count - levels[l]);
        }
        return new IntervalCandidateScore(intervals.ScaleSteps, result, coverageError / levels.Count);
    }
}
