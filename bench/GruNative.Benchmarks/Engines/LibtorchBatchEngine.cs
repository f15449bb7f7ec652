using TorchSharp;
using static TorchSharp.torch;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// libtorch's nn.GRU/nn.LSTM + nn.Linear over N streams, as <see cref="LibtorchEngine"/> runs one: one thread,
/// inference mode, a step is one forward over [N, 1, I] with the [L, N, H] states passed in and the new ones kept, then
/// the head on the top layer's h ([N, H] → [N, O]).
/// </summary>
public sealed class LibtorchBatchEngine : BatchEngine
{
    private readonly LibtorchRecurrence _torch;
    private readonly Tensor _step;     // [N, 1, I]
    private Tensor _hidden, _cell;     // [L, N, H] each

    public LibtorchBatchEngine(ModelWeights weights, int streams) : base(weights.Spec, streams)
    {
        _torch = new LibtorchRecurrence(weights);
        _step = torch.zeros(streams, 1, Spec.InputSize);
        _hidden = torch.zeros(Spec.Layers, streams, Spec.HiddenSize);
        _cell = torch.zeros(Spec.Layers, streams, Spec.HiddenSize);
    }

    public override void Step(ReadOnlySpan<float> inputs, Span<float> forecasts)
    {
        using var mode = torch.inference_mode();
        inputs.CopyTo(Libtorch.Floats(_step));
        _torch.Step(_step, ref _hidden, ref _cell);
        _torch.Head(_hidden, forecasts);
    }

    public override void Dispose()
    {
        foreach (var tensor in new[] { _step, _hidden, _cell })
            tensor.Dispose();
        _torch.Dispose();
        base.Dispose();
    }
}
