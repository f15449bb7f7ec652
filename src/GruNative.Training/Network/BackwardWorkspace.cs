using System;
using System.Numerics;

namespace GruNative.Training.Network;

/// <summary>
/// Scratch for back-propagation through time, shared by the layers of one <see cref="Network{T}"/>: the layers are
/// differentiated one after the other (top first), so one set of buffers, sized once for (max batch, lookback), serves all.
/// </summary>
/// <remarks>
/// Every buffer holds its values for the current batch B compactly at its start ([steps][B][H], time-major), so a
/// batch smaller than the maximum uses a prefix of each buffer.
/// </remarks>
internal sealed class BackwardWorkspace<T> where T : IFloatingPointIeee754<T>
{
    private readonly int _steps, _hidden;
    private readonly T[] _gateGradients;     // [G][S·B][H]: ∂loss/∂(gate pre-activation), which is also ∂loss/∂(W_ih x + b_ih)
    private readonly T[] _candidateHidden;   // [S·B][H], GRU only: ∂loss/∂(W_hn h + b_hn) = ∂/∂n_pre ⊙ r
    private readonly T[] _sequenceGradient;  // [S·B][H]: ∂loss/∂(a layer's output sequence), handed down from layer k to k − 1
    private readonly T[] _hiddenCarry, _cellCarry, _stateGradient, _cellGradient, _scratch1, _scratch2;  // [B][H] each
    private readonly T[] _ones;              // [S·B] of 1: column sums (bias gradients) as a matrix product
    private readonly T[] _weightGradient;    // [max(I, H)][H]: one gate's ∂W_ihᵀ before it is added in

    public BackwardWorkspace(CellKind cell, int input, int hidden, int steps, int maxBatch)
    {
        _steps = steps;
        _hidden = hidden;
        int sequence = steps * maxBatch * hidden, state = maxBatch * hidden;
        _gateGradients = new T[cell.GateCount() * sequence];
        _candidateHidden = new T[cell == CellKind.Gru ? sequence : 0];
        _sequenceGradient = new T[sequence];
        _hiddenCarry = new T[state];
        _cellCarry = new T[cell == CellKind.Lstm ? state : 0];
        _stateGradient = new T[state];
        _cellGradient = new T[cell == CellKind.Lstm ? state : 0];
        _scratch1 = new T[state];
        _scratch2 = new T[state];
        _ones = new T[steps * maxBatch];
        _ones.AsSpan().Fill(T.One);
        _weightGradient = new T[Math.Max(input, hidden) * hidden];
    }

    /// <summary>∂loss/∂(pre-activation of gate <paramref name="gate"/>) for every step: [S·B][H].</summary>
    public Span<T> GateGradients(int gate, int batch) => _gateGradients.AsSpan(gate * Sequence(batch), Sequence(batch));

    /// <summary>GRU: ∂loss/∂(W_hn h + b_hn) for every step: [S·B][H].</summary>
    public Span<T> CandidateHiddenGradients(int batch) => _candidateHidden.AsSpan(0, Sequence(batch));

    /// <summary>∂loss/∂(output sequence) of the layer being differentiated, overwritten with ∂loss/∂(its input sequence) for the layer below: [S·B][H].</summary>
    public Span<T> SequenceGradient(int batch) => _sequenceGradient.AsSpan(0, Sequence(batch));

    /// <summary>The part of ∂loss/∂h_t already known when step t + 1 has been differentiated: [B][H].</summary>
    public Span<T> HiddenCarry(int batch) => _hiddenCarry.AsSpan(0, batch * _hidden);

    /// <summary>LSTM: ∂loss/∂c_t carried from step t + 1: [B][H].</summary>
    public Span<T> CellCarry(int batch) => _cellCarry.AsSpan(0, batch * _hidden);

    /// <summary>∂loss/∂h_t in full (carry plus the gradient from above): [B][H].</summary>
    public Span<T> StateGradient(int batch) => _stateGradient.AsSpan(0, batch * _hidden);

    /// <summary>LSTM: ∂loss/∂c_t in full: [B][H].</summary>
    public Span<T> CellGradient(int batch) => _cellGradient.AsSpan(0, batch * _hidden);

    /// <summary>Temporary values of one step: [B][H].</summary>
    public Span<T> Scratch1(int batch) => _scratch1.AsSpan(0, batch * _hidden);

    /// <summary>Temporary values of one step: [B][H].</summary>
    public Span<T> Scratch2(int batch) => _scratch2.AsSpan(0, batch * _hidden);

    /// <summary>Room for one gate's input-weight gradient, transposed: [in][H].</summary>
    public Span<T> WeightGradient(int input) => _weightGradient.AsSpan(0, input * _hidden);

    /// <summary>A row of ones, at least lookback × batch long.</summary>
    public ReadOnlySpan<T> Ones => _ones;

    private int Sequence(int batch) => _steps * batch * _hidden;
}
