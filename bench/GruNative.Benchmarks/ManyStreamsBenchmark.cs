using BenchmarkDotNet.Attributes;

namespace GruNative.Benchmarks;

/// <summary>
/// N streams through one model per observation: N single-stream Step + Predict calls (the baseline) against one Step
/// and one Predict over a span of N states, which reads each group of weights once for all N. Per-stream time is the
/// "ns/stream" column; GFLOP/s counts N steps per invocation.
/// </summary>
public class ManyStreamsBenchmark<TModel, TState> : ICountsFlops
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private TModel _model = null!;
    private TState[] _states = [];
    private float[] _inputs = [];
    private float[] _outputs = [];

    [Params(1, 2, 4, 8, 16, 64)]
    public int Streams { get; set; }

    /// <summary>FLOPs of one stream's step; <see cref="FlopsColumn"/> multiplies by <see cref="Streams"/>.</summary>
    public long FlopsPerInvocation => TModel.Spec.FlopsPerStep;

    [GlobalSetup]
    public void Setup() => (_model, _states, _inputs, _outputs) = ManyStreams.Setup<TModel, TState>(Streams);

    [Benchmark(Baseline = true, Description = "N × (Step + Predict)")]
    public void Singles()
    {
        int inputSize = TModel.InputSize, outputSize = TModel.OutputSize;
        for (int n = 0; n < _states.Length; n++)
        {
            _model.Step(_inputs.AsSpan(n * inputSize, inputSize), ref _states[n]);
            _model.Predict(in _states[n], _outputs.AsSpan(n * outputSize, outputSize));
        }
    }

    [Benchmark(Description = "Step + Predict over N states")]
    public void Many()
    {
        _model.Step(_inputs, _states);
        _model.Predict(_states, _outputs);
    }
}

/// <summary>
/// N streams split over both cores: each core steps half the states over a span (Step + Predict), against the same on
/// one core. The fork and join cost a few microseconds per call, so this pays from a few dozen streams up.
/// </summary>
public class ManyStreamsTwoCoresBenchmark<TModel, TState> : ICountsFlops
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private TModel _model = null!;
    private TState[] _states = [];
    private float[] _inputs = [];
    private float[] _outputs = [];

    [Params(16, 64)]
    public int Streams { get; set; }

    public long FlopsPerInvocation => TModel.Spec.FlopsPerStep;

    [GlobalSetup]
    public void Setup() => (_model, _states, _inputs, _outputs) = ManyStreams.Setup<TModel, TState>(Streams);

    [Benchmark(Baseline = true, Description = "Step + Predict over N states, one core")]
    public void OneCore() => Half(0, _states.Length);

    [Benchmark(Description = "Step + Predict over N states, two cores")]
    public void TwoCores() => Parallel.Invoke(() => Half(0, _states.Length / 2), () => Half(_states.Length / 2, _states.Length));

    private void Half(int first, int end)
    {
        int inputSize = TModel.InputSize, outputSize = TModel.OutputSize;
        var states = _states.AsSpan(first, end - first);
        _model.Step(_inputs.AsSpan(first * inputSize, states.Length * inputSize), states);
        _model.Predict(states, _outputs.AsSpan(first * outputSize, states.Length * outputSize));
    }
}

internal static class ManyStreams
{
    /// <summary>The benchmark model (PyTorch's default initialisation, seed 1), N states a few steps apart, N inputs, N outputs.</summary>
    public static (TModel, TState[], float[], float[]) Setup<TModel, TState>(int streams)
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState>
    {
        var model = TModel.FromWeights(ModelWeights.CreateRandom(TModel.Spec, seed: 1), "<benchmark>");
        var states = new TState[streams];
        float[] input = StepInput.For(TModel.InputSize);
        for (int n = 0; n < streams; n++)
        {
            for (int t = 0; t <= n % 4; t++)
                model.Step(input, ref states[n]);
        }
        float[] inputs = Enumerable.Range(0, streams).SelectMany(_ => input).ToArray();
        return (model, states, inputs, new float[streams * TModel.OutputSize]);
    }
}
