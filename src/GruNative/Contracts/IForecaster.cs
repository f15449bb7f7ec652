using System;
using System.IO;
using GruNative.Kernels;

namespace GruNative;

/// <summary>
/// What every generated forecaster is, whatever its family: a model type with its weights that turns a window of
/// observations into a forecast. The source generator implements it on every <c>[GruModel]</c>/<c>[LstmModel]</c>
/// type, so a host, a benchmark or a test is written once for any model:
/// <code>
/// static void ForecastAll&lt;TModel&gt;(TModel model, ReadOnlySpan&lt;float&gt; window, Span&lt;float&gt; forecast)
///     where TModel : class, IForecaster&lt;TModel&gt; => model.Forecast(window, forecast);
/// </code>
/// </summary>
/// <typeparam name="TSelf">The generated model type.</typeparam>
/// <remarks>
/// Sizes are static, because a generated type is compiled for one shape: <see cref="InputSize"/> values per time step
/// in, <see cref="OutputSize"/> values out. Every instance member allocates nothing, takes no lock and touches no
/// static mutable state, so many models and threads can run at once.
/// </remarks>
public interface IForecaster<TSelf> where TSelf : class, IForecaster<TSelf>
{
    /// <summary>I: values per time step of a window.</summary>
    static abstract int InputSize { get; }

    /// <summary>O: values of a forecast.</summary>
    static abstract int OutputSize { get; }

    /// <summary>The code path <see cref="VectorPath.Auto"/> runs on this machine: the widest accelerated vectors.</summary>
    static abstract VectorPath ActivePath { get; }

    /// <summary>Loads weights from a safetensors file and packs them for this model's kernel.</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid model, or holds another model than this type's.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    static abstract TSelf Load(string path);

    /// <summary>Loads weights from a safetensors stream, read to its end.</summary>
    /// <exception cref="WeightsFormatException">The content is not a valid model, or holds another model than this type's.</exception>
    static abstract TSelf Load(Stream stream);

    /// <summary>Loads weights from safetensors bytes.</summary>
    /// <exception cref="WeightsFormatException">The bytes are not a valid model, or hold another model than this type's.</exception>
    static abstract TSelf Load(ReadOnlySpan<byte> safetensors);

    /// <summary>How raw observations map to inputs and outputs to forecasts, if the weights carry it.</summary>
    Preprocessing? Preprocessing { get; }

    /// <summary>
    /// The forecast from a window of <see cref="InputSize"/>-value steps (row-major [T, I], T ≥ 1) into
    /// <paramref name="output"/> (<see cref="OutputSize"/> values). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The window is empty or not a whole number of steps, or the output length is wrong.</exception>
    void Forecast(ReadOnlySpan<float> window, Span<float> output);

    /// <summary>Like <see cref="Forecast(ReadOnlySpan{float}, Span{float})"/> on a chosen code path, for tests and benchmarks.</summary>
    /// <exception cref="ArgumentException">The window is empty or not a whole number of steps, or the output length is wrong.</exception>
    void Forecast(ReadOnlySpan<float> window, Span<float> output, VectorPath path);
}
