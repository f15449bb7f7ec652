using BenchmarkDotNet.Attributes;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// One streaming step, batch 1 — every layer advanced by one observation, then the head — of the same model and
/// weights in every engine: the generated kernel with its weights loaded (the baseline), then the
/// <see cref="EngineComparisonBenchmark"/> rows (ONNX Runtime: one Run per step, state in and out; libtorch: one forward per
/// step, state in and out). Baked weights: <see cref="BakedStepComparison{TModel, TState}"/>.
/// </summary>
public class StepComparison<TModel, TState>() : EngineComparisonBenchmark(TModel.Spec, window: false)
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private StepRunner<TModel, TState> _runner;

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => _runner = new StepRunner<TModel, TState>(VectorPath.Auto);

    [Benchmark(Baseline = true, Description = "generated (loaded)")]
    public void Generated() => _runner.StepAndPredict();
}
