using GruNative.TestKit.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// libtorch's nn.GRU/nn.LSTM + nn.Linear over N streams, as <see cref="LibtorchEngine"/> runs one: one thread,
/// inference mode, a step is one forward over [N, 1, I] with the [L, N, H] states passed in and the new ones kept, then
/// the head on the top layer's h ([N, H] → [N, O]).
/// </summary>
public sealed class LibtorchBatchEngine : BatchEngine
{
    private readonly TorchForecaster _module;
    private readonly GRU? _gru;
    private readonly LSTM? _lstm;
    private readonly Linear _head;
    private readonly Tensor _step;     // [N, 1, I]
    private Tensor _hidden, _cell;     // [L, N, H] each

    public LibtorchBatchEngine(ModelWeights weights, int streams) : base(weights.Spec, streams)
    {
        Libtorch.Initialize(threads: 1);
        _module = Libtorch.CreateModule(weights);
        var (rnn, head) = Libtorch.Parts(_module);
        _gru = rnn as GRU;
        _lstm = rnn as LSTM;
        _head = head;
        _step = torch.zeros(streams, 1, Spec.InputSize);
        _hidden = torch.zeros(Spec.Layers, streams, Spec.HiddenSize);
        _cell = torch.zeros(Spec.Layers, streams, Spec.HiddenSize);
    }

    public override void Step(ReadOnlySpan<float> inputs, Span<float> forecasts)
    {
        using var mode = torch.inference_mode();
        inputs.CopyTo(Libtorch.Floats(_step));
        var (output, hidden, cell) = LibtorchEngine.Run(_gru, _lstm, _step, _hidden, _cell);
        output.Dispose();
        _hidden.Dispose();
        _hidden = hidden;
        if (!ReferenceEquals(cell, _cell))
        {
            _cell.Dispose();
            _cell = cell;
        }
        using var top = _hidden[Spec.Layers - 1];   // [N, H]
        using var y = _head.forward(top);           // [N, O]
        Libtorch.Floats(y).CopyTo(forecasts);
    }

    public override void Dispose()
    {
        foreach (var tensor in new[] { _step, _hidden, _cell })
            tensor.Dispose();
        _module.Dispose();
        base.Dispose();
    }
}
