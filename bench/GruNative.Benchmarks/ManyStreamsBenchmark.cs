using BenchmarkDotNet.Attributes;

namespace GruNative.Benchmarks;

/// <summary>
/// N streams through one model per observation: N single-stream Step + Predict calls (the baseline) against one Step
/// and one Predict over a span of N states, which reads each group of weights once for all N. Per-stream time is the
/// "ns/stream" column; GFLOP/s counts N steps per invocation.
/// </summary>
public class ManyStreamsBenchmark<TModel, TState> : ManyStreams<TModel, TState>
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    [Params(1, 2, 4, 8, 16, 64)]
    public int Streams { get; set; }

    [GlobalSetup]
    public void Setup() => SetUp(Streams);

    [Benchmark(Baseline = true, Description = "N × (Step + Predict)")]
    public void Singles()
    {
        int inputSize = TModel.InputSize, outputSize = TModel.OutputSize;
        for (int n = 0; n < States.Length; n++)
        {
            Model.Step(Inputs.AsSpan(n * inputSize, inputSize), ref States[n]);
            Model.Predict(in States[n], Outputs.AsSpan(n * outputSize, outputSize));
        }
    }

    [Benchmark(Description = "Step + Predict over N states")]
    public void Many() => StepAndPredictAll();
}

/// <summary>
/// N streams split over both cores: each core steps half the states over a span (Step + Predict), against the same on
/// one core. The fork and join cost a few microseconds per call, so this pays from a few dozen streams up.
/// </summary>
public class ManyStreamsTwoCoresBenchmark<TModel, TState> : ManyStreams<TModel, TState>
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    [Params(16, 64)]
    public int Streams { get; set; }

    [GlobalSetup]
    public void Setup() => SetUp(Streams);

    [Benchmark(Baseline = true, Description = "Step + Predict over N states, one core")]
    public void OneCore() => StepAndPredict(0, States.Length);

    [Benchmark(Description = "Step + Predict over N states, two cores")]
    public void TwoCores() => Parallel.Invoke(() => StepAndPredict(0, States.Length / 2), () => StepAndPredict(States.Length / 2, States.Length));
}
