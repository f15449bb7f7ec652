using System;
using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// Split-conformal prediction intervals of a model's head: for each level (e.g. 0.8 and 0.95) and each output j (step-major,
/// index step · K + target, as the head writes them), an offset q ≥ 0 on the model's standardised output scale — after
/// the window's levels are added back, before the scaler and any transform are undone. The interval of output j at
/// level l is [g⁻¹((ŷ − q) · σ + μ), g⁻¹((ŷ + q) · σ + μ)] in the data's units (<see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast}, ReadOnlySpan{double})"/>):
/// symmetric on the model's scale, and — through a log or Box–Cox transform — multiplicative in the data's units.
/// </summary>
/// <remarks>
/// The trainer computes the offsets from held-out absolute residuals (see its <c>IntervalCalibration</c>): q is the
/// ⌈(n + 1) · level⌉-th smallest of n residuals, which covers a new residual from the same distribution with probability at
/// least the level (split conformal prediction; Vovk et al. 2005, Lei et al. 2018). The guarantee needs the future to
/// look like the calibration windows: a series whose noise grows after them gets narrower bands than it needs.
/// </remarks>
public sealed class PredictionIntervals : IEquatable<PredictionIntervals>
{
    private readonly double[] _levels;
    private readonly double[] _offsets;   // [levels][outputs]

    /// <summary>Creates intervals at <paramref name="levels"/> with <paramref name="offsets"/> (levels × outputs, level-major).</summary>
    /// <param name="levels">The coverage levels, increasing, each in (0, 1).</param>
    /// <param name="offsets">Levels × outputs offsets, level-major.</param>
    /// <param name="scaleSteps">
    /// Null for fixed offsets; otherwise k ≥ 1, and the offsets are in units of each window's own scale: the mean absolute
    /// change of the target's input over the window's last k steps (see <see cref="Preprocessing.IntervalScales{T}"/>),
    /// so bands widen and narrow with the series' recent variability.
    /// </param>
    /// <param name="trackingRate">
    /// Null for offsets that stay as calibrated; otherwise γ in (0, 1], and a device keeps the bands calibrated online
    /// with an <see cref="IntervalTracker"/>: each offset is the calibrated one at first, then moves by γ times the
    /// output's calibrated widest offset towards the level's share of misses as each forecast's actual values arrive.
    /// </param>
    /// <exception cref="ArgumentException">
    /// No levels; a level outside (0, 1) or not above the one before; an offset that is not finite and ≥ 0; offsets that are
    /// not a whole number of outputs per level; an output whose offset shrinks as the level grows; k below 1; or γ outside (0, 1].
    /// </exception>
    public PredictionIntervals(IReadOnlyList<double> levels, IReadOnlyList<double> offsets, int? scaleSteps = null, double? trackingRate = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(offsets);
        if (WeightsMetadata.FindIntervalProblem(levels, offsets) is string problem)
            throw new ArgumentException(problem, nameof(offsets));
        if (scaleSteps is < 1)
            throw new ArgumentException($"The scale of adaptive intervals needs at least 1 step of change (got {scaleSteps}).", nameof(scaleSteps));
        if (trackingRate is double rate && WeightsMetadata.FindTrackingRateProblem(rate) is string rateProblem)
            throw new ArgumentException(rateProblem + ".", nameof(trackingRate));
        _levels = [.. levels];
        _offsets = [.. offsets];
        OutputCount = offsets.Count / levels.Count;
        ScaleSteps = scaleSteps;
        TrackingRate = trackingRate;
    }

    /// <summary>
    /// γ of online calibration (see <see cref="IntervalTracker"/>), or null when the offsets stay as calibrated.
    /// </summary>
    public double? TrackingRate { get; }

    /// <summary>These intervals with online calibration at rate <paramref name="trackingRate"/> (or none).</summary>
    /// <exception cref="ArgumentException">γ is outside (0, 1].</exception>
    public PredictionIntervals WithTrackingRate(double? trackingRate) => new(_levels, _offsets, ScaleSteps, trackingRate);

    /// <summary>The smallest window scale used: a window without change still gets a band (of this many offsets).</summary>
    public const double MinimumScale = 1e-6;

    /// <summary>
    /// The scale of column <paramref name="column"/> of a window (steps × <paramref name="width"/>, row-major): the mean
    /// absolute change over its last <paramref name="steps"/> steps, summed in double in step order, at least
    /// <see cref="MinimumScale"/>. The one definition the trainer and devices use.
    /// </summary>
    /// <exception cref="ArgumentException">The window is not whole steps, or has fewer than <paramref name="steps"/> + 1.</exception>
    public static double RecentScale<T>(ReadOnlySpan<T> window, int width, int column, int steps) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, width);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (window.Length % width != 0 || window.Length / width < steps + 1)
            throw new ArgumentException($"{window.Length} value(s) are not a window of at least {steps + 1} step(s) of {width}.", nameof(window));
        int last = window.Length / width - 1;
        double sum = 0;
        for (int t = last - steps + 1; t <= last; t++)
            sum += Math.Abs(double.CreateTruncating(window[t * width + column]) - double.CreateTruncating(window[(t - 1) * width + column]));
        return Math.Max(sum / steps, MinimumScale);
    }

    /// <summary>k of scale-adaptive intervals (offsets in units of each window's recent mean absolute change), or null for fixed offsets.</summary>
    public int? ScaleSteps { get; }

    /// <summary>The coverage levels, increasing, each in (0, 1).</summary>
    public IReadOnlyList<double> Levels => _levels;

    /// <summary>O: outputs per level.</summary>
    public int OutputCount { get; }

    /// <summary>The offset of output <paramref name="output"/> at level index <paramref name="level"/>, on the model's standardised scale.</summary>
    public double Offset(int level, int output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, _levels.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, OutputCount);
        return _offsets[level * OutputCount + output];
    }

    /// <summary>The offsets of level index <paramref name="level"/>, one per output.</summary>
    public ReadOnlySpan<double> OffsetsOf(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, _levels.Length);
        return _offsets.AsSpan(level * OutputCount, OutputCount);
    }

    /// <summary>The index of <paramref name="level"/> among <see cref="Levels"/> (to 1e-9), or −1.</summary>
    public int IndexOf(double level)
    {
        for (int i = 0; i < _levels.Length; i++)
        {
            if (Math.Abs(_levels[i] - level) <= 1e-9)
                return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public bool Equals(PredictionIntervals? other) =>
        other is not null && _levels.AsSpan().SequenceEqual(other._levels) && _offsets.AsSpan().SequenceEqual(other._offsets)
        && ScaleSteps == other.ScaleSteps && TrackingRate == other.TrackingRate;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PredictionIntervals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_levels.Length, OutputCount);
}
