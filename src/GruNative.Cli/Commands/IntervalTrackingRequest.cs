using System;
using System.Globalization;

namespace GruNative.Cli.Commands;

/// <summary>
/// What <c>--interval-tracking</c> asks for: bands that stay as calibrated (<c>none</c>), or bands a device keeps
/// calibrated online at rate γ (a number in (0, 1], see <see cref="IntervalTracker"/>); for <c>evaluate</c> also
/// <c>stored</c>, what the weights file says; and <c>auto</c>, the rate the validation windows' own check chooses
/// (<see cref="Training.Fitting.IntervalTrackingSelection"/>).
/// </summary>
/// <param name="Stored">Use the weights file's own rate (evaluate only).</param>
/// <param name="Auto">Let the check choose.</param>
/// <param name="Rate">Otherwise: null for static bands, γ for tracked ones.</param>
internal sealed record IntervalTrackingRequest(bool Stored, bool Auto, double? Rate)
{
    /// <summary>The option's value for the check's choice.</summary>
    public const string AutoValue = "auto";

    /// <summary>The option's value for static bands.</summary>
    public const string NoneValue = "none";

    /// <summary>The option's value for the weights file's own rate.</summary>
    public const string StoredValue = "stored";

    /// <summary>The option's value as typed.</summary>
    public string Text => Stored ? StoredValue : Auto ? AutoValue : Rate?.ToString("R", CultureInfo.InvariantCulture) ?? NoneValue;

    /// <summary>Reads the option's value; <c>stored</c> only where <paramref name="allowStored"/>.</summary>
    /// <exception cref="ArgumentException">Not <c>none</c>, a rate in (0, 1], or (where allowed) <c>stored</c>.</exception>
    public static IntervalTrackingRequest Parse(string? text, bool allowStored)
    {
        string value = (text ?? NoneValue).Trim();
        if (value.Equals(NoneValue, StringComparison.OrdinalIgnoreCase))
            return new IntervalTrackingRequest(false, false, null);
        if (allowStored && value.Equals(StoredValue, StringComparison.OrdinalIgnoreCase))
            return new IntervalTrackingRequest(true, false, null);
        if (value.Equals(AutoValue, StringComparison.OrdinalIgnoreCase))
            return new IntervalTrackingRequest(false, true, null);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && rate <= 1)
            return new IntervalTrackingRequest(false, false, rate);
        throw new ArgumentException($"--interval-tracking: '{value}' is not a rate in (0, 1] (e.g. 0.01), '{AutoValue}' (let the validation windows choose), '{NoneValue}' (bands stay as calibrated)"
            + (allowStored ? $" or '{StoredValue}' (as the weights file says)." : "."));
    }

    /// <summary>
    /// <paramref name="intervals"/> with the requested tracking (as they are, for <c>stored</c>); for <c>auto</c> the check
    /// runs on the validation windows, its table goes to <paramref name="writer"/> and <paramref name="check"/> holds it.
    /// </summary>
    public PredictionIntervals? Apply(PredictionIntervals? intervals, System.IO.TextWriter writer, Training.Fitting.IWindowForecaster forecaster,
        Training.Data.WindowedDataset data, out Training.Fitting.IntervalTrackingCheck? check)
    {
        check = null;
        if (intervals is null || Stored)
            return intervals;
        if (!Auto)
            return intervals.WithTrackingRate(Rate);
        check = Training.Fitting.IntervalTrackingSelection.Select(forecaster, data, Training.Data.DatasetSplit.Validation, intervals,
            Training.Fitting.IntervalTrackingSelection.DefaultCandidates);
        Output.IntervalTrackingReport.Write(writer, check);
        return intervals.WithTrackingRate(check.ChosenRate);
    }

    /// <summary>The option's help text.</summary>
    public static string Description(bool evaluate) =>
        "Online calibration of the prediction intervals. none: the bands stay as calibrated on the validation windows. A rate γ in (0, 1], e.g. 0.01: a device keeps them calibrated as actual values arrive — each "
        + "output's offset moves by γ times its calibrated widest offset, up after a miss and down after a hit, so that over time each "
        + "level misses at its rate — and the scores replay that over every split, starting at its first window as calibrated. auto: "
        + "calibrate on the earlier half of the validation windows, replay the later half with each of none, 0.002, 0.005, 0.01, 0.02 and 0.05, and "
        + "keep the rate whose coverage there comes nearest the levels (then the lowest Winkler score)"
        + (evaluate ? "." : " (the default; with too few validation windows for the check, none).")
        + (evaluate ? " stored (the default): as the weights file says." : " Stored in the weights file.");
}
