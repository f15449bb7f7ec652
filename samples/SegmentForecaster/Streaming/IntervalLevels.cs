using System;
using System.Globalization;
using System.Linq;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Streaming;

/// <summary>The <c>--intervals</c> levels, checked against the ones the weights hold before any input is read.</summary>
internal static class IntervalLevels
{
    /// <summary>
    /// The indices among the weights' levels of <paramref name="requested"/> (fractions; empty: every level), in
    /// increasing order of level.
    /// </summary>
    /// <exception cref="UsageException">The weights hold no intervals, scale-adaptive ones (which this program does not write), or not a requested level.</exception>
    public static int[] Resolve(Preprocessing preprocessing, double[] requested)
    {
        PredictionIntervals intervals = preprocessing.Intervals
            ?? throw new UsageException("--intervals: the model's weights hold no prediction intervals (train with --intervals).");
        if (intervals.ScaleSteps is not null)
            throw new UsageException("--intervals: the model's intervals are scale-adaptive, which this program does not write.");
        if (requested.Length == 0)
            return [.. Enumerable.Range(0, intervals.Levels.Count).OrderBy(i => intervals.Levels[i])];
        var indices = new int[requested.Length];
        for (int i = 0; i < requested.Length; i++)
        {
            indices[i] = intervals.IndexOf(requested[i]);
            if (indices[i] < 0)
                throw new UsageException($"--intervals: the model holds no {Percent(requested[i])} % interval; it has {Describe(intervals)}.");
        }
        return indices;
    }

    /// <summary>
    /// The tracker of the bands when they are written (<paramref name="levels"/> not empty) and the weights say to track
    /// them online (<see cref="PredictionIntervals.TrackingRate"/>); null otherwise, and the bands are the calibrated ones.
    /// </summary>
    public static IntervalTracker? Tracker(Preprocessing preprocessing, int[] levels) =>
        levels.Length > 0 && preprocessing.Intervals?.TrackingRate is not null ? new IntervalTracker(preprocessing) : null;

    /// <summary>"80 %, 95 %".</summary>
    public static string Describe(PredictionIntervals intervals) => string.Join(", ", intervals.Levels.Select(l => Percent(l) + " %"));

    /// <summary>A level as the header and messages give it: 0.8 → "80".</summary>
    public static string Percent(double level) => Math.Round(level * 100, 6).ToString(CultureInfo.InvariantCulture);
}
