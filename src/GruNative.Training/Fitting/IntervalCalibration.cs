using System;
using System.Collections.Generic;
using GruNative.Training.Data;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>
/// Split-conformal prediction intervals per output (horizon step × target) from held-out absolute residuals: at level
/// 1 − α the offset is the ⌈(n + 1)(1 − α)⌉-th smallest of the n residuals, which covers a new residual from the same
/// distribution with probability at least 1 − α (Vovk et al. 2005; Lei et al. 2018, "Distribution-free predictive
/// inference for regression"). With too few residuals for a level (⌈(n + 1)(1 − α)⌉ &gt; n) the largest is used, and the
/// guarantee no longer holds: <see cref="MinimumResiduals"/> says how many a level needs.
/// </summary>
/// <remarks>
/// The trainer calibrates on the validation windows: they are held out from the weights (early stopping reads only their
/// error, so the offsets are very slightly optimistic) and they are the most recent rows before the test, which matters
/// when the noise drifts — at the price that a model cannot be calibrated without a validation split.
/// </remarks>
public static class IntervalCalibration
{
    /// <summary>The default levels: 80% and 95%.</summary>
    public static IReadOnlyList<double> DefaultLevels { get; } = [0.8, 0.95];

    /// <summary>The residuals a level needs for its finite-sample guarantee: ⌈level / (1 − level)⌉.</summary>
    public static int MinimumResiduals(double level) => (int)Math.Ceiling(level / (1 - level) - 1e-9);

    /// <summary>
    /// Calibrates <paramref name="parameters"/> on the windows of <paramref name="split"/> (see the class remarks). With
    /// <paramref name="scaleSteps"/> = k the intervals are scale-adaptive: each residual is divided by its window's scale
    /// (<see cref="PredictionIntervals.RecentScale{T}"/> of the target's input column over the last k steps), so the
    /// offsets are in units of that scale and a device multiplies them by its own window's.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The split has no windows; a level is outside (0, 1) or the levels do not increase; or, adaptive, a target is not an
    /// input or the lookback is shorter than k + 1.
    /// </exception>
    public static PredictionIntervals Calibrate(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split, IReadOnlyList<double> levels,
        int? scaleSteps = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return Calibrate(new NetworkForecaster(parameters, data.Task), data, split, levels, scaleSteps);
    }

    /// <summary>
    /// Calibrates any trained forecaster's intervals on the windows of <paramref name="split"/>, as
    /// <see cref="Calibrate(NetworkParameters{float}, WindowedDataset, DatasetSplit, IReadOnlyList{double}, int?)"/> does.
    /// </summary>
    public static PredictionIntervals Calibrate(IWindowForecaster forecaster, WindowedDataset data, DatasetSplit split, IReadOnlyList<double> levels,
        int? scaleSteps = null)
    {
        var residuals = ModelEvaluation.AbsoluteResiduals(forecaster, data, split);
        return scaleSteps is int steps
            ? FromResiduals(residuals, levels, WindowScales(data, split, steps), data.Task.TargetCount, steps)
            : FromResiduals(residuals, levels);
    }

    /// <summary>
    /// Scale-adaptive offsets for <paramref name="levels"/> from <paramref name="residuals"/>[output][window]: each residual
    /// divided by its window's scale (<paramref name="windowScales"/>, window-major: window · targets + target, output j
    /// being of target j mod <paramref name="targets"/>) before ranking, so the offsets are in units of that scale.
    /// </summary>
    /// <exception cref="ArgumentException">The scales are not one per window and target, or what <see cref="FromResiduals(IReadOnlyList{double[]}, IReadOnlyList{double})"/> refuses.</exception>
    public static PredictionIntervals FromResiduals(IReadOnlyList<double[]> residuals, IReadOnlyList<double> levels, ReadOnlySpan<double> windowScales, int targets, int scaleSteps)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        int windows = residuals.Count == 0 ? 0 : residuals[0].Length;
        if (windowScales.Length != windows * targets)
            throw new ArgumentException($"{windowScales.Length} window scale(s) for {windows} window(s) of {targets} target(s).", nameof(windowScales));
        var scaled = new double[residuals.Count][];
        for (int j = 0; j < residuals.Count; j++)
        {
            scaled[j] = new double[windows];
            for (int w = 0; w < windows; w++)
                scaled[j][w] = residuals[j][w] / windowScales[w * targets + j % targets];
        }
        var fixedOffsets = FromResiduals(scaled, levels);
        var offsets = new double[levels.Count * residuals.Count];
        for (int l = 0; l < levels.Count; l++)
            fixedOffsets.OffsetsOf(l).CopyTo(offsets.AsSpan(l * residuals.Count));
        return new PredictionIntervals(levels, offsets, scaleSteps);
    }

    /// <summary>Each window's scale per target (window-major: index window · K + target), from the standardised window.</summary>
    /// <exception cref="ArgumentException">A target is not an input column, or the lookback is shorter than k + 1.</exception>
    public static double[] WindowScales(WindowedDataset data, DatasetSplit split, int steps)
    {
        ArgumentNullException.ThrowIfNull(data);
        var task = data.Task;
        if (task.Lookback < steps + 1)
            throw new ArgumentException($"Scale-adaptive intervals over {steps} step(s) of change need a lookback of at least {steps + 1}, not {task.Lookback}.", nameof(steps));
        var inputOf = new int[task.TargetCount];
        for (int k = 0; k < inputOf.Length; k++)
        {
            inputOf[k] = IndexOf(task.InputColumns, task.TargetColumns[k]);
            if (inputOf[k] < 0)
                throw new ArgumentException($"Target '{task.TargetColumns[k]}' is not an input column: a window holds no recent values of it to scale its band by.", nameof(data));
        }
        int windows = data.WindowCount(split);
        var scales = new double[windows * task.TargetCount];
        var inputs = new double[task.InputValuesPerWindow];
        var targets = new double[task.OutputSize];
        for (int w = 0; w < windows; w++)
        {
            data.Gather<double>(split, [w], inputs, targets);   // standardised, before any per-window normalisation
            for (int k = 0; k < inputOf.Length; k++)
                scales[w * task.TargetCount + k] = PredictionIntervals.RecentScale<double>(inputs, task.InputCount, inputOf[k], steps);
        }
        return scales;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
                return i;
        }
        return -1;
    }

    /// <summary>The offsets for <paramref name="levels"/> from <paramref name="residuals"/>[output][window].</summary>
    /// <exception cref="ArgumentException">No outputs or no residuals, a residual that is not finite, or levels that are not increasing in (0, 1).</exception>
    public static PredictionIntervals FromResiduals(IReadOnlyList<double[]> residuals, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(levels);
        if (residuals.Count == 0 || residuals[0].Length == 0)
            throw new ArgumentException("No residuals to calibrate prediction intervals on (the validation split has no windows).", nameof(residuals));
        var offsets = new double[levels.Count * residuals.Count];
        for (int j = 0; j < residuals.Count; j++)
        {
            var sorted = (double[])residuals[j].Clone();
            if (Array.Exists(sorted, r => !double.IsFinite(r)))
                throw new ArgumentException($"Output {j}: a residual is not finite.", nameof(residuals));
            Array.Sort(sorted);
            int n = sorted.Length;
            for (int l = 0; l < levels.Count; l++)
            {
                double level = levels[l];
                if (!(level > 0 && level < 1))
                    throw new ArgumentException($"Interval level {level} is outside (0, 1).", nameof(levels));
                int rank = (int)Math.Min(n, Math.Ceiling((n + 1) * level - 1e-9));   // 1-based
                offsets[l * residuals.Count + j] = sorted[Math.Max(rank, 1) - 1];
            }
        }
        return new PredictionIntervals(levels, offsets);
    }

    /// <summary>
    /// The intervals of column <paramref name="channel"/> of a channel-independent model: output s of that column's own
    /// head is output s · K + channel of the task's (K = <paramref name="channels"/>).
    /// </summary>
    public static PredictionIntervals ForChannel(PredictionIntervals intervals, int channel, int channels)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, channels);
        int steps = intervals.OutputCount / channels;
        var offsets = new double[intervals.Levels.Count * steps];
        for (int l = 0; l < intervals.Levels.Count; l++)
        {
            for (int s = 0; s < steps; s++)
                offsets[l * steps + s] = intervals.Offset(l, s * channels + channel);
        }
        return new PredictionIntervals(intervals.Levels, offsets, intervals.ScaleSteps);
    }
}
