using BenchmarkDotNet.Attributes;
using GruNative.Benchmarks.Engines;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// A whole window: zero state → 96 steps of lookback → a 24-step horizon from the head (<see cref="Workload"/>), in every
/// engine. The generated kernel runs it as <c>Forecast(window)</c> (the baseline) and, to show the per-step call costs
/// nothing more, as 96 calls of <c>Step</c> and one of <c>Predict</c>; then the <see cref="EngineComparisonBenchmark"/> rows:
/// ONNX Runtime as one Run over the whole sequence (seq_length 96: one GRU/LSTM operator call per layer, free to batch
/// the input projection across time) and libtorch as one forward over [1, 96, I].
/// </summary>
public class WindowComparison<TModel, TState>() : EngineComparisonBenchmark(TModel.Spec, window: true)
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private readonly float[] _window = Workload.Series(0, Workload.WindowSteps, TModel.Spec.InputSize);
    private readonly float[] _forecast = new float[TModel.Spec.OutputSize];
    private readonly int _inputs = TModel.Spec.InputSize;
    private TModel _model = null!;
    private TState _state;

    [GlobalSetup(Targets = [nameof(Generated), nameof(GeneratedSteps)])]
    public void SetupGenerated()
    {
        var weights = ModelWeights.CreateRandom(TModel.Spec, seed: 1);
        _model = TModel.FromWeights(weights, "seed 1");
        using var engine = new GeneratedEngine<TModel, TState>(_model);
        EngineCheck.AgainstReference(engine, weights, "generated");
    }

    [Benchmark(Baseline = true, Description = "generated Forecast(window)")]
    public void Generated() => _model.Forecast(_window, _forecast);

    [Benchmark(Description = "generated 96 × Step + Predict")]
    public void GeneratedSteps()
    {
        _state = default;
        for (int t = 0; t < _window.Length; t += _inputs)
            _model.Step(_window.AsSpan(t, _inputs), ref _state, VectorPath.Auto);
        _model.Predict(in _state, _forecast, VectorPath.Auto);
    }
}
