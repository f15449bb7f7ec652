using GruNative.Kernels;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// A generated model behind the engine interface, so <see cref="EngineCheck"/> can hold it to the reference like any
/// other engine. Only for checking: the benchmarks call generated models directly.
/// </summary>
public sealed class GeneratedEngine<TModel, TState>(TModel model) : ForecastEngine(TModel.Spec)
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private TState _state;

    public override void Reset() => _state = default;

    public override void Step(ReadOnlySpan<float> input, Span<float> forecast)
    {
        model.Step(input, ref _state, VectorPath.Auto);
        model.Predict(in _state, forecast, VectorPath.Auto);
    }

    public override void Forecast(ReadOnlySpan<float> window, Span<float> forecast) => model.Forecast(window, forecast);

    // The generated State is only reachable through its own type; the forecasts after every step cover it.
    public override bool TryCopyState(Span<float> destination) => false;
}
