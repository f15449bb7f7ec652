using System;

namespace GruNative.Training.Fitting;

/// <summary>
/// How the interval-variant check (<see cref="IntervalVariantSelection"/>) divides a split's windows in time: the earlier
/// part calibrates each candidate, the later part scores it, and a gap of horizon − 1 windows between them leaves no
/// target row in both parts.
/// </summary>
/// <param name="CalibrationWindows">Windows [0, this) calibrate the candidates.</param>
/// <param name="Gap">Windows left out between the parts: horizon − 1.</param>
/// <param name="CheckStart">The first window scored: <paramref name="CalibrationWindows"/> + <paramref name="Gap"/>.</param>
/// <param name="CheckWindows">Windows [<paramref name="CheckStart"/>, <paramref name="CheckStart"/> + this) are scored.</param>
/// <remarks>
/// <para>
/// Consecutive windows start one row apart, so window w's targets are rows w + L … w + L + H − 1 of the split. The last
/// calibration window c − 1 and the first check window c + g share no target row when c + g + L ≥ c − 1 + L + H, that is
/// g ≥ H − 1: no residual of one part is computed from an actual value the other part also scores. The check windows'
/// inputs still read rows whose values are calibration targets — as the test windows' inputs read the validation rows the
/// shipped offsets come from; the check mirrors the deployment rather than being cleaner than it. (Separating the
/// inputs too would need a gap of L + H − 1 windows, more than the whole validation split of a yearly lookback.)
/// </para>
/// <para>
/// Why halves: the later part is the more recent, as the test rows follow the validation rows (calibrate on the past,
/// judge on what comes after); the calibration part needs at least level / (1 − level) windows for a level's guarantee;
/// and both the calibrated quantile's error and the measured coverage's error shrink as 1/√n, so with the total fixed their
/// sum is least when the parts are equal. An odd window goes to the check part.
/// </para>
/// </remarks>
public sealed record IntervalCheckSplit(int CalibrationWindows, int Gap, int CheckStart, int CheckWindows)
{
    /// <summary>One past the last window scored.</summary>
    public int CheckEnd => CheckStart + CheckWindows;

    /// <summary>
    /// Why a check of <paramref name="windows"/> windows of horizon <paramref name="horizon"/> cannot run when each part
    /// needs <paramref name="needed"/> windows for <paramref name="level"/>: the reason every interval check gives.
    /// </summary>
    public static string TooFewWindows(int windows, int horizon, int needed, double level) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"no check: {windows} window(s) leave {Math.Max(0, windows - (horizon - 1))} beside a gap of {horizon - 1}, and each part needs {needed} for the {level:P0} level");

    /// <summary>The split of <paramref name="windows"/> consecutive windows of horizon <paramref name="horizon"/>, or null when fewer than two windows remain besides the gap.</summary>
    public static IntervalCheckSplit? Of(int windows, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windows);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int gap = horizon - 1;
        int usable = windows - gap;
        if (usable < 2)
            return null;
        int calibration = usable / 2;
        return new IntervalCheckSplit(calibration, gap, calibration + gap, usable - calibration);
    }
}
