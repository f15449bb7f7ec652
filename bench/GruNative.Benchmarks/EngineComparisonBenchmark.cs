using BenchmarkDotNet.Attributes;
using GruNative.Benchmarks.Engines;

namespace GruNative.Benchmarks;

/// <summary>
/// The rows every comparison has beside the generated kernel: the scalar reference, a hand-written TensorPrimitives
/// step, ONNX Runtime and libtorch (<see cref="Engines"/>), each given the same model and weights, checked against the
/// reference in its GlobalSetup (<see cref="EngineCheck"/>), then asked for one streaming step or one whole window per
/// invocation. The derived benchmark adds the generated kernel's rows, the baseline of the Ratio column.
/// </summary>
public abstract class EngineComparisonBenchmark(ModelSpec spec, bool window) : ICountsFlops
{
    private readonly float[] _input = window ? Workload.Series(0, Workload.WindowSteps, spec.InputSize) : StepInput.For(spec.InputSize);
    private readonly float[] _forecast = new float[spec.OutputSize];
    private ForecastEngine? _engine;

    /// <summary>A step: 2·G·H·(in + H) per layer + 2·H·O. A window: 96 steps' recurrent FLOPs and the head's once.</summary>
    public long FlopsPerInvocation
    {
        get
        {
            long head = 2L * spec.HiddenSize * spec.OutputSize;
            return window ? Workload.WindowSteps * (spec.FlopsPerStep - head) + head : spec.FlopsPerStep;
        }
    }

    [GlobalSetup(Target = nameof(Reference))]
    public void SetupReference() => _engine = Engine.CreateChecked(EngineKind.Reference, spec);

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives() => _engine = Engine.CreateChecked(EngineKind.TensorPrimitives, spec);

    [GlobalSetup(Target = nameof(OnnxRuntime))]
    public void SetupOnnxRuntime() => _engine = Engine.CreateChecked(EngineKind.OnnxRuntime, spec);

    [GlobalSetup(Target = nameof(Libtorch))]
    public void SetupLibtorch() => _engine = Engine.CreateChecked(EngineKind.Libtorch, spec);

    [GlobalCleanup]
    public void Cleanup() => _engine?.Dispose();

    [Benchmark(Description = "reference (scalar)")]
    public void Reference() => Invoke();

    [Benchmark(Description = "TensorPrimitives")]
    public void TensorPrimitives() => Invoke();

    [Benchmark(Description = "ONNX Runtime")]
    public void OnnxRuntime() => Invoke();

    [Benchmark(Description = "libtorch")]
    public void Libtorch() => Invoke();

    private void Invoke()
    {
        if (window)
            _engine!.Forecast(_input, _forecast);
        else
            _engine!.Step(_input, _forecast);
    }
}
