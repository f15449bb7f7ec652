using GruNative.Kernels;

namespace GruNative.TestKit;

/// <summary>
/// The API every generated model type has (README, ModelEmitter), as an interface so one generic harness can
/// drive every declared model. Each member is implemented implicitly by a generated member, except the five
/// State operations, which the declarations forward by hand because the generated State is not partial.
/// </summary>
public interface IGeneratedModel<TSelf, TState>
    where TSelf : class, IGeneratedModel<TSelf, TState>
    where TState : struct
{
    static abstract ModelSpec Spec { get; }

    static abstract int StateFloats { get; }

    static abstract TSelf FromWeights(ModelWeights weights, string sourceName);

    static abstract TSelf Load(string path);

    static abstract TSelf Load(Stream stream);

    static abstract TSelf Load(ReadOnlySpan<byte> safetensors);

    static abstract void CopyState(in TState state, Span<float> destination);

    static abstract void CopyStateFrom(ref TState state, ReadOnlySpan<float> source);

    static abstract TState StateFrom(ReadOnlySpan<float> source);

    static abstract void ResetState(ref TState state);

    Preprocessing? Preprocessing { get; }

    void Step(ReadOnlySpan<float> input, ref TState state);

    void Step(ReadOnlySpan<float> input, ref TState state, VectorPath path);

    void Predict(in TState state, Span<float> output);

    void Predict(in TState state, Span<float> output, VectorPath path);

    void Run(ReadOnlySpan<float> sequence, ref TState state);

    void Forecast(ReadOnlySpan<float> window, Span<float> output);
}

/// <summary>A model declared with <c>Weights = "…json"</c>: it also has the baked instance.</summary>
public interface IBakedModel<TSelf, TState> : IGeneratedModel<TSelf, TState>
    where TSelf : class, IBakedModel<TSelf, TState>
    where TState : struct
{
    static abstract TSelf Baked { get; }
}
