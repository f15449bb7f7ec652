using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GruNative.Training.Network;

/// <summary>
/// PyTorch's LSTM cell, forward and backward, for a whole batch per step:
/// i, f, g, o = σ, σ, tanh, σ of (W_i· x + b_i· + W_h· h + b_h·); c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c').
/// </summary>
/// <remarks>
/// Every gate adds its recurrent product unchanged, so b_hh is folded into the projection and the products are
/// accumulated straight into the gate blocks; the pre-activation gradients then serve W_ih, W_hh and both biases.
/// Cached for backward besides the gates: c_0 = 0 … c_S and tanh(c_1) … tanh(c_S).
/// </remarks>
internal sealed class LstmLayer<T> : RecurrentLayer<T> where T : IFloatingPointIeee754<T>
{
    private const int I = 0, F = 1, G = 2, O = 3;

    private readonly T[] _cell;      // [S + 1][B][H]: c_0 = 0, c_1 … c_S
    private readonly T[] _cellTanh;  // [S][B][H]: tanh(c_{t+1})

    public LstmLayer(ModelSpec spec, ParameterLayout layout, int layer, int steps, int maxBatch)
        : base(spec, layout, layer, steps, maxBatch)
    {
        _cell = new T[(steps + 1) * maxBatch * spec.HiddenSize];
        _cellTanh = new T[steps * maxBatch * spec.HiddenSize];
    }

    protected override bool AddsHiddenProduct(int gate) => true;

    protected override void ForwardStep(ReadOnlySpan<T> parameters, int t, int batch)
    {
        Span<T> i = GateBlock(I, t, batch), f = GateBlock(F, t, batch), g = GateBlock(G, t, batch), o = GateBlock(O, t, batch);
        for (int gate = 0; gate < Gates; gate++)
            AddHiddenProduct(gate, t, batch, GateBlock(gate, t, batch));
        TensorPrimitives.Sigmoid(i, i);
        TensorPrimitives.Sigmoid(f, f);
        TensorPrimitives.Tanh(g, g);
        TensorPrimitives.Sigmoid(o, o);

        ReadOnlySpan<T> c = CellState(t, batch);
        Span<T> cNext = CellState(t + 1, batch), cTanh = CellTanh(t, batch);
        TensorPrimitives.Multiply(f, c, cNext);
        TensorPrimitives.MultiplyAdd(i, g, cNext, cNext);
        TensorPrimitives.Tanh(cNext, cTanh);
        TensorPrimitives.Multiply(o, cTanh, HiddenState(t + 1, batch));
    }

    public override ReadOnlySpan<T> FinalCell(int batch) => CellState(Steps, batch);

    protected override void StartCell(ReadOnlySpan<T> initialCell, int batch)
    {
        if (initialCell.IsEmpty)
            CellState(0, batch).Clear();
        else
            initialCell.CopyTo(CellState(0, batch));
    }

    protected override void BeginBackward(int batch, BackwardWorkspace<T> workspace, ReadOnlySpan<T> finalCellGradient)
    {
        if (finalCellGradient.IsEmpty)
            workspace.CellCarry(batch).Clear();
        else
            finalCellGradient.CopyTo(workspace.CellCarry(batch));
    }

    protected override void BackwardStep(int t, int batch, ReadOnlySpan<T> dh, Span<T> carry, BackwardWorkspace<T> workspace)
    {
        int state = batch * Hidden;
        ReadOnlySpan<T> i = GateBlock(I, t, batch), f = GateBlock(F, t, batch), g = GateBlock(G, t, batch), o = GateBlock(O, t, batch);
        ReadOnlySpan<T> c = CellState(t, batch), cTanh = CellTanh(t, batch);
        Span<T> di = workspace.GateGradients(I, batch).Slice(t * state, state);
        Span<T> df = workspace.GateGradients(F, batch).Slice(t * state, state);
        Span<T> dg = workspace.GateGradients(G, batch).Slice(t * state, state);
        Span<T> dO = workspace.GateGradients(O, batch).Slice(t * state, state);
        Span<T> dc = workspace.CellGradient(batch), cellCarry = workspace.CellCarry(batch);
        Span<T> s1 = workspace.Scratch1(batch), s2 = workspace.Scratch2(batch);
        T one = T.One;

        // ∂o_pre = dh ⊙ tanh(c') ⊙ o (1 − o)
        TensorPrimitives.Subtract(one, o, s1);
        TensorPrimitives.Multiply(s1, o, s1);
        TensorPrimitives.Multiply(dh, cTanh, s2);
        TensorPrimitives.Multiply(s2, s1, dO);

        // ∂c' = carried ∂c' + dh ⊙ o ⊙ (1 − tanh²(c'))
        TensorPrimitives.Multiply(cTanh, cTanh, s1);
        TensorPrimitives.Subtract(one, s1, s1);
        TensorPrimitives.Multiply(dh, o, s2);
        TensorPrimitives.MultiplyAdd(s2, s1, cellCarry, dc);

        // ∂i_pre = ∂c' ⊙ g ⊙ i (1 − i)
        TensorPrimitives.Subtract(one, i, s1);
        TensorPrimitives.Multiply(s1, i, s1);
        TensorPrimitives.Multiply(dc, g, s2);
        TensorPrimitives.Multiply(s2, s1, di);

        // ∂f_pre = ∂c' ⊙ c ⊙ f (1 − f)
        TensorPrimitives.Subtract(one, f, s1);
        TensorPrimitives.Multiply(s1, f, s1);
        TensorPrimitives.Multiply(dc, c, s2);
        TensorPrimitives.Multiply(s2, s1, df);

        // ∂g_pre = ∂c' ⊙ i ⊙ (1 − g²)
        TensorPrimitives.Multiply(g, g, s1);
        TensorPrimitives.Subtract(one, s1, s1);
        TensorPrimitives.Multiply(dc, i, s2);
        TensorPrimitives.Multiply(s2, s1, dg);

        // ∂c = ∂c' ⊙ f. h reaches h' only through the gates (W_hh, added by the caller), so the direct carry is zero;
        // dh is not read after this point, so clearing the carry it may alias is safe.
        TensorPrimitives.Multiply(dc, f, cellCarry);
        carry.Clear();
    }

    private Span<T> CellState(int t, int batch) => _cell.AsSpan(t * batch * Hidden, batch * Hidden);

    private Span<T> CellTanh(int t, int batch) => _cellTanh.AsSpan(t * batch * Hidden, batch * Hidden);
}
