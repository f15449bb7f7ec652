using BenchmarkDotNet.Attributes;
using GruNative.Kernels;
using GruNative.Reference;

namespace GruNative.Benchmarks;

/// <summary>
/// One forecast of every channel of a segment model (SegRNN) from a 336-step window: the generated kernel on each vector
/// path and from the device's <c>History</c>, against the runtime's plain reference forward pass in float (the
/// baseline), which allocates its working vectors per call. Every method computes the same forecast, so the FLOP
/// columns apply to all; per channel, divide by C.
/// </summary>
public class SegmentForecastBenchmark<TModel, THistory> : ICountsFlops
    where TModel : class, ISegmentForecaster<TModel, THistory>
    where THistory : struct, IObservationHistory<THistory>
{
    private readonly float[] _windows = Workload.Series(0, TModel.Spec.Lookback, TModel.InputSize);
    private readonly float[] _forecast = new float[TModel.OutputSize];
    private TModel _model = null!;
    private SegmentReferenceModel<float> _reference = null!;
    private THistory _history;

    /// <inheritdoc />
    public long FlopsPerInvocation => TModel.Spec.FlopsPerForecast * TModel.InputSize;

    [GlobalSetup]
    public void Setup()
    {
        var weights = SegmentWeightsCatalog.Random(TModel.Spec, seed: 1);
        _model = TModel.FromWeights(weights, "seed 1");
        _reference = new SegmentReferenceModel<float>(weights);
        _history = default;
        for (int t = 0; t < TModel.Spec.Lookback; t++)
            _history.Push(_windows.AsSpan(t * TModel.InputSize, TModel.InputSize));

        // The kernel must agree with the float64 oracle before it is timed.
        var oracle = SegmentWeightsCatalog.Oracle(weights);
        _model.ForecastChannels(_windows, _forecast);
        int channels = TModel.InputSize;
        for (int c = 0; c < channels; c++)
        {
            var window = Enumerable.Range(0, TModel.Spec.Lookback).Select(t => (double)_windows[t * channels + c]).ToArray();
            var expected = oracle.Forecast(window, TModel.Spec.UsesChannelIds ? c : null);
            for (int t = 0; t < expected.Length; t++)
            {
                if (Math.Abs(expected[t] - _forecast[t * channels + c]) > 1e-5)
                    throw new InvalidOperationException($"{TModel.Spec}: channel {c} step {t} differs from the oracle: {_forecast[t * channels + c]} vs {expected[t]}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "reference (float)")]
    public void Reference() => _reference.ForecastChannels(_windows, _forecast);

    [Benchmark(Description = "generated ForecastChannels")]
    public void Generated() => _model.ForecastChannels(_windows, _forecast);

    [Benchmark(Description = "generated, Vector256")]
    public void Generated256() => _model.ForecastChannels(_windows, _forecast, VectorPath.Vector256);

    [Benchmark(Description = "generated, Vector128")]
    public void Generated128() => _model.ForecastChannels(_windows, _forecast, VectorPath.Vector128);

    [Benchmark(Description = "generated Forecast(in History)")]
    public void FromHistory() => _model.Forecast(in _history, _forecast);
}

/// <summary>One observation into the device's History ring buffer (C values): what a segment model costs per observation.</summary>
public class SegmentHistoryPushBenchmark<TModel, THistory>
    where TModel : class, ISegmentForecaster<TModel, THistory>
    where THistory : struct, IObservationHistory<THistory>
{
    private readonly float[] _observation = Workload.Series(0, 1, TModel.InputSize);
    private THistory _history = default;   // pushes wrap around the ring; a full history costs the same

    [Benchmark(Description = "History.Push")]
    public void Push() => _history.Push(_observation);
}
