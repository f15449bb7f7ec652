using BenchmarkDotNet.Attributes;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// One streaming step, batch 1 — every layer advanced by one observation, then the head — of the same model and
/// weights in every engine: the generated kernel with its weights loaded (the baseline), then the
/// <see cref="EngineComparisonBenchmark"/> rows (ONNX Runtime: one Run per step, state in and out; libtorch: one forward per
/// step, state in and out). Baked weights: <see cref="BakedStepComparison{TModel, TState}"/>.
/// </summary>
public class StepComparison<TKernel>() : EngineComparisonBenchmark(default(TKernel).Spec, window: false)
    where TKernel : struct, IStepKernel
{
    private TKernel _kernel = default;

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => _kernel.Setup(VectorPath.Auto);

    [Benchmark(Baseline = true, Description = "generated (loaded)")]
    public void Generated()
    {
        _kernel.Step();
        _kernel.Predict();
    }
}
