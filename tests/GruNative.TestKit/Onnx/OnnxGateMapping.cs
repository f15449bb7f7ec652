using System;
using System.Linq;

namespace GruNative.TestKit.Onnx;

/// <summary>
/// How PyTorch's recurrent parameters are laid out for ONNX's GRU and LSTM operators. Both stack one block
/// of H rows per gate along the first axis, but in different orders:
/// <list type="bullet">
/// <item>GRU: PyTorch r, z, n — ONNX z, r, h (ONNX's "hidden gate" h is PyTorch's new gate n).</item>
/// <item>LSTM: PyTorch i, f, g, o — ONNX i, o, f, c (ONNX's "cell gate" c is PyTorch's g).</item>
/// </list>
/// Each order is written as, for ONNX slot s, the PyTorch block that goes there. <see cref="Correct"/> is
/// the real mapping; the other members exist so a test can prove that a wrong mapping is caught.
/// </summary>
/// <param name="GruBlocks">ONNX slot z, r, h ← PyTorch block index.</param>
/// <param name="LstmBlocks">ONNX slot i, o, f, c ← PyTorch block index.</param>
/// <param name="LinearBeforeReset">
/// ONNX's <c>linear_before_reset</c>. PyTorch computes n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)): the
/// reset gate multiplies the recurrent product <em>including its bias</em>, which is ONNX's
/// <c>linear_before_reset = 1</c>. With 0, ONNX computes R_h (r ⊙ h) instead, a different model.
/// </param>
public sealed record OnnxGateMapping(int[] GruBlocks, int[] LstmBlocks, bool LinearBeforeReset)
{
    /// <summary>The mapping that makes ONNX compute what PyTorch computes.</summary>
    public static OnnxGateMapping Correct { get; } = new(
        GruBlocks: [1, 0, 2],    // z ← PyTorch z (1), r ← PyTorch r (0), h ← PyTorch n (2)
        LstmBlocks: [0, 3, 1, 2], // i ← i (0), o ← o (3), f ← f (1), c ← g (2)
        LinearBeforeReset: true);

    /// <summary>The block order for <paramref name="cell"/>.</summary>
    public int[] BlocksFor(CellKind cell) => cell == CellKind.Gru ? GruBlocks : LstmBlocks;

    /// <summary>The correct mapping with ONNX slots <paramref name="a"/> and <paramref name="b"/> of <paramref name="cell"/> exchanged: a layout mistake.</summary>
    public static OnnxGateMapping WithSwappedSlots(CellKind cell, int a, int b)
    {
        int[] blocks = Correct.BlocksFor(cell).ToArray();
        (blocks[a], blocks[b]) = (blocks[b], blocks[a]);
        return cell == CellKind.Gru ? Correct with { GruBlocks = blocks } : Correct with { LstmBlocks = blocks };
    }

    /// <summary>
    /// Reorders a tensor made of <c>order.Length</c> equal blocks stacked along its first axis (a weight
    /// [G·H, cols] or a bias [G·H]): ONNX block s is PyTorch block <c>order[s]</c>.
    /// </summary>
    public static float[] Reorder(ReadOnlySpan<float> pyTorch, int[] order)
    {
        if (pyTorch.Length % order.Length != 0)
            throw new ArgumentException($"{pyTorch.Length} values do not split into {order.Length} gate blocks.");
        int block = pyTorch.Length / order.Length;
        var onnx = new float[pyTorch.Length];
        for (int slot = 0; slot < order.Length; slot++)
            pyTorch.Slice(order[slot] * block, block).CopyTo(onnx.AsSpan(slot * block, block));
        return onnx;
    }
}
