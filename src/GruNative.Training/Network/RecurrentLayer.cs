using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GruNative.Training.Network;

/// <summary>
/// One trainable recurrent layer over a batch of sequences: what GRU and LSTM share — the input projection of every
/// step at once, the recurrence driver, back-propagation through time, and the weight gradients summed over the
/// whole batch and sequence in single matrix products. <see cref="GruLayer{T}"/> and <see cref="LstmLayer{T}"/>
/// supply the cell equations of one step, forward and backward.
/// </summary>
/// <remarks>
/// <para>
/// Sequences are time-major, [S][B][width] (S = lookback, B = batch), so that one step of the whole batch is one
/// contiguous [B][width] block. Gate values are gate-major, [G][S·B][H]: gate g of step t for the whole batch is one
/// contiguous [B][H] block, so each element-wise operation of a step is a single vectorised call over B·H values, and
/// each gate's weight gradient is a single product over all S·B rows.
/// </para>
/// <para>
/// Caches kept by <see cref="Forward"/> for <see cref="Backward"/>: every gate's activation (written over its
/// pre-activation) and every hidden state h_0 … h_S (h_0 zero unless given); the cells add what their equations
/// need. All buffers are allocated once, for the largest batch.
/// </para>
/// </remarks>
internal abstract class RecurrentLayer<T> where T : IFloatingPointIeee754<T>
{
    private readonly ParameterTensor _weightIh, _weightHh, _biasIh, _biasHh;
    private readonly T[] _inputWeightsT;   // W_ihᵀ [in][G·H]: the projection's B operand, rows contiguous
    private readonly T[] _hiddenWeightsT;  // W_hhᵀ [H][G·H]: the recurrent product's B operand
    private readonly T[] _projectionBias;  // [G·H]: b_ih, plus b_hh wherever the cell adds W_hh h + b_hh unchanged
    private readonly T[] _gates;           // [G][S·B][H]: pre-activations, overwritten by activations step by step
    private readonly T[] _hidden;          // [S + 1][B][H]: h_0 (zero, or the given initial state), h_1 … h_S
    private bool _fromState;               // the last Forward started from a given h_0, so h_0 enters W_hh's products

    protected RecurrentLayer(ModelSpec spec, ParameterLayout layout, int layer, int steps, int maxBatch)
    {
        Hidden = spec.HiddenSize;
        InputSize = spec.LayerInputSize(layer);
        Gates = spec.GateCount;
        Steps = steps;
        _weightIh = layout.WeightIh(layer);
        _weightHh = layout.WeightHh(layer);
        _biasIh = layout.BiasIh(layer);
        _biasHh = layout.BiasHh(layer);
        int gateRows = Gates * Hidden;
        _inputWeightsT = new T[InputSize * gateRows];
        _hiddenWeightsT = new T[Hidden * gateRows];
        _projectionBias = new T[gateRows];
        _gates = new T[Gates * steps * maxBatch * Hidden];
        _hidden = new T[(steps + 1) * maxBatch * Hidden];
    }

    /// <summary>H.</summary>
    protected int Hidden { get; }

    /// <summary>in_k: values per step read by this layer.</summary>
    protected int InputSize { get; }

    /// <summary>G.</summary>
    protected int Gates { get; }

    /// <summary>S: steps per sequence.</summary>
    protected int Steps { get; }

    /// <summary>h_1 … h_S of the last <see cref="Forward"/>: [S][B][H], the next layer's input.</summary>
    public ReadOnlySpan<T> Outputs(int batch) => _hidden.AsSpan(batch * Hidden, Steps * batch * Hidden);

    /// <summary>h_S of the last <see cref="Forward"/>: [B][H], what the head reads.</summary>
    public ReadOnlySpan<T> FinalHidden(int batch) => HiddenState(Steps, batch);

    /// <summary>LSTM: c_S of the last <see cref="Forward"/> ([B][H]); empty for cells without a cell state.</summary>
    public virtual ReadOnlySpan<T> FinalCell(int batch) => default;

    /// <summary>
    /// Runs the layer over <paramref name="input"/> ([S][B][in], time-major) from a zero state, or from
    /// <paramref name="initialHidden"/> (and, LSTM, <paramref name="initialCell"/>) when given, keeping the caches
    /// <see cref="Backward"/> needs. A given state lets a decoder continue from an encoder's final state.
    /// </summary>
    public void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, int batch, ReadOnlySpan<T> initialHidden = default, ReadOnlySpan<T> initialCell = default)
    {
        PrepareWeights(parameters);

        // The input projection W_ih x + b_ih does not depend on the state, so every step of every sequence is projected
        // in one product per gate before the recurrence starts; the recurrence then only adds W_hh h.
        int rows = Steps * batch, gateRows = Gates * Hidden;
        for (int g = 0; g < Gates; g++)
        {
            MatrixKernel.Multiply(rows, Hidden, InputSize, input, InputSize, 1,
                _inputWeightsT.AsSpan(g * Hidden), gateRows, GateSequence(g, batch), Hidden, _projectionBias.AsSpan(g * Hidden, Hidden));
        }

        _fromState = !initialHidden.IsEmpty;
        if (_fromState)
            initialHidden.CopyTo(HiddenState(0, batch));
        else
            HiddenState(0, batch).Clear();
        StartCell(initialCell, batch);
        for (int t = 0; t < Steps; t++)
            ForwardStep(parameters, t, batch);
    }

    /// <summary>
    /// Back-propagates through time after <see cref="Forward"/> and ADDS this layer's parameter gradients into
    /// <paramref name="gradient"/>.
    /// </summary>
    /// <param name="parameters">The flat parameters <see cref="Forward"/> ran with.</param>
    /// <param name="input">The input sequence <see cref="Forward"/> ran over: [S][B][in].</param>
    /// <param name="outputGradient">∂loss/∂h_t for every step ([S][B][H]), or empty when only the last step has one.</param>
    /// <param name="finalGradient">∂loss/∂h_S ([B][H]), or empty.</param>
    /// <param name="batch">B.</param>
    /// <param name="gradient">The flat gradient, laid out as the parameters.</param>
    /// <param name="inputGradient">
    /// Receives ∂loss/∂input ([S][B][in]), or empty when not needed (layer 0). May be the same memory as
    /// <paramref name="outputGradient"/>: that is read in full before this is written.
    /// </param>
    /// <param name="workspace">Shared scratch.</param>
    /// <param name="finalCellGradient">LSTM: ∂loss/∂c_S ([B][H]), or empty.</param>
    /// <param name="initialHiddenGradient">Receives ∂loss/∂h_0 ([B][H]), or empty when not needed.</param>
    /// <param name="initialCellGradient">LSTM: receives ∂loss/∂c_0 ([B][H]), or empty when not needed.</param>
    public void Backward(
        ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> finalGradient,
        int batch, Span<T> gradient, Span<T> inputGradient, BackwardWorkspace<T> workspace,
        ReadOnlySpan<T> finalCellGradient = default, Span<T> initialHiddenGradient = default, Span<T> initialCellGradient = default)
    {
        int state = batch * Hidden;
        ReadOnlySpan<T> weightHh = _weightHh.Slice(parameters);
        Span<T> carry = workspace.HiddenCarry(batch);
        if (finalGradient.IsEmpty)
            carry.Clear();
        else
            finalGradient.CopyTo(carry);
        BeginBackward(batch, workspace, finalCellGradient);
        bool toInitialState = !initialHiddenGradient.IsEmpty;

        for (int t = Steps - 1; t >= 0; t--)
        {
            // ∂loss/∂h_t = what step t + 1 passed back (carry) + what the layer above or the head passed in.
            ReadOnlySpan<T> dh = carry;
            if (!outputGradient.IsEmpty)
            {
                var full = workspace.StateGradient(batch);
                TensorPrimitives.Add(carry, outputGradient.Slice(t * state, state), full);
                dh = full;
            }
            BackwardStep(t, batch, dh, carry, workspace);

            // ∂loss/∂h_{t−1} += Σ_g ∂loss/∂(W_hg h + b_hg) · W_hg. Skipped at t = 0 unless the caller wants ∂loss/∂h_0.
            if (t > 0 || toInitialState)
            {
                for (int g = 0; g < Gates; g++)
                {
                    MatrixKernel.MultiplyAdd(batch, Hidden, Hidden, HiddenProductGradients(g, batch, workspace).Slice(t * state, state), Hidden, 1,
                        weightHh.Slice(g * Hidden * Hidden), Hidden, carry, Hidden);
                }
            }
        }

        if (toInitialState)
            carry.CopyTo(initialHiddenGradient);
        if (!initialCellGradient.IsEmpty)
            workspace.CellCarry(batch).CopyTo(initialCellGradient);

        AccumulateWeightGradients(input, batch, gradient, workspace);
        if (!inputGradient.IsEmpty)
            ComputeInputGradient(parameters, batch, inputGradient, workspace);
    }

    /// <summary>Sets up cell-specific carries (from <paramref name="finalCellGradient"/> if given) before the first (last in time) backward step.</summary>
    protected virtual void BeginBackward(int batch, BackwardWorkspace<T> workspace, ReadOnlySpan<T> finalCellGradient)
    {
    }

    /// <summary>Sets the cell-specific state before step 0: <paramref name="initialCell"/>, or zero when it is empty.</summary>
    protected virtual void StartCell(ReadOnlySpan<T> initialCell, int batch)
    {
    }

    /// <summary>
    /// One step of the recurrence, t → t + 1. On entry every gate's block of step t holds W_ih x_t + the projection
    /// bias (<see cref="GateBlock"/>); the cell adds its recurrent products, applies its equations, leaves the
    /// activations in place and writes h_{t+1} (<see cref="HiddenState"/>).
    /// </summary>
    protected abstract void ForwardStep(ReadOnlySpan<T> parameters, int t, int batch);

    /// <summary>
    /// One backward step: from ∂loss/∂h_{t+1} (<paramref name="dh"/>) and the cell's own carries, writes the
    /// gradients of step t's gate pre-activations (<see cref="BackwardWorkspace{T}.GateGradients"/>) and sets
    /// <paramref name="carry"/> to the part of ∂loss/∂h_t that does not pass through W_hh (the caller adds that).
    /// <paramref name="dh"/> may be <paramref name="carry"/> itself: read it fully before writing the carry.
    /// </summary>
    protected abstract void BackwardStep(int t, int batch, ReadOnlySpan<T> dh, Span<T> carry, BackwardWorkspace<T> workspace);

    /// <summary>
    /// True when gate <paramref name="gate"/> adds W_hh h + b_hh to its pre-activation unchanged, so b_hh can be folded
    /// into the projection bias and its recurrent product accumulated straight into the gate block.
    /// </summary>
    protected abstract bool AddsHiddenProduct(int gate);

    /// <summary>
    /// ∂loss/∂(W_hg h + b_hg) for every step ([S·B][H]): the gate's pre-activation gradient where the product is added
    /// unchanged (<see cref="AddsHiddenProduct"/>), otherwise what the cell stored.
    /// </summary>
    protected virtual Span<T> HiddenProductGradients(int gate, int batch, BackwardWorkspace<T> workspace) =>
        workspace.GateGradients(gate, batch);

    /// <summary>Gate <paramref name="gate"/> of step <paramref name="t"/> for the whole batch: [B][H].</summary>
    protected Span<T> GateBlock(int gate, int t, int batch) =>
        _gates.AsSpan(((gate * Steps) + t) * batch * Hidden, batch * Hidden);

    /// <summary>h_<paramref name="t"/> for the whole batch ([B][H]); t = 0 is the zero initial state.</summary>
    protected Span<T> HiddenState(int t, int batch) => _hidden.AsSpan(t * batch * Hidden, batch * Hidden);

    /// <summary>
    /// Adds W_hh h_t (rows of gate <paramref name="gate"/>) to <paramref name="destination"/> ([B][H]), or sets it to
    /// b_hh + W_hh h_t when <paramref name="hiddenBias"/> is not empty. At t = 0 from a zero state the product vanishes
    /// and is skipped.
    /// </summary>
    protected void AddHiddenProduct(int gate, int t, int batch, Span<T> destination, ReadOnlySpan<T> hiddenBias = default)
    {
        int depth = t == 0 && !_fromState ? 0 : Hidden;
        ReadOnlySpan<T> weights = _hiddenWeightsT.AsSpan(gate * Hidden);
        if (hiddenBias.IsEmpty)
            MatrixKernel.MultiplyAdd(batch, Hidden, depth, HiddenState(t, batch), Hidden, 1, weights, Gates * Hidden, destination, Hidden);
        else
            MatrixKernel.Multiply(batch, Hidden, depth, HiddenState(t, batch), Hidden, 1, weights, Gates * Hidden, destination, Hidden, hiddenBias);
    }

    /// <summary>b_hh of gate <paramref name="gate"/>: [H].</summary>
    protected ReadOnlySpan<T> HiddenBias(ReadOnlySpan<T> parameters, int gate) =>
        _biasHh.Slice(parameters).Slice(gate * Hidden, Hidden);

    private Span<T> GateSequence(int gate, int batch) => _gates.AsSpan(gate * Steps * batch * Hidden, Steps * batch * Hidden);

    // Copies the weights into the orientation the forward products read contiguously, and folds the biases that are
    // simply added. Done once per call: O(parameters), negligible beside the O(S·B·parameters) passes.
    private void PrepareWeights(ReadOnlySpan<T> parameters)
    {
        int gateRows = Gates * Hidden;
        Transpose(_weightIh.Slice(parameters), gateRows, InputSize, _inputWeightsT);
        Transpose(_weightHh.Slice(parameters), gateRows, Hidden, _hiddenWeightsT);
        ReadOnlySpan<T> biasIh = _biasIh.Slice(parameters), biasHh = _biasHh.Slice(parameters);
        for (int g = 0; g < Gates; g++)
        {
            var block = _projectionBias.AsSpan(g * Hidden, Hidden);
            if (AddsHiddenProduct(g))
                TensorPrimitives.Add(biasIh.Slice(g * Hidden, Hidden), biasHh.Slice(g * Hidden, Hidden), block);
            else
                biasIh.Slice(g * Hidden, Hidden).CopyTo(block);
        }
    }

    private static void Transpose(ReadOnlySpan<T> source, int rows, int columns, Span<T> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
                destination[c * rows + r] = source[r * columns + c];
        }
    }

    // Weight and bias gradients as single products over all S·B rows of the batch and sequence, per gate:
    //   ∂W_ih[g] += dGᵀ · X,  ∂W_hh[g] += dG_hᵀ · H_prev,  ∂b_ih[g] += 1ᵀ · dG,  ∂b_hh[g] += 1ᵀ · dG_h.
    private void AccumulateWeightGradients(ReadOnlySpan<T> input, int batch, Span<T> gradient, BackwardWorkspace<T> workspace)
    {
        int rows = Steps * batch;
        Span<T> weightIh = _weightIh.Slice(gradient), weightHh = _weightHh.Slice(gradient);
        Span<T> biasIh = _biasIh.Slice(gradient), biasHh = _biasHh.Slice(gradient);
        ReadOnlySpan<T> ones = workspace.Ones;
        // A zero h_0 contributes nothing to ∂W_hh, so then the products start at step 1 (reading h_1 … h_{S−1}).
        int skipped = _fromState ? 0 : batch;
        ReadOnlySpan<T> previousStates = _hidden.AsSpan(skipped * Hidden, (rows - skipped) * Hidden);
        for (int g = 0; g < Gates; g++)
        {
            ReadOnlySpan<T> dGate = workspace.GateGradients(g, batch);
            ReadOnlySpan<T> dHidden = HiddenProductGradients(g, batch, workspace);
            // ∂W_ih[g] is [H][in] with in as small as 1, too narrow for vectors; its transpose Xᵀ · dG ([in][H]) is computed
            // instead, vectorised along H, and added in transposed.
            Span<T> transposed = workspace.WeightGradient(InputSize);
            MatrixKernel.Multiply(InputSize, Hidden, rows, input, 1, InputSize, dGate, Hidden, transposed, Hidden, default);
            AddTransposed(transposed, InputSize, Hidden, weightIh.Slice(g * Hidden * InputSize, Hidden * InputSize));
            // Aᵀ of a row-major [S·B][H] matrix: strides (1, H).
            MatrixKernel.MultiplyAdd(Hidden, Hidden, rows - skipped, dHidden.Slice(skipped * Hidden), 1, Hidden, previousStates, Hidden,
                weightHh.Slice(g * Hidden * Hidden), Hidden);
            MatrixKernel.MultiplyAdd(1, Hidden, rows, ones, 0, 1, dGate, Hidden, biasIh.Slice(g * Hidden), Hidden);
            MatrixKernel.MultiplyAdd(1, Hidden, rows, ones, 0, 1, dHidden, Hidden, biasHh.Slice(g * Hidden), Hidden);
        }
    }

    // destination [columns][rows] += source [rows][columns]ᵀ
    private static void AddTransposed(ReadOnlySpan<T> source, int rows, int columns, Span<T> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
                destination[c * rows + r] += source[r * columns + c];
        }
    }

    // ∂loss/∂x_t = Σ_g ∂loss/∂(gate g pre-activation) · W_ig, for every step at once: [S·B][in].
    private void ComputeInputGradient(ReadOnlySpan<T> parameters, int batch, Span<T> inputGradient, BackwardWorkspace<T> workspace)
    {
        int rows = Steps * batch;
        ReadOnlySpan<T> weightIh = _weightIh.Slice(parameters);
        for (int g = 0; g < Gates; g++)
        {
            ReadOnlySpan<T> dGate = workspace.GateGradients(g, batch);
            ReadOnlySpan<T> weights = weightIh.Slice(g * Hidden * InputSize);
            if (g == 0)
                MatrixKernel.Multiply(rows, InputSize, Hidden, dGate, Hidden, 1, weights, InputSize, inputGradient, InputSize, default);
            else
                MatrixKernel.MultiplyAdd(rows, InputSize, Hidden, dGate, Hidden, 1, weights, InputSize, inputGradient, InputSize);
        }
    }
}
