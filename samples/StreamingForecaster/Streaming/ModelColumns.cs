using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative;

namespace StreamingForecaster.Streaming;

/// <summary>
/// The model's columns as its weights describe them: the preprocessing whose scalers turn each observation into inputs
/// and each output into a forecast, with the name of each input, in input order, and of each forecast target, and the
/// prediction intervals calibrated for it, if any. Weights without that metadata get unit scalers named x1…xI and y1…,
/// so raw values go in and out.
/// </summary>
internal sealed class ModelColumns
{
    private ModelColumns(Preprocessing preprocessing) => Preprocessing = preprocessing;

    /// <summary>The scalers of the inputs and of the targets (never empty), the horizon when the weights say it, and their intervals.</summary>
    public Preprocessing Preprocessing { get; }

    /// <summary>The input columns' names, in input order.</summary>
    public string[] InputNames => Preprocessing.InputColumns.Select(c => c.Name).ToArray();

    /// <summary>
    /// The columns a line of a gateway's <paramref name="sensors"/> sensors holds, in positional order: each sensor's inputs
    /// in turn, named <c>NAME@k</c> for sensor k (from 1). One sensor's are <see cref="InputNames"/>, unsuffixed.
    /// </summary>
    public string[] InputNamesOf(int sensors) =>
        sensors == 1 ? InputNames : [.. Enumerable.Range(1, sensors).SelectMany(k => InputNames.Select(name => $"{name}@{k}"))];

    /// <summary>The target columns' names, in output order.</summary>
    public string[] TargetNames => Preprocessing.TargetColumns.Select(c => c.Name).ToArray();

    /// <exception cref="NotSupportedException">The model was trained with per-window normalisation, which needs whole windows.</exception>
    public static ModelColumns Of(ModelSpec spec, Preprocessing? preprocessing)
    {
        if (preprocessing is { WindowNormalization: not WindowNormalization.None })
        {
            throw new NotSupportedException(
                $"The model was trained with per-window normalisation ({preprocessing.WindowNormalization}): it forecasts from whole "
                + "windows run from a zero state, not from a state streamed step by step. Train it with --window-norm None to stream it.");
        }
        ColumnScaler[] inputs = preprocessing is { InputColumns.Count: > 0 }
            ? preprocessing.InputColumns.ToArray()
            : Enumerable.Range(1, spec.InputSize).Select(i => new ColumnScaler($"x{i}", 0, 1)).ToArray();
        ColumnScaler[] targets = preprocessing is { TargetColumns.Count: > 0 }
            ? preprocessing.TargetColumns.ToArray()
            : Enumerable.Range(1, spec.OutputSize / (preprocessing?.Horizon ?? spec.OutputSize)).Select(i => new ColumnScaler($"y{i}", 0, 1)).ToArray();
        // The horizon is the head's steps when the weights do not say it (weights made by hand): a tracker needs it.
        int horizon = preprocessing?.Horizon ?? spec.OutputSize / targets.Length;
        return new ModelColumns(new Preprocessing(inputs, targets, preprocessing?.Lookback, horizon, intervals: preprocessing?.Intervals));
    }

    /// <summary>
    /// The indices, among the levels of <see cref="Preprocessing.Intervals"/>, of the intervals a forecast line is to
    /// carry: <paramref name="levels"/> (fractions, increasing), or every level the model holds when it is empty.
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// The model carries no intervals; its intervals are scale-adaptive (their width follows the window's recent changes,
    /// and a streamed state keeps no window); or it lacks one of <paramref name="levels"/>.
    /// </exception>
    public int[] IntervalLevels(IReadOnlyList<double> levels)
    {
        var intervals = Preprocessing.Intervals ?? throw new NotSupportedException(
            $"--intervals: the model carries no prediction intervals (its weights have no {WeightsMetadata.IntervalLevels}). "
            + "Train it with `grunative train --intervals 80,95` (the default) and rebuild.");
        if (intervals.ScaleSteps is int steps)
        {
            throw new NotSupportedException(
                $"--intervals: the model's intervals are scale-adaptive ({WeightsMetadata.IntervalScaleSteps} = {steps}): their width "
                + $"follows the target's changes over each window's last {steps} steps, and this program streams a state without "
                + "keeping a window to measure them on. Train the model without --interval-scale-steps (fixed bands) to stream its intervals.");
        }
        if (levels.Count == 0)
            return [.. Enumerable.Range(0, intervals.Levels.Count)];
        var indices = new int[levels.Count];
        for (int i = 0; i < levels.Count; i++)
        {
            indices[i] = intervals.IndexOf(levels[i]);
            if (indices[i] < 0)
            {
                throw new NotSupportedException(
                    $"--intervals: the model holds no {Percent(levels[i])} % interval; it has {string.Join(", ", intervals.Levels.Select(l => Percent(l) + " %"))}.");
            }
        }
        return indices;
    }

    /// <summary>
    /// The interval tracker the forecast lines' bands come from, when they are written (<paramref name="intervalLevels"/>
    /// not null) and the model's intervals are tracked online (<see cref="PredictionIntervals.TrackingRate"/>); otherwise
    /// null, and the bands are the calibrated ones. With it, <see cref="TargetInputs"/> says where each target's observed
    /// value is in a line.
    /// </summary>
    /// <exception cref="NotSupportedException">A target is not an input column: a line holds no observed value of it to track the bands with.</exception>
    public IntervalTracker? Tracker(int[]? intervalLevels)
    {
        if (intervalLevels is null || Preprocessing.Intervals?.TrackingRate is not double)
            return null;
        var inputs = InputNames;
        foreach (string target in TargetNames)
        {
            if (Array.IndexOf(inputs, target) < 0)
            {
                throw new NotSupportedException(
                    $"--intervals: the model's bands are tracked online ({WeightsMetadata.IntervalTrackingRate}), which needs each target's observed "
                    + $"value, but target '{target}' is not an input column. Train the model with --interval-tracking none to stream its calibrated bands.");
            }
        }
        return new IntervalTracker(Preprocessing);
    }

    /// <summary>
    /// <see cref="Tracker"/> for each of <paramref name="sensors"/> sensors: each tracks its own sensor's bands. Null when
    /// the bands are not tracked.
    /// </summary>
    /// <exception cref="NotSupportedException">As <see cref="Tracker"/>.</exception>
    public IntervalTracker[]? Trackers(int[]? intervalLevels, int sensors)
    {
        if (Tracker(intervalLevels) is not { } first)
            return null;
        var trackers = new IntervalTracker[sensors];
        trackers[0] = first;
        for (int k = 1; k < sensors; k++)
            trackers[k] = new IntervalTracker(Preprocessing);
        return trackers;
    }

    /// <summary>The input index of each target column, in output order (−1 for a target that is not an input).</summary>
    public int[] TargetInputs
    {
        get
        {
            string[] inputs = InputNames, targets = TargetNames;
            var indices = new int[targets.Length];
            for (int k = 0; k < targets.Length; k++)
                indices[k] = Array.IndexOf(inputs, targets[k]);
            return indices;
        }
    }

    /// <summary>A level in percent as the program prints it in column names and messages: 0.8 → "80", 0.975 → "97.5".</summary>
    public static string Percent(double level) => Math.Round(level * 100, 6).ToString(CultureInfo.InvariantCulture);
}
