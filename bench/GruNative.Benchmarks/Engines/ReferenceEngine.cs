using GruNative.Reference;

namespace GruNative.Benchmarks.Engines;

/// <summary>The scalar reference (<see cref="ReferenceModel{T}"/> in float): plain loops, one dot product per gate row.</summary>
public sealed class ReferenceEngine : ForecastEngine
{
    private readonly ReferenceModel<float> _model;
    private readonly ReferenceState<float> _state;
    private readonly ReferenceState<float> _windowState;   // Forecast's own, reset per window instead of allocated

    public ReferenceEngine(ModelWeights weights) : base(weights.Spec)
    {
        _model = new ReferenceModel<float>(weights);
        _state = _model.CreateState();
        _windowState = _model.CreateState();
    }

    public override void Reset() => _state.Reset();

    public override void Step(ReadOnlySpan<float> input, Span<float> forecast)
    {
        _model.Step(input, _state);
        _model.Predict(_state, forecast);
    }

    public override void Forecast(ReadOnlySpan<float> window, Span<float> forecast)
    {
        _windowState.Reset();
        _model.Run(window, _windowState);
        _model.Predict(_windowState, forecast);
    }

    public override bool TryCopyState(Span<float> destination)
    {
        int h = Spec.HiddenSize;
        for (int k = 0; k < Spec.Layers; k++)
        {
            _state.Hidden(k).CopyTo(destination.Slice(k * h, h));
            if (Spec.Cell == CellKind.Lstm)
                _state.Cell(k).CopyTo(destination.Slice((Spec.Layers + k) * h, h));
        }
        return true;
    }
}
