using BenchmarkDotNet.Attributes;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// One streaming step, batch 1: advance every layer by one observation, then run the head — what a device does
/// per sample. Generic over the model so the JIT specialises the loop and calls the generated kernel directly.
/// </summary>
public class StepBenchmark<TKernel> : ICountsFlops where TKernel : struct, IStepKernel
{
    private TKernel _kernel = default;

    /// <summary>Auto runs the widest accelerated vectors (512-bit here); Vector256 is what an AVX2-only CPU runs.</summary>
    [Params(VectorPath.Auto, VectorPath.Vector256)]
    public VectorPath Path { get; set; }

    public long FlopsPerInvocation => default(TKernel).Spec.FlopsPerStep;

    [GlobalSetup]
    public void Setup() => _kernel.Setup(Path);

    [Benchmark(Description = "generated: Step + Predict")]
    public void StepAndPredict()
    {
        _kernel.Step();
        _kernel.Predict();
    }
}
