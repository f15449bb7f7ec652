using System;
using System.Diagnostics.CodeAnalysis;
using GruNative.Kernels;

namespace GruNative;

/// <summary>
/// A generated stacked GRU or LSTM forecaster (<see cref="ModelSpec"/>): besides whole windows, it streams — one
/// <see cref="Step(ReadOnlySpan{float}, ref TState)"/> per observation into a caller-held <typeparamref name="TState"/>,
/// and a <see cref="Predict(in TState, Span{float})"/> from the state whenever a forecast is wanted.
/// </summary>
/// <typeparam name="TSelf">The generated model type.</typeparam>
/// <typeparam name="TState">Its recurrent state, a struct held inline (no heap).</typeparam>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Step is the model's own verb (one time step); VB's Step keyword does not stop VB from calling it.")]
public interface IRecurrentForecaster<TSelf, TState> : IForecaster<TSelf>
    where TSelf : class, IRecurrentForecaster<TSelf, TState>
    where TState : struct, IRecurrentState<TState>
{
    /// <summary>The declared shape.</summary>
    static abstract ModelSpec Spec { get; }

    /// <summary>Packs weights already in memory (for example fresh from the trainer).</summary>
    /// <exception cref="WeightsFormatException">The weights hold another shape than the declared one.</exception>
    static abstract TSelf FromWeights(ModelWeights weights, string sourceName);

    /// <summary>Advances every layer by one time step; <paramref name="input"/> holds I values. Allocates nothing.</summary>
    /// <exception cref="ArgumentException">The input length is not I.</exception>
    void Step(ReadOnlySpan<float> input, ref TState state);

    /// <summary>Like <see cref="Step(ReadOnlySpan{float}, ref TState)"/> on a chosen code path.</summary>
    /// <exception cref="ArgumentException">The input length is not I.</exception>
    void Step(ReadOnlySpan<float> input, ref TState state, VectorPath path);

    /// <summary>Runs the dense head on the top layer's h into <paramref name="output"/> (O values). Allocates nothing.</summary>
    /// <exception cref="ArgumentException">The output length is not O.</exception>
    void Predict(in TState state, Span<float> output);

    /// <summary>Like <see cref="Predict(in TState, Span{float})"/> on a chosen code path.</summary>
    /// <exception cref="ArgumentException">The output length is not O.</exception>
    void Predict(in TState state, Span<float> output, VectorPath path);

    /// <summary>
    /// Advances N streams by one step each: <paramref name="inputs"/> holds N rows of I values, row n for
    /// <paramref name="states"/>[n]. Equal to N single steps bit for bit, with each group of weights read once per call.
    /// Allocates nothing; calls on disjoint spans of states may run on several threads at once.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs do not hold I values per state.</exception>
    void Step(ReadOnlySpan<float> inputs, Span<TState> states);

    /// <summary>Like <see cref="Step(ReadOnlySpan{float}, Span{TState})"/> on a chosen code path.</summary>
    /// <exception cref="ArgumentException">The inputs do not hold I values per state.</exception>
    void Step(ReadOnlySpan<float> inputs, Span<TState> states, VectorPath path);

    /// <summary>Runs the head on N states: <paramref name="outputs"/> receives N rows of O values, row n from <paramref name="states"/>[n]. Allocates nothing.</summary>
    /// <exception cref="ArgumentException">The outputs do not hold O values per state.</exception>
    void Predict(ReadOnlySpan<TState> states, Span<float> outputs);

    /// <summary>Like <see cref="Predict(ReadOnlySpan{TState}, Span{float})"/> on a chosen code path.</summary>
    /// <exception cref="ArgumentException">The outputs do not hold O values per state.</exception>
    void Predict(ReadOnlySpan<TState> states, Span<float> outputs, VectorPath path);

    /// <summary>
    /// Forecasts N windows of one length at once: <paramref name="windows"/> holds them one after the other ([N, T, I]
    /// row-major, T ≥ 1), <paramref name="outputs"/> receives N forecasts of O values (N = its length / O). Equal to N
    /// calls of Forecast, bit for bit. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The outputs are empty or not whole forecasts, or the windows are not N windows of whole steps.</exception>
    void ForecastMany(ReadOnlySpan<float> windows, Span<float> outputs);

    /// <summary>Like <see cref="ForecastMany(ReadOnlySpan{float}, Span{float})"/> on a chosen code path.</summary>
    /// <exception cref="ArgumentException">The outputs are empty or not whole forecasts, or the windows are not N windows of whole steps.</exception>
    void ForecastMany(ReadOnlySpan<float> windows, Span<float> outputs, VectorPath path);

    /// <summary>Runs a sequence (row-major [T, I]) from <paramref name="state"/>, one step per row.</summary>
    /// <exception cref="ArgumentException">The sequence is not a whole number of steps.</exception>
    void Run(ReadOnlySpan<float> sequence, ref TState state);
}
