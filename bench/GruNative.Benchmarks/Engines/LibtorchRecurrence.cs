using GruNative.TestKit.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// The libtorch forecaster module (<see cref="Libtorch.CreateModule"/>, on one intra-op thread) as its engines run it:
/// the recurrent layers forward from a state, a step that keeps the new state and disposes the old one at once (not
/// left to the finaliser), and the head on the top layer's h. Callers enter inference mode.
/// </summary>
internal sealed class LibtorchRecurrence : IDisposable
{
    private readonly TorchForecaster _module;
    private readonly GRU? _gru;
    private readonly LSTM? _lstm;
    private readonly Linear _head;
    private readonly int _layers;

    public LibtorchRecurrence(ModelWeights weights)
    {
        Libtorch.Initialize(threads: 1);
        _module = Libtorch.CreateModule(weights);
        var (rnn, head) = Libtorch.Parts(_module);
        _gru = rnn as GRU;
        _lstm = rnn as LSTM;
        _head = head;
        _layers = weights.Spec.Layers;
    }

    /// <summary>True for an LSTM, whose state has a cell tensor as well as h.</summary>
    public bool HasCell => _lstm is not null;

    /// <summary>One forward of the recurrent module; GRU has no cell state: its "cell" comes back as the one passed in, untouched.</summary>
    public (Tensor Output, Tensor Hidden, Tensor Cell) Run(Tensor input, Tensor hidden, Tensor cell)
    {
        if (_gru is not null)
        {
            var (output, newHidden) = _gru.forward(input, hidden);
            return (output, newHidden, cell);
        }
        return _lstm!.forward(input, (hidden, cell));
    }

    /// <summary>Runs <paramref name="input"/> from the state (<paramref name="hidden"/>, <paramref name="cell"/>) and replaces it with the new one.</summary>
    public void Step(Tensor input, ref Tensor hidden, ref Tensor cell)
    {
        var (output, newHidden, newCell) = Run(input, hidden, cell);
        output.Dispose();
        hidden.Dispose();
        hidden = newHidden;
        if (!ReferenceEquals(newCell, cell))
        {
            cell.Dispose();
            cell = newCell;
        }
    }

    /// <summary>forecast = head(h of the top layer of <paramref name="hidden"/>), [N, O] for N streams.</summary>
    public void Head(Tensor hidden, Span<float> forecast)
    {
        using var top = hidden[_layers - 1];   // [N, H]
        using var y = _head.forward(top);      // [N, O]
        Libtorch.Floats(y).CopyTo(forecast);
    }

    public void Dispose() => _module.Dispose();
}
