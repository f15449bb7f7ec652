using System;
using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// Split-conformal prediction intervals of a model's head: for each level (e.g. 0.8 and 0.95) and each output j (step-major,
/// index step · K + target, as the head writes them), an offset q ≥ 0 on the model's standardised output scale — after
/// the window's levels are added back, before the scaler and any transform are undone. The interval of output j at
/// level l is [g⁻¹((ŷ − q) · σ + μ), g⁻¹((ŷ + q) · σ + μ)] in the data's units (<see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast})"/>):
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
    /// <exception cref="ArgumentException">
    /// No levels; a level outside (0, 1) or not above the one before; an offset that is not finite and ≥ 0; offsets that are
    /// not a whole number of outputs per level; or an output whose offset shrinks as the level grows.
    /// </exception>
    public PredictionIntervals(IReadOnlyList<double> levels, IReadOnlyList<double> offsets)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(offsets);
        if (WeightsMetadata.FindIntervalProblem(levels, offsets) is string problem)
            throw new ArgumentException(problem, nameof(offsets));
        _levels = [.. levels];
        _offsets = [.. offsets];
        OutputCount = offsets.Count / levels.Count;
    }

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
        other is not null && _levels.AsSpan().SequenceEqual(other._levels) && _offsets.AsSpan().SequenceEqual(other._offsets);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PredictionIntervals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_levels.Length, OutputCount);
}
