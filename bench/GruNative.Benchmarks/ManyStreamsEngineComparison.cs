using BenchmarkDotNet.Attributes;
using GruNative.Benchmarks.Engines;

namespace GruNative.Benchmarks;

/// <summary>
/// N streams, one step each per invocation, against the engines that batch: the generated Step and Predict over a
/// span of N states (the baseline) beside ONNX Runtime's batched Run (state in and out, IOBinding) and libtorch's
/// batched forward, each checked stream by stream against the reference before it is timed.
/// </summary>
public class ManyStreamsEngineComparison<TModel, TState> : ManyStreams<TModel, TState>
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private BatchEngine? _engine;

    [Params(1, 2, 4, 8, 16, 64)]
    public int Streams { get; set; }

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => SetUp(Streams);

    [GlobalSetup(Target = nameof(OnnxRuntime))]
    public void SetupOnnxRuntime() => SetupEngine(EngineKind.OnnxRuntime);

    [GlobalSetup(Target = nameof(Libtorch))]
    public void SetupLibtorch() => SetupEngine(EngineKind.Libtorch);

    [GlobalCleanup]
    public void Cleanup() => _engine?.Dispose();

    [Benchmark(Baseline = true, Description = "generated: Step + Predict over N states")]
    public void Generated() => StepAndPredictAll();

    [Benchmark(Description = "ONNX Runtime, batch N")]
    public void OnnxRuntime() => _engine!.Step(Inputs, Outputs);

    [Benchmark(Description = "libtorch, batch N")]
    public void Libtorch() => _engine!.Step(Inputs, Outputs);

    private void SetupEngine(EngineKind kind)
    {
        SetUp(Streams);
        _engine = BatchEngine.CreateChecked(kind, TModel.Spec, Streams);
    }
}
