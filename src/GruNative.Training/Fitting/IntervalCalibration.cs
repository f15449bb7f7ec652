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

    /// <summary>Calibrates <paramref name="parameters"/> on the windows of <paramref name="split"/> (see the class remarks).</summary>
    /// <exception cref="ArgumentException">The split has no windows, or a level is outside (0, 1) or the levels do not increase.</exception>
    public static PredictionIntervals Calibrate(NetworkParameters<float> parameters, WindowedDataset data, DatasetSplit split, IReadOnlyList<double> levels) =>
        FromResiduals(ModelEvaluation.AbsoluteResiduals(parameters, data, split), levels);

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
        return new PredictionIntervals(intervals.Levels, offsets);
    }
}
