using System;
using GruNative.Kernels;

namespace GruNative;

/// <summary>
/// A generated segment-recurrent forecaster (<see cref="SegmentModelSpec"/>): channel-independent, so besides
/// <see cref="IForecaster{TSelf}.Forecast(ReadOnlySpan{float}, Span{float})"/> over its own
/// <see cref="IForecaster{TSelf}.InputSize"/> channels it forecasts any number of channels through the same weights
/// (<see cref="ForecastChannels(ReadOnlySpan{float}, Span{float})"/>; with channel ids, exactly C).
/// </summary>
/// <typeparam name="TSelf">The generated model type.</typeparam>
/// <typeparam name="THistory">Its device window, a ring buffer of the last L observations held inline (no heap).</typeparam>
/// <remarks>
/// A segment model subtracts each window's last value before the encoder, so its recurrent state cannot be carried from
/// one observation to the next: every forecast runs the window's n segments again. On a device, the
/// <typeparamref name="THistory"/> ring buffer keeps the last L observations (an allocation-free push) and the model
/// forecasts from it.
/// </remarks>
public interface ISegmentForecaster<TSelf, THistory> : IForecaster<TSelf>
    where TSelf : class, ISegmentForecaster<TSelf, THistory>
    where THistory : struct, IObservationHistory<THistory>
{
    /// <summary>The declared shape.</summary>
    static abstract SegmentModelSpec Spec { get; }

    /// <summary>Packs weights already in memory (for example fresh from the trainer).</summary>
    /// <exception cref="WeightsFormatException">The weights hold another shape than the declared one.</exception>
    static abstract TSelf FromWeights(SegmentModelWeights weights, string sourceName);

    /// <summary>
    /// Forecasts K channels, each on its own: <paramref name="windows"/> holds L steps × K channels, step-major (index
    /// step · K + channel), and <paramref name="forecasts"/> receives H steps × K in the same layout. With channel ids K
    /// must be C and column c runs with id c. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The spans are not L × K and H × K for one K ≥ 1 (K = C with channel ids).</exception>
    void ForecastChannels(ReadOnlySpan<float> windows, Span<float> forecasts);

    /// <summary>Like <see cref="ForecastChannels(ReadOnlySpan{float}, Span{float})"/> on a chosen code path, for tests and benchmarks.</summary>
    /// <exception cref="ArgumentException">The spans are not L × K and H × K for one K ≥ 1 (K = C with channel ids).</exception>
    void ForecastChannels(ReadOnlySpan<float> windows, Span<float> forecasts, VectorPath path);

    /// <summary>Forecasts from a device's history (its last L observations) into <paramref name="output"/> (O values). Allocates nothing.</summary>
    /// <exception cref="InvalidOperationException">The history holds fewer than L observations.</exception>
    /// <exception cref="ArgumentException">The output length is not O.</exception>
    void Forecast(in THistory history, Span<float> output);

    /// <summary>Like <see cref="Forecast(in THistory, Span{float})"/> on a chosen code path.</summary>
    /// <exception cref="InvalidOperationException">The history holds fewer than L observations.</exception>
    /// <exception cref="ArgumentException">The output length is not O.</exception>
    void Forecast(in THistory history, Span<float> output, VectorPath path);
}
