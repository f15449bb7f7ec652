using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GruNative.Training.Network;

/// <summary>
/// PyTorch's GRU cell, forward and backward, for a whole batch per step:
/// r = σ(W_ir x + b_ir + W_hr h + b_hr); z = σ(W_iz x + b_iz + W_hz h + b_hz);
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
/// <remarks>
/// r and z add their recurrent products unchanged, so b_hr and b_hz are folded into the projection and W_hr h, W_hz h
/// are accumulated straight into the gate blocks. n's recurrent term is multiplied by r, so it is computed apart and
/// cached (<c>_candidateHidden</c>): backward needs it for ∂r, and its gradient (∂n_pre ⊙ r) differs from n's own.
/// </remarks>
internal sealed class GruLayer<T> : RecurrentLayer<T> where T : IFloatingPointIeee754<T>
{
    private const int R = 0, Z = 1, N = 2;

    private readonly T[] _candidateHidden;  // [S][B][H]: W_hn h_t + b_hn

    public GruLayer(ModelSpec spec, ParameterLayout layout, int layer, int steps, int maxBatch)
        : base(spec, layout, layer, steps, maxBatch)
    {
        _candidateHidden = new T[steps * maxBatch * spec.HiddenSize];
    }

    protected override bool AddsHiddenProduct(int gate) => gate != N;

    protected override void ForwardStep(ReadOnlySpan<T> parameters, int t, int batch)
    {
        Span<T> r = GateBlock(R, t, batch), z = GateBlock(Z, t, batch), n = GateBlock(N, t, batch);
        Span<T> hn = CandidateHidden(t, batch);
        AddHiddenProduct(R, t, batch, r);
        AddHiddenProduct(Z, t, batch, z);
        AddHiddenProduct(N, t, batch, hn, HiddenBias(parameters, N));

        TensorPrimitives.Sigmoid(r, r);
        TensorPrimitives.Sigmoid(z, z);
        TensorPrimitives.MultiplyAdd(r, hn, n, n);  // n_pre = (W_in x + b_in) + r ⊙ (W_hn h + b_hn)
        TensorPrimitives.Tanh(n, n);

        // h' = n + z ⊙ (h − n): the same as (1 − z) ⊙ n + z ⊙ h, one operation shorter.
        ReadOnlySpan<T> h = HiddenState(t, batch);
        Span<T> hNext = HiddenState(t + 1, batch);
        TensorPrimitives.Subtract(h, n, hNext);
        TensorPrimitives.MultiplyAdd(z, hNext, n, hNext);
    }

    protected override void BackwardStep(int t, int batch, ReadOnlySpan<T> dh, Span<T> carry, BackwardWorkspace<T> workspace)
    {
        int state = batch * Hidden;
        ReadOnlySpan<T> r = GateBlock(R, t, batch), z = GateBlock(Z, t, batch), n = GateBlock(N, t, batch);
        ReadOnlySpan<T> h = HiddenState(t, batch), hn = CandidateHidden(t, batch);
        Span<T> dr = workspace.GateGradients(R, batch).Slice(t * state, state);
        Span<T> dz = workspace.GateGradients(Z, batch).Slice(t * state, state);
        Span<T> dn = workspace.GateGradients(N, batch).Slice(t * state, state);
        Span<T> dhn = workspace.CandidateHiddenGradients(batch).Slice(t * state, state);
        Span<T> s1 = workspace.Scratch1(batch), s2 = workspace.Scratch2(batch);
        T one = T.One;

        // ∂n_pre = dh ⊙ (1 − z) ⊙ (1 − n²)
        TensorPrimitives.Subtract(one, z, s1);          // s1 = 1 − z
        TensorPrimitives.Multiply(dh, s1, dn);
        TensorPrimitives.Multiply(n, n, s2);
        TensorPrimitives.Subtract(one, s2, s2);
        TensorPrimitives.Multiply(dn, s2, dn);

        // ∂z_pre = dh ⊙ (h − n) ⊙ z (1 − z)
        TensorPrimitives.Subtract(h, n, s2);
        TensorPrimitives.Multiply(s2, dh, s2);
        TensorPrimitives.Multiply(s1, z, s1);           // s1 = z (1 − z)
        TensorPrimitives.Multiply(s2, s1, dz);

        // ∂(W_hn h + b_hn) = ∂n_pre ⊙ r;  ∂r_pre = ∂n_pre ⊙ (W_hn h + b_hn) ⊙ r (1 − r)
        TensorPrimitives.Multiply(dn, r, dhn);
        TensorPrimitives.Multiply(dn, hn, s2);
        TensorPrimitives.Subtract(one, r, s1);
        TensorPrimitives.Multiply(s1, r, s1);
        TensorPrimitives.Multiply(s2, s1, dr);

        // The direct path h → h' = … + z ⊙ h; dh is read for the last time here, so the carry may overwrite it.
        TensorPrimitives.Multiply(dh, z, carry);
    }

    protected override Span<T> HiddenProductGradients(int gate, int batch, BackwardWorkspace<T> workspace) =>
        gate == N ? workspace.CandidateHiddenGradients(batch) : workspace.GateGradients(gate, batch);

    private Span<T> CandidateHidden(int t, int batch) => _candidateHidden.AsSpan(t * batch * Hidden, batch * Hidden);
}
