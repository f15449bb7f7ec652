using BenchmarkDotNet.Attributes;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// One streaming step, batch 1: advance every layer by one observation, then run the head — what a device does
/// per sample. Generic over the runtime contract, so one class measures every model of StepModels.cs.
/// </summary>
public class StepBenchmark<TModel, TState> : ICountsFlops
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private StepRunner<TModel, TState> _runner;

    /// <summary>Auto runs the widest accelerated vectors (512-bit here); Vector256 is what an AVX2-only CPU runs.</summary>
    [Params(VectorPath.Auto, VectorPath.Vector256)]
    public VectorPath Path { get; set; }

    public long FlopsPerInvocation => TModel.Spec.FlopsPerStep;

    [GlobalSetup]
    public void Setup() => _runner = new StepRunner<TModel, TState>(Path);

    [Benchmark(Description = "generated: Step + Predict")]
    public void StepAndPredict() => _runner.StepAndPredict();
}
