using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Commands;

/// <summary>Prediction intervals as calibrated, with what was asked for and, for <c>auto</c>, the check that chose them.</summary>
/// <param name="Intervals">The offsets the weights file carries.</param>
/// <param name="Requested">The request they answer.</param>
/// <param name="Check">The variant check, when <paramref name="Requested"/> was <c>auto</c>.</param>
/// <param name="Tracking">The online calibration asked for.</param>
/// <param name="TrackingCheck">The tracking check, when <paramref name="Tracking"/> was <c>auto</c>.</param>
internal sealed record CalibratedIntervals(PredictionIntervals Intervals, IntervalVariantRequest Requested, IntervalVariantCheck? Check,
    IntervalTrackingRequest Tracking, IntervalTrackingCheck? TrackingCheck);

/// <summary>
/// The one calibration step of <c>train</c> and <c>compare</c> (both families): split-conformal intervals on the
/// validation windows, of the variant asked for or — <c>auto</c> — of the variant the check chooses from those windows alone.
/// </summary>
internal static class IntervalCalibrationStep
{
    /// <summary>
    /// The intervals of <paramref name="levels"/> for <paramref name="forecaster"/>, or null when none are asked for or the
    /// split has no validation windows. With <paramref name="verbose"/> (train) every outcome is said on
    /// <paramref name="writer"/>; otherwise (a compare run) only the check's table and choice.
    /// </summary>
    public static CalibratedIntervals? Run(TextWriter writer, IReadOnlyList<double> levels, IntervalVariantRequest request, IntervalTrackingRequest tracking,
        IWindowForecaster forecaster, WindowedDataset data, int? period, bool verbose)
    {
        if (levels.Count == 0)
            return null;
        int windows = data.WindowCount(DatasetSplit.Validation);
        if (windows == 0)
        {
            if (verbose)
                writer.WriteLine("no prediction intervals: the split has no validation windows to calibrate them on");
            return null;
        }
        IntervalVariantCheck? check = null;
        PredictionIntervals intervals;
        if (request.Auto)
        {
            check = IntervalVariantSelection.Select(forecaster, data, DatasetSplit.Validation, levels, IntervalVariantRequest.Candidates(data.Task, period));
            IntervalCheckReport.Write(writer, check);
            intervals = check.Intervals;
        }
        else
        {
            intervals = IntervalCalibration.Calibrate(forecaster, data, DatasetSplit.Validation, levels, request.ScaleSteps);
        }
        intervals = tracking.Apply(intervals, writer, forecaster, data, out var trackingCheck)!;
        if (verbose)
        {
            string variant = intervals.ScaleSteps is int k ? $"scale-adaptive over the last {k} steps" : "fixed bands";
            writer.WriteLine($"prediction intervals {string.Join(", ", levels.Select(Percent))}: "
                + $"calibrated on {windows} validation window(s) (split conformal, per step and target; {variant})"
                + string.Concat(levels.Where(l => windows < IntervalCalibration.MinimumResiduals(l))
                    .Select(l => $"; {Percent(l)} needs {IntervalCalibration.MinimumResiduals(l)} windows for its guarantee, so its band is the widest residual"))
                + (intervals.TrackingRate is double rate ? string.Create(CultureInfo.InvariantCulture, $"; tracked online at rate {rate}") : ""));
        }
        return new CalibratedIntervals(intervals, request, check, tracking, trackingCheck);
    }

    private static string Percent(double level) => level.ToString("P0", CultureInfo.InvariantCulture);
}
