using System;
using System.Numerics;

namespace GruNative.Reference;

/// <summary>
/// The cell equations of PyTorch's <c>nn.GRU</c>, <c>nn.LSTM</c> and <c>nn.Linear</c>, written for clarity:
/// one hidden unit at a time, one dot product per gate, in the order of the documentation. This is the
/// oracle every fast kernel is tested against; it is not meant to be fast.
/// </summary>
/// <remarks>
/// Matrices are row-major with PyTorch's shapes: <c>W_ih</c> [G·H, in], <c>W_hh</c> [G·H, H], biases [G·H];
/// gate g of unit j is row g·H + j.
/// </remarks>
public static class ReferenceCells
{
    /// <summary>σ(x) = 1 / (1 + e^(−x)).</summary>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <summary>Σ_k row[k] · vector[k], summed in index order.</summary>
    public static T Dot<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> vector) where T : IFloatingPointIeee754<T>
    {
        if (row.Length != vector.Length)
            throw new ArgumentException($"Row length {row.Length} differs from vector length {vector.Length}.");
        T sum = T.Zero;
        for (int k = 0; k < row.Length; k++)
            sum += row[k] * vector[k];
        return sum;
    }

    /// <summary>
    /// One GRU step:
    /// r = σ(W_ir x + b_ir + W_hr h + b_hr);
    /// z = σ(W_iz x + b_iz + W_hz h + b_hz);
    /// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));
    /// h' = (1 − z) ⊙ n + z ⊙ h.
    /// </summary>
    /// <param name="layer">The layer's parameters.</param>
    /// <param name="x">Input, length in.</param>
    /// <param name="h">Hidden state before the step, length H.</param>
    /// <param name="hNext">Hidden state after the step, length H; must not overlap <paramref name="h"/>.</param>
    public static void GruStep<T>(LayerParameters<T> layer, ReadOnlySpan<T> x, ReadOnlySpan<T> h, Span<T> hNext)
        where T : IFloatingPointIeee754<T>
    {
        int hidden = layer.HiddenSize;
        for (int j = 0; j < hidden; j++)
        {
            int rRow = j, zRow = hidden + j, nRow = 2 * hidden + j;
            T r = Sigmoid(PreActivation(layer, rRow, x, h));
            T z = Sigmoid(PreActivation(layer, zRow, x, h));
            T n = T.Tanh(layer.BiasIh[nRow] + Dot(layer.RowIh(nRow), x) + r * (layer.BiasHh[nRow] + Dot(layer.RowHh(nRow), h)));
            hNext[j] = (T.One - z) * n + z * h[j];
        }
    }

    /// <summary>
    /// One LSTM step:
    /// i, f, g, o = σ, σ, tanh, σ of (W_i· x + b_i· + W_h· h + b_h·);
    /// c' = f ⊙ c + i ⊙ g;
    /// h' = o ⊙ tanh(c').
    /// </summary>
    /// <param name="layer">The layer's parameters.</param>
    /// <param name="x">Input, length in.</param>
    /// <param name="h">Hidden state before the step, length H.</param>
    /// <param name="c">Cell state before the step, length H.</param>
    /// <param name="hNext">Hidden state after the step; must not overlap the inputs.</param>
    /// <param name="cNext">Cell state after the step; must not overlap the inputs.</param>
    public static void LstmStep<T>(LayerParameters<T> layer, ReadOnlySpan<T> x, ReadOnlySpan<T> h, ReadOnlySpan<T> c, Span<T> hNext, Span<T> cNext)
        where T : IFloatingPointIeee754<T>
    {
        int hidden = layer.HiddenSize;
        for (int j = 0; j < hidden; j++)
        {
            T i = Sigmoid(PreActivation(layer, j, x, h));
            T f = Sigmoid(PreActivation(layer, hidden + j, x, h));
            T g = T.Tanh(PreActivation(layer, 2 * hidden + j, x, h));
            T o = Sigmoid(PreActivation(layer, 3 * hidden + j, x, h));
            cNext[j] = f * c[j] + i * g;
            hNext[j] = o * T.Tanh(cNext[j]);
        }
    }

    /// <summary>b_ih[row] + W_ih[row] · x + b_hh[row] + W_hh[row] · h: a gate's input before its activation.</summary>
    private static T PreActivation<T>(LayerParameters<T> layer, int row, ReadOnlySpan<T> x, ReadOnlySpan<T> h)
        where T : IFloatingPointIeee754<T> =>
        layer.BiasIh[row] + Dot(layer.RowIh(row), x) + layer.BiasHh[row] + Dot(layer.RowHh(row), h);

    /// <summary>y = W x + b, with W [O, H] row-major (PyTorch's <c>nn.Linear</c>).</summary>
    public static void Dense<T>(ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int outputs = bias.Length, inputs = x.Length;
        if (weight.Length != outputs * inputs || y.Length != outputs)
            throw new ArgumentException($"Dense: weight has {weight.Length} values for [{outputs}, {inputs}], output has {y.Length}.");
        for (int o = 0; o < outputs; o++)
            y[o] = bias[o] + Dot(weight.Slice(o * inputs, inputs), x);
    }
}
