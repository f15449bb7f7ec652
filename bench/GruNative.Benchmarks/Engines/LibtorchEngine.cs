using TorchSharp;
using static TorchSharp.torch;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// libtorch's nn.GRU/nn.LSTM + nn.Linear (through TorchSharp) on one intra-op thread, in inference mode. A step runs
/// the recurrent module on a [1, 1, I] input with the state passed in and the new state kept (the old one disposed at
/// once, not left to the finaliser), then the head on the top layer's h; a window is one forward over [1, T, I] from
/// pre-built zero states. Inputs are written into pre-built tensors and the forecast read out of libtorch's storage;
/// what TorchSharp still allocates per call (a managed wrapper per tensor it returns) is what the Allocated column shows.
/// </summary>
public sealed class LibtorchEngine : ForecastEngine
{
    private readonly LibtorchRecurrence _torch;
    private readonly Tensor _step, _window, _zeroHidden, _zeroCell;   // [1, 1, I], [1, T, I], [L, 1, H] × 2
    private Tensor _hidden, _cell;                                    // the streaming state, [L, 1, H] each

    public LibtorchEngine(ModelWeights weights, int windowSteps) : base(weights.Spec)
    {
        _torch = new LibtorchRecurrence(weights);
        _step = torch.zeros(1, 1, Spec.InputSize);
        _window = torch.zeros(1, windowSteps, Spec.InputSize);
        _zeroHidden = torch.zeros(Spec.Layers, 1, Spec.HiddenSize);
        _zeroCell = torch.zeros(Spec.Layers, 1, Spec.HiddenSize);
        _hidden = torch.zeros(Spec.Layers, 1, Spec.HiddenSize);
        _cell = torch.zeros(Spec.Layers, 1, Spec.HiddenSize);
    }

    public override void Reset()
    {
        using var mode = torch.inference_mode();   // the state tensors are inference tensors once a step has run
        _hidden.zero_();
        _cell.zero_();
    }

    public override void Step(ReadOnlySpan<float> input, Span<float> forecast)
    {
        using var mode = torch.inference_mode();
        input.CopyTo(Libtorch.Floats(_step));
        _torch.Step(_step, ref _hidden, ref _cell);
        _torch.Head(_hidden, forecast);
    }

    public override void Forecast(ReadOnlySpan<float> window, Span<float> forecast)
    {
        using var mode = torch.inference_mode();
        window.CopyTo(Libtorch.Floats(_window));
        var (output, hidden, cell) = _torch.Run(_window, _zeroHidden, _zeroCell);
        output.Dispose();
        if (!ReferenceEquals(cell, _zeroCell))
            cell.Dispose();
        _torch.Head(hidden, forecast);
        hidden.Dispose();
    }

    public override bool TryCopyState(Span<float> destination)
    {
        int n = Spec.Layers * Spec.HiddenSize;
        Libtorch.Floats(_hidden).CopyTo(destination[..n]);
        if (_torch.HasCell)
            Libtorch.Floats(_cell).CopyTo(destination.Slice(n, n));
        return true;
    }

    public override void Dispose()
    {
        foreach (var tensor in new[] { _step, _window, _zeroHidden, _zeroCell, _hidden, _cell })
            tensor.Dispose();
        _torch.Dispose();
        base.Dispose();
    }
}
