using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// The members of a generated model type the comparison benchmarks call, as an interface, so one generic benchmark
/// drives every declared model. A declaration opts in by naming the interface; each member is implemented by the
/// generated code itself, so a generated member with another signature fails the build.
/// </summary>
public interface IGeneratedForecaster<TSelf, TState>
    where TSelf : class, IGeneratedForecaster<TSelf, TState>
    where TState : struct
{
    static abstract ModelSpec Spec { get; }

    static abstract TSelf FromWeights(ModelWeights weights, string sourceName);

    void Step(ReadOnlySpan<float> input, ref TState state, VectorPath path);

    void Predict(in TState state, Span<float> output, VectorPath path);

    void Forecast(ReadOnlySpan<float> window, Span<float> output);
}

/// <summary>A model declared with <c>Weights = "…json"</c>: it also has the baked instance.</summary>
public interface IBakedForecaster<TSelf, TState> : IGeneratedForecaster<TSelf, TState>
    where TSelf : class, IBakedForecaster<TSelf, TState>
    where TState : struct
{
    static abstract TSelf Baked { get; }
}
