using System;
using System.Collections.Generic;
using System.Numerics;

namespace GruNative;

/// <summary>
/// Keeps a model's prediction intervals calibrated online, on a device: the bands start as calibrated
/// (<see cref="PredictionIntervals"/>), and each time an observation arrives every band that forecast it moves its offset —
/// up when the value fell outside, down when inside — so that, over time, each output misses at its level's rate
/// (1 − level) whatever the errors do: bands widen when the series gets harder than the calibration windows and narrow
/// when it gets easier. Allocation-free after construction.
/// </summary>
/// <remarks>
/// <para>The update is online quantile tracking (Angelopoulos, Candès and Tibshirani 2023, "Conformal PID control for
/// time series prediction", the quantile tracker; Gibbs and Candès 2021, adaptive conformal inference, update the level
/// instead). For output j (horizon step s, target k) and level ℓ, when the value at time t arrives and the forecast
/// issued s steps earlier predicted it with absolute error r on the model's scale (divided by that forecast's window
/// scale, for scale-adaptive intervals):
/// q ← max(0, q + η_j · (1[r &gt; q] − (1 − ℓ))), with η_j = γ · q₀ the rate γ (<see cref="PredictionIntervals.TrackingRate"/>)
/// times output j's calibrated offset at the widest level (the mean of them when it is 0, 1 when all are). Then each
/// level's offset is raised to the one below it, so bands stay nested. For any sequence of errors bounded by B, the share
/// of misses of q over T updates is within (B + η)/(η T) of 1 − ℓ; a forecast's band was drawn with the offsets of
/// s updates earlier, which differ by at most s · η.</para>
/// <para>Use per step: <see cref="Observe"/> the new observation's target values (data units), then make the next
/// forecast, draw its bands with <see cref="OffsetsOf"/> through
/// <see cref="Preprocessing.ToForecastWithOffsets{T, TForecast}"/>,
/// and <see cref="Issue{T}"/> the model-scale forecast that call leaves in its outputs. The forecasts still waiting for
/// actual values are kept (<see cref="Horizon"/> of them): <see cref="CopyTo"/>/<see cref="CopyFrom"/> save and restore
/// all of it, so a device that loses power resumes where it was.</para>
/// </remarks>
public sealed class IntervalTracker
{
    private readonly Preprocessing _preprocessing;
    private readonly double[] _levels;
    private readonly double[] _calibrated;   // [levels][outputs], as calibrated
    private readonly double[] _steps;        // η per output
    private readonly double[] _offsets;      // [levels][outputs], tracked
    private readonly long[] _origins;        // [horizon]: the origin of the forecast in each slot, −1 when empty
    private readonly double[] _forecasts;    // [horizon][outputs]: model-scale forecasts waiting for their values
    private readonly double[] _scales;       // [horizon][targets]: their window scales (scale-adaptive intervals)
    private readonly double[] _actual;       // [targets]: the observation on the model's scale
    private long _observed;

    /// <summary>
    /// A tracker for the intervals of <paramref name="preprocessing"/>, at rate <paramref name="trackingRate"/> or, when that
    /// is null, the intervals' own <see cref="PredictionIntervals.TrackingRate"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The preprocessing has no intervals, no target columns or no horizon, its intervals do not describe horizon × targets
    /// outputs, or no rate is given or carried, or the rate is outside (0, 1].
    /// </exception>
    public IntervalTracker(Preprocessing preprocessing, double? trackingRate = null)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var intervals = preprocessing.Intervals
            ?? throw new ArgumentException("The preprocessing carries no prediction intervals to track (train with --intervals).", nameof(preprocessing));
        if (preprocessing.TargetColumns.Count == 0 || preprocessing.Horizon is not int horizon)
            throw new ArgumentException("Tracking intervals needs the target columns and the horizon of the model.", nameof(preprocessing));
        int targets = preprocessing.TargetColumns.Count;
        if (intervals.OutputCount != (long)horizon * targets)
            throw new ArgumentException($"The intervals describe {intervals.OutputCount} output(s), not {horizon} step(s) × {targets} target(s).", nameof(preprocessing));
        double rate = trackingRate ?? intervals.TrackingRate
            ?? throw new ArgumentException("No tracking rate: the intervals carry none (train with --interval-tracking) and none was given.", nameof(trackingRate));
        if (WeightsMetadata.FindTrackingRateProblem(rate) is string problem)
            throw new ArgumentException(problem + ".", nameof(trackingRate));
        _preprocessing = preprocessing;
        Rate = rate;
        Horizon = horizon;
        TargetCount = targets;
        OutputCount = intervals.OutputCount;
        _levels = [.. intervals.Levels];
        _calibrated = new double[_levels.Length * OutputCount];
        for (int l = 0; l < _levels.Length; l++)
            intervals.OffsetsOf(l).CopyTo(_calibrated.AsSpan(l * OutputCount));
        _steps = StepSizes(_calibrated.AsSpan((_levels.Length - 1) * OutputCount), rate);
        _offsets = new double[_calibrated.Length];
        _origins = new long[horizon];
        _forecasts = new double[horizon * OutputCount];
        _scales = new double[horizon * targets];
        _actual = new double[targets];
        ScaleAdaptive = intervals.ScaleSteps is not null;
        Reset();
    }

    /// <summary>γ, the rate of the updates (see the remarks).</summary>
    public double Rate { get; }

    /// <summary>Steps each forecast covers.</summary>
    public int Horizon { get; }

    /// <summary>K, the target columns of each observation.</summary>
    public int TargetCount { get; }

    /// <summary>O = horizon × K, the outputs of each forecast.</summary>
    public int OutputCount { get; }

    /// <summary>The coverage levels, as the intervals give them.</summary>
    public IReadOnlyList<double> Levels => _levels;

    /// <summary>True when the offsets are in units of each forecast's window scale (the intervals are scale-adaptive).</summary>
    public bool ScaleAdaptive { get; }

    /// <summary>Observations seen since the start (or the last <see cref="Reset"/>).</summary>
    public long Observations => _observed;

    /// <summary>The current offsets of level index <paramref name="level"/>, one per output.</summary>
    public ReadOnlySpan<double> OffsetsOf(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, _levels.Length);
        return _offsets.AsSpan(level * OutputCount, OutputCount);
    }

    /// <summary>Back to the calibrated offsets, with no forecast waiting and no observation seen.</summary>
    public void Reset()
    {
        _calibrated.CopyTo(_offsets, 0);
        _origins.AsSpan().Fill(-1);
        _forecasts.AsSpan().Clear();
        _scales.AsSpan().Clear();
        _observed = 0;
    }

    /// <summary>
    /// Records the forecast made now — before the next observation — for the bands to learn from when its values arrive:
    /// <paramref name="forecast"/> is the model-scale forecast (horizon × K, step-major), what
    /// <see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/> leaves in its outputs
    /// (the window's levels added back, before the scaler and transform are undone). <paramref name="scales"/> are that
    /// window's scales (K, from <see cref="Preprocessing.IntervalScales{T}"/>) for scale-adaptive intervals, empty
    /// otherwise. A second forecast before the next observation replaces the first. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is wrong, or a value is not finite (a scale not positive).</exception>
    public void Issue<T>(ReadOnlySpan<T> forecast, ReadOnlySpan<double> scales = default) where T : IFloatingPointIeee754<T>
    {
        // The messages are made in the throw helpers, off this path: a device calls it every forecast.
        if (forecast.Length != OutputCount)
            ThrowBadForecast(forecast.Length, -1, nameof(forecast));
        if (scales.Length != (ScaleAdaptive ? TargetCount : 0))
            ThrowBadScales(-1, nameof(scales));
        for (int j = 0; j < forecast.Length; j++)
        {
            if (!T.IsFinite(forecast[j]))
                ThrowBadForecast(forecast.Length, j, nameof(forecast));
        }
        for (int k = 0; k < scales.Length; k++)
        {
            if (!(double.IsFinite(scales[k]) && scales[k] > 0))
                ThrowBadScales(k, nameof(scales));
        }
        int slot = (int)(_observed % Horizon);
        _origins[slot] = _observed;
        var stored = _forecasts.AsSpan(slot * OutputCount, OutputCount);
        for (int j = 0; j < stored.Length; j++)
            stored[j] = double.CreateTruncating(forecast[j]);
        scales.CopyTo(_scales.AsSpan(slot * TargetCount, TargetCount));
    }

    /// <summary>
    /// The next observation's target values (K, in the data's units): every waiting forecast that predicted it updates its
    /// output's offsets (see the remarks), and the forecasts that have now seen their last value are done. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="actual"/> is not K long, or holds a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its column's transform domain (a log of a value ≤ 0).</exception>
    public void Observe(ReadOnlySpan<double> actual)
    {
        if (actual.Length != TargetCount)
            ThrowBadObservation(actual.Length, -1, nameof(actual));
        for (int k = 0; k < actual.Length; k++)
        {
            if (!double.IsFinite(actual[k]))
                ThrowBadObservation(actual.Length, k, nameof(actual));
        }
        // Each target's own scaler, as StandardizeTargets applies it (a plain loop keeps a device binary from carrying
        // that method's double instantiation too).
        for (int k = 0; k < actual.Length; k++)
            _actual[k] = _preprocessing.TargetColumns[k].Standardize(actual[k]);
        long now = _observed;
        for (int step = 0; step < Horizon; step++)
        {
            long origin = now - step;
            if (origin < 0)
                break;
            int slot = (int)(origin % Horizon);
            if (_origins[slot] != origin)
                continue;
            for (int k = 0; k < TargetCount; k++)
            {
                int j = step * TargetCount + k;
                double error = Math.Abs(_forecasts[slot * OutputCount + j] - _actual[k]);
                if (ScaleAdaptive)
                    error /= _scales[slot * TargetCount + k];
                Update(j, error);
            }
        }
        _observed = now + 1;
    }

    /// <summary>Doubles <see cref="CopyTo"/> writes: 1 + levels × O + horizon × (1 + O + K).</summary>
    public int StateLength => 1 + _offsets.Length + _origins.Length + _forecasts.Length + _scales.Length;

    /// <summary>
    /// Writes the tracker's state — observations seen, offsets, waiting forecasts — to <paramref name="state"/>
    /// (<see cref="StateLength"/> doubles), for <see cref="CopyFrom"/> to restore. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not <see cref="StateLength"/> long.</exception>
    public void CopyTo(Span<double> state)
    {
        if (state.Length != StateLength)
            ThrowBadStateLength(state.Length, nameof(state));
        state[0] = _observed;
        int at = 1;
        _offsets.CopyTo(state[at..]);
        at += _offsets.Length;
        for (int i = 0; i < _origins.Length; i++)
            state[at + i] = _origins[i];
        at += _origins.Length;
        _forecasts.CopyTo(state[at..]);
        at += _forecasts.Length;
        _scales.CopyTo(state[at..]);
    }

    /// <summary>Restores a state <see cref="CopyTo"/> wrote, after checking it all (nothing changes when it is refused). Allocates nothing.</summary>
    /// <exception cref="ArgumentException">
    /// The state is not <see cref="StateLength"/> long, or is not one a tracker of this shape can hold: a count or origin that
    /// is not a whole number in range, an offset that is not finite and ≥ 0 or narrows as the level grows, a waiting
    /// forecast that is not finite, a scale that is not positive.
    /// </exception>
    public void CopyFrom(ReadOnlySpan<double> state)
    {
        if (state.Length != StateLength)
            ThrowBadStateLength(state.Length, nameof(state));
        if (FindStateProblem(state, out string reason) is int bad and >= 0)
            throw new ArgumentException($"Not a tracker state: value {bad}: {reason}.", nameof(state));
        _observed = (long)state[0];
        int at = 1;
        state.Slice(at, _offsets.Length).CopyTo(_offsets);
        at += _offsets.Length;
        for (int i = 0; i < _origins.Length; i++)
            _origins[i] = (long)state[at + i];
        at += _origins.Length;
        state.Slice(at, _forecasts.Length).CopyTo(_forecasts);
        at += _forecasts.Length;
        state.Slice(at, _scales.Length).CopyTo(_scales);
    }

    /// <summary>
    /// Restores a state <see cref="CopyTo"/> wrote, as <see cref="CopyFrom"/> does, or returns false — changing nothing —
    /// when <paramref name="state"/> is not <see cref="StateLength"/> long or not a state this tracker can hold (a device
    /// reading its state file: no exception to catch). Allocates nothing.
    /// </summary>
    public bool TryCopyFrom(ReadOnlySpan<double> state)
    {
        if (state.Length != StateLength || FindStateProblem(state, out _) >= 0)
            return false;
        CopyFrom(state);
        return true;
    }

    /// <summary>The index of the first value of <paramref name="state"/> this tracker cannot hold, and why; −1 when there is none.</summary>
    private int FindStateProblem(ReadOnlySpan<double> state, out string reason)
    {
        // One message for all, made by the caller: each check formatting its own would add code to every device binary.
        const double MaxCount = 1L << 52;
        double observed = state[0];
        reason = "the observation count must be a whole number ≥ 0";
        if (!(observed >= 0 && observed <= MaxCount && Math.Floor(observed) == observed))
            return 0;
        int at = 1;
        for (int i = 0; i < _offsets.Length; i++)
        {
            double offset = state[at + i];
            reason = "an offset must be finite and ≥ 0";
            if (!(double.IsFinite(offset) && offset >= 0))
                return at + i;
            reason = "an offset must not narrow as the level grows";
            if (i >= OutputCount && offset < state[at + i - OutputCount])
                return at + i;
        }
        at += _offsets.Length;
        // A forecast was issued no later than the next observation, into the slot of its origin (it stays there, done,
        // until a later forecast takes the slot); −1 marks an empty slot.
        reason = "a slot must be empty (−1) or hold a forecast whose origin is a whole number no later than the observation count, in the slot of that origin";
        for (int slot = 0; slot < _origins.Length; slot++)
        {
            double origin = state[at + slot];
            if (origin != -1 && !(Math.Floor(origin) == origin && origin >= 0 && origin <= observed && (long)origin % Horizon == slot))
                return at + slot;
        }
        at += _origins.Length;
        reason = "a waiting forecast must be finite";
        for (int i = 0; i < _forecasts.Length; i++)
        {
            if (!double.IsFinite(state[at + i]))
                return at + i;
        }
        at += _forecasts.Length;
        reason = ScaleAdaptive ? "a window scale must be positive" : "fixed intervals keep no window scale: it must be 0";
        for (int i = 0; i < _scales.Length; i++)
        {
            double scale = state[at + i];
            if (!(double.IsFinite(scale) && (ScaleAdaptive ? scale > 0 : scale == 0)))
                return at + i;
        }
        return -1;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowBadForecast(int length, int nonFinite, string parameter) =>
        throw new ArgumentException(nonFinite < 0 ? $"{length} forecast value(s) for {Horizon} step(s) × {TargetCount} target(s)." : $"Forecast value {nonFinite} is not finite.", parameter);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowBadScales(int notPositive, string parameter) =>
        throw new ArgumentException(notPositive >= 0 ? $"Window scale {notPositive} is not a positive number."
            : ScaleAdaptive ? $"Scale-adaptive intervals need the window's scale of each of the {TargetCount} target(s) (IntervalScales)."
            : "These intervals have fixed offsets: pass no window scales.", parameter);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowBadObservation(int length, int nonFinite, string parameter) =>
        throw new ArgumentException(nonFinite < 0 ? $"{length} value(s) for {TargetCount} target(s)." : $"Target value {nonFinite} is not finite.", parameter);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowBadStateLength(int length, string parameter) =>
        throw new ArgumentException($"{length} value(s) for a tracker state of {StateLength}.", parameter);

    private void Update(int output, double error)
    {
        double step = _steps[output];
        for (int l = 0; l < _levels.Length; l++)
        {
            ref double offset = ref _offsets[l * OutputCount + output];
            double target = 1 - _levels[l];   // the share of misses the level allows
            offset = Math.Max(0, offset + step * ((error > offset ? 1 : 0) - target));
            if (l > 0)
                offset = Math.Max(offset, _offsets[(l - 1) * OutputCount + output]);
        }
    }

    /// <summary>η_j = γ · q₀_j (the widest calibrated offset of output j), or γ times their mean when q₀_j = 0, or γ when all are 0.</summary>
    private static double[] StepSizes(ReadOnlySpan<double> widest, double rate)
    {
        double mean = 0;
        foreach (double offset in widest)
            mean += offset;
        mean /= widest.Length;
        var steps = new double[widest.Length];
        for (int j = 0; j < steps.Length; j++)
            steps[j] = rate * (widest[j] > 0 ? widest[j] : mean > 0 ? mean : 1);
        return steps;
    }
}
