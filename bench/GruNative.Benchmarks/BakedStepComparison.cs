using BenchmarkDotNet.Attributes;
using GruNative.Benchmarks.Engines;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// One streaming step, batch 1, of a baked model (BakedStepModels.cs: weights compiled into read-only data)
/// against the same type with the same weights loaded at run time (the baseline): the same generated code, reading
/// its weights from the binary (aligned as the compiler placed them) or from the pinned heap (on a 64-byte boundary).
/// GlobalSetup checks that both give bit-identical forecasts and that they match the reference.
/// </summary>
public class BakedStepComparison<TModel, TState> : ICountsFlops
    where TModel : class, IRecurrentForecaster<TModel, TState>, IBakedForecaster<TModel>
    where TState : struct, IRecurrentState<TState>
{
    private readonly float[] _input = StepInput.For(TModel.Spec.InputSize);
    private readonly float[] _forecast = new float[TModel.Spec.OutputSize];
    private TModel _model = null!;
    private TState _state;

    public long FlopsPerInvocation => TModel.Spec.FlopsPerStep;

    /// <summary>The widest vectors here, and the 256-bit code an AVX2 device (or NativeAOT's x86-64-v3) runs.</summary>
    [Params(VectorPath.Auto, VectorPath.Vector256)]
    public VectorPath Path { get; set; }

    [GlobalSetup(Target = nameof(Loaded))]
    public void SetupLoaded() => _model = Checked(baked: false);

    [GlobalSetup(Target = nameof(Baked))]
    public void SetupBaked() => _model = Checked(baked: true);

    [Benchmark(Baseline = true, Description = "generated (loaded)")]
    public void Loaded() => StepAndPredict();

    [Benchmark(Description = "generated (baked)")]
    public void Baked() => StepAndPredict();

    private void StepAndPredict()
    {
        _model.Step(_input, ref _state, Path);
        _model.Predict(in _state, _forecast, Path);
    }

    // The baked weights file was written from the loaded rows' weights (seed 1), so the two must agree to the bit.
    private static TModel Checked(bool baked)
    {
        var weights = ModelWeights.CreateRandom(TModel.Spec, seed: 1);
        TModel loaded = TModel.FromWeights(weights, "seed 1"), bakedModel = TModel.Baked;
        TState loadedState = default, bakedState = default;
        float[] series = Workload.Series(0, EngineCheck.Steps, TModel.Spec.InputSize);
        float[] fromLoaded = new float[TModel.Spec.OutputSize], fromBaked = new float[TModel.Spec.OutputSize];
        for (int t = 0; t < EngineCheck.Steps; t++)
        {
            var input = series.AsSpan(t * TModel.Spec.InputSize, TModel.Spec.InputSize);
            loaded.Step(input, ref loadedState, VectorPath.Auto);
            loaded.Predict(in loadedState, fromLoaded, VectorPath.Auto);
            bakedModel.Step(input, ref bakedState, VectorPath.Auto);
            bakedModel.Predict(in bakedState, fromBaked, VectorPath.Auto);
            if (!fromLoaded.AsSpan().SequenceEqual(fromBaked))
                throw new InvalidOperationException($"{typeof(TModel).Name}: the baked and loaded models differ after step {t + 1}; obj/baked-weights is stale or not the seed-1 weights.");
        }
        using var engine = new GeneratedEngine<TModel, TState>(baked ? bakedModel : loaded);
        EngineCheck.AgainstReference(engine, weights, baked ? "generated (baked)" : "generated (loaded)");
        return baked ? bakedModel : loaded;
    }
}
