using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GruNative.TestKit.Torch;

/// <summary>
/// The TorchSharp twin of the PyTorch module GruNative's weights come from:
/// <code>
/// class Forecaster(nn.Module):
///     def __init__(self, I, H, L, O):
///         super().__init__()
///         self.rnn = nn.GRU(I, H, L, batch_first=True)   # or nn.LSTM
///         self.head = nn.Linear(H, O)
///     def forward(self, x):
///         out, state = self.rnn(x)
///         return out, self.head(out[:, -1]), state
/// </code>
/// Its <c>state_dict</c> therefore holds exactly rnn.weight_ih_l{k}, …, head.weight and head.bias, with
/// PyTorch's shapes, and its forward pass runs libtorch's own RNN and linear kernels.
/// </summary>
public sealed class TorchForecaster : nn.Module
{
    private readonly nn.Module _rnn;
    private readonly Linear _head;

    /// <summary>Builds the module with libtorch's default initialisation (drawn from the global RNG).</summary>
    public TorchForecaster(ModelSpec spec) : base("Forecaster")
    {
        Spec = spec;
        _rnn = spec.Cell == CellKind.Gru
            ? nn.GRU(spec.InputSize, spec.HiddenSize, spec.Layers, batchFirst: true)
            : nn.LSTM(spec.InputSize, spec.HiddenSize, spec.Layers, batchFirst: true);
        _head = nn.Linear(spec.HiddenSize, spec.OutputSize);
        // Registered by name rather than through RegisterComponents(), so the state_dict prefixes are
        // PyTorch's attribute names ("rnn", "head") whatever the C# fields are called.
        register_module("rnn", _rnn);
        register_module("head", _head);
    }

    public ModelSpec Spec { get; }

    /// <summary>
    /// Runs one sequence (row-major [T, I]) as a batch of one, from a zero state, in float32.
    /// </summary>
    /// <remarks>
    /// Deliberately NOT under <c>torch.no_grad()</c>. Without autograd, libtorch 2.10 hands nn.LSTM to oneDNN
    /// 3.7.1 as an inference primitive, which on AVX-512 CPUs runs the <c>brgemm:avx512_core</c> kernel; on the
    /// development machine (AMD EPYC, AVX-512) that kernel returns wrong states — |Δ| up to ~0.3 in h/c after a
    /// single step for H = 1, and for H = 7 or 16 over long sequences — while the same weights with autograd
    /// enabled (oneDNN's "ref" training kernel), with ONEDNN_MAX_CPU_ISA=AVX2, or computed by hand with
    /// libtorch matmuls all agree with the reference to ~1e-8. With autograd on, the result is libtorch's
    /// correct LSTM and the comparison tests GruNative, not that kernel. GRU and Linear never go through oneDNN,
    /// so for them autograd changes nothing. The outputs are detached before they are read.
    /// </remarks>
    public EngineOutputs Forward(float[] sequence)
    {
        int steps = sequence.Length / Spec.InputSize;
        using var scope = NewDisposeScope();
        // torch.tensor(float[]) keeps its copy of the values in managed memory, which is only 8-byte aligned
        // and lands at a different offset mod 64 on every run; libtorch's kernels sum in a different order
        // at different alignments, so the last bits changed from run to run (seen for GRU I=8, H=1).
        // clone() moves the input into libtorch's own storage, which is always 64-byte aligned.
        var input = tensor(sequence, new long[] { 1, steps, Spec.InputSize }).clone();

        Tensor output, finalHidden;
        Tensor? finalCell = null;
        if (_rnn is GRU gru)
            (output, finalHidden) = gru.forward(input, null);
        else
            (output, finalHidden, finalCell) = ((LSTM)_rnn).forward(input, null);
        var forecast = _head.forward(output.select(1, -1));   // out[:, -1]: the last step's top-layer h

        return new EngineOutputs(
            ToDoubles(output),
            ToDoubles(forecast),
            PerLayer(finalHidden),
            finalCell is null ? [] : PerLayer(finalCell));
    }

    /// <summary>h_n or c_n, [L, 1, H], as one array per layer.</summary>
    private double[][] PerLayer(Tensor state)
    {
        var layers = new double[Spec.Layers][];
        for (int k = 0; k < layers.Length; k++)
            layers[k] = ToDoubles(state[k]);
        return layers;
    }

    /// <summary>The values in C order, widened exactly from float32.</summary>
    private static double[] ToDoubles(Tensor tensor) =>
        Array.ConvertAll(tensor.detach().contiguous().data<float>().ToArray(), value => (double)value);
}
