using BenchmarkDotNet.Attributes;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// One streaming step, batch 1: advance every layer by one observation, then run the head — what a device does
/// per sample. Generic over the model so the JIT specialises the loop and calls the generated kernel directly.
/// </summary>
[GenericTypeArguments(typeof(GruI1H8))]
[GenericTypeArguments(typeof(GruI1H16))]
[GenericTypeArguments(typeof(GruI1H32))]
[GenericTypeArguments(typeof(GruI1H64))]
[GenericTypeArguments(typeof(GruI1H128))]
[GenericTypeArguments(typeof(GruI1H256))]
[GenericTypeArguments(typeof(GruI8H8))]
[GenericTypeArguments(typeof(GruI8H16))]
[GenericTypeArguments(typeof(GruI8H32))]
[GenericTypeArguments(typeof(GruI8H64))]
[GenericTypeArguments(typeof(GruI8H128))]
[GenericTypeArguments(typeof(GruI8H256))]
[GenericTypeArguments(typeof(GruI1H64L2))]
[GenericTypeArguments(typeof(LstmI1H8))]
[GenericTypeArguments(typeof(LstmI1H16))]
[GenericTypeArguments(typeof(LstmI1H32))]
[GenericTypeArguments(typeof(LstmI1H64))]
[GenericTypeArguments(typeof(LstmI1H128))]
[GenericTypeArguments(typeof(LstmI1H256))]
[GenericTypeArguments(typeof(LstmI8H8))]
[GenericTypeArguments(typeof(LstmI8H16))]
[GenericTypeArguments(typeof(LstmI8H32))]
[GenericTypeArguments(typeof(LstmI8H64))]
[GenericTypeArguments(typeof(LstmI8H128))]
[GenericTypeArguments(typeof(LstmI8H256))]
[GenericTypeArguments(typeof(LstmI1H64L2))]
public class StepBenchmark<TKernel> where TKernel : struct, IStepKernel
{
    private TKernel _kernel = default;

    /// <summary>Auto runs the widest accelerated vectors (512-bit here); Vector256 is what an AVX2-only CPU runs.</summary>
    [Params(VectorPath.Auto, VectorPath.Vector256)]
    public VectorPath Path { get; set; }

    [GlobalSetup]
    public void Setup() => _kernel.Setup(Path);

    [Benchmark(Description = "generated: Step + Predict")]
    public void StepAndPredict()
    {
        _kernel.Step();
        _kernel.Predict();
    }
}
