using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GruNative.Training.Network;

/// <summary>
/// A trainable forecaster — L stacked GRU or LSTM layers and a dense head, with exactly PyTorch's semantics (see
/// <see cref="ModelSpec"/>) — run forward and differentiated (back-propagation through time) over a batch of windows.
/// Parameters and gradients are flat vectors laid out by <see cref="Layout"/>.
/// </summary>
/// <typeparam name="T">float for training; double for gradient checks.</typeparam>
/// <remarks>
/// <para>
/// Every buffer — caches for back-propagation included — is allocated by the constructor for (<see cref="MaxBatch"/>,
/// <see cref="Lookback"/>); <see cref="Forward(ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> and
/// <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> allocate nothing.
/// The work is batched as matrix products over the batch and the time steps (see <see cref="RecurrentLayer{T}"/>).
/// </para>
/// <para>
/// Single-threaded and not thread-safe: to train on several cores, give each thread its own network and a shard of
/// the batch, and add the gradients. Deterministic: the same parameters and inputs give bit-identical outputs, loss and
/// gradients on the same machine (no reduction depends on timing, threads or memory alignment).
/// </para>
/// <para>
/// Dropout between layers (<see cref="Dropout"/>, PyTorch's <c>dropout=p</c> of <c>nn.GRU</c>/<c>nn.LSTM</c>) applies
/// only in <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T}, ReadOnlySpan{ulong})"/>,
/// with masks drawn from one key per window, so a window's masks do not depend on the batch or shard it is in.
/// <see cref="Forward(ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> never drops anything.
/// </para>
/// </remarks>
public sealed class Network<T> where T : IFloatingPointIeee754<T>
{
    private readonly RecurrentLayer<T>[] _layers;
    private readonly BackwardWorkspace<T> _workspace;
    private readonly T[] _inputs;          // [S][B][I]: the windows, time-major
    private readonly T[] _headWeightT;     // [H][O]: head.weightᵀ, the head's B operand
    private readonly T[] _outputs;         // [B][O]: the head's outputs in ForwardBackward
    private readonly T[] _outputGradient;  // [B][O]: ∂loss/∂outputs (2 (y − target) for the squared error)
    private readonly T[] _finalGradient;   // [B][H]: ∂loss/∂h_S of the top layer
    private readonly T[][] _masks;         // per layer k ≥ 1 when dropout applies, else empty: [S][B][H], 0 or 1/(1 − p)
    private readonly T[][] _dropped;       // per layer k ≥ 1 likewise: [S][B][H], layer k − 1's outputs ⊙ mask, layer k's input
    private readonly T _keepScale;         // 1/(1 − p) rounded to T
    private readonly T _lossParameter;     // δ of the Huber loss, τ of the pinball loss
    private int _lastBatch;
    private bool _masked;                  // the last pass dropped out: layers k ≥ 1 read _dropped, not the outputs below

    /// <summary>Creates a network for <paramref name="spec"/> and allocates everything a batch of up to <paramref name="maxBatch"/> windows of <paramref name="lookback"/> steps needs.</summary>
    /// <param name="spec">The model's shape.</param>
    /// <param name="lookback">T: time steps per window.</param>
    /// <param name="maxBatch">The largest batch a call will pass.</param>
    /// <param name="dropout">
    /// p of dropout between stacked layers (see <see cref="Dropout"/>), in [0, 1); 0 (the default) allocates nothing for it.
    /// </param>
    /// <param name="loss">The loss training passes sum (default the squared error).</param>
    /// <param name="huberDelta">δ of <see cref="ForecastLoss.Huber"/>; positive.</param>
    /// <param name="quantile">τ of <see cref="ForecastLoss.Pinball"/>, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lookback"/> or <paramref name="maxBatch"/> is below 1, <paramref name="dropout"/> is outside [0, 1),
    /// or a loss parameter is out of range.
    /// </exception>
    /// <exception cref="ArgumentException">The buffers for this size would exceed the largest array .NET can allocate.</exception>
    public Network(ModelSpec spec, int lookback, int maxBatch, double dropout = 0, ForecastLoss loss = ForecastLoss.SquaredError,
        double huberDelta = 1, double quantile = 0.5)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must lie in [0, 1).");
        ForecastLossFunction.CheckParameters(loss, huberDelta, quantile);
        long largest = (long)spec.GateCount * lookback * maxBatch * Math.Max(spec.HiddenSize, spec.InputSize);
        if (largest > Array.MaxLength)
            throw new ArgumentException($"{spec} over {maxBatch} window(s) of {lookback} step(s) needs a buffer of {largest} values; at most {Array.MaxLength} fit in an array. Use a smaller batch shard.", nameof(maxBatch));

        Spec = spec;
        Layout = new ParameterLayout(spec);
        Lookback = lookback;
        MaxBatch = maxBatch;
        _layers = new RecurrentLayer<T>[spec.Layers];
        for (int k = 0; k < spec.Layers; k++)
        {
            _layers[k] = spec.Cell == CellKind.Gru
                ? new GruLayer<T>(spec, Layout, k, lookback, maxBatch)
                : new LstmLayer<T>(spec, Layout, k, lookback, maxBatch);
        }
        _workspace = new BackwardWorkspace<T>(spec.Cell, spec.InputSize, spec.HiddenSize, lookback, maxBatch);
        _inputs = new T[lookback * maxBatch * spec.InputSize];
        _headWeightT = new T[spec.HiddenSize * spec.OutputSize];
        _outputs = new T[maxBatch * spec.OutputSize];
        _outputGradient = new T[maxBatch * spec.OutputSize];
        _finalGradient = new T[maxBatch * spec.HiddenSize];

        Dropout = dropout;
        _keepScale = T.CreateChecked(1.0 / (1.0 - dropout));
        Loss = loss;
        _lossParameter = T.CreateChecked(loss == ForecastLoss.Pinball ? quantile : huberDelta);
        // Index k holds layer k's buffers; index 0 (the windows are never dropped) and every index without dropout stay empty.
        int dropLayers = DropsOut ? spec.Layers : 0;
        _masks = new T[dropLayers][];
        _dropped = new T[dropLayers][];
        for (int k = 1; k < dropLayers; k++)
        {
            _masks[k] = new T[lookback * maxBatch * spec.HiddenSize];
            _dropped[k] = new T[lookback * maxBatch * spec.HiddenSize];
        }
    }

    /// <summary>The model's shape.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Where each tensor lives in the flat parameter and gradient vectors.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>T: time steps per window.</summary>
    public int Lookback { get; }

    /// <summary>The largest batch a call accepts.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// p: in training passes, each output of layer k &lt; L − 1 that layer k + 1 reads is zeroed with probability p and
    /// the rest are scaled by 1/(1 − p) (inverted dropout, PyTorch's <c>dropout=p</c> of <c>nn.GRU</c>/<c>nn.LSTM</c>).
    /// The top layer's outputs, which the head reads, are never dropped, so with one layer this has no effect (PyTorch
    /// warns in that case). 0 by default.
    /// </summary>
    public double Dropout { get; }

    /// <summary>The loss training passes sum: the squared error unless the constructor was given another.</summary>
    public ForecastLoss Loss { get; }

    // Dropout has something to act on: a non-zero rate and at least one layer above another.
    private bool DropsOut => Dropout > 0 && Spec.Layers > 1;

    /// <summary>
    /// The head's outputs ([batch][O]) computed by the last
    /// <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> call, for metrics
    /// on training batches without a second forward pass. Overwritten by the next call.
    /// </summary>
    public ReadOnlySpan<T> LastOutputs => _outputs.AsSpan(0, _lastBatch * Spec.OutputSize);

    /// <summary>Forecasts a batch of windows: zero state → run each window → head.</summary>
    /// <param name="parameters">The flat parameters, <see cref="ParameterLayout.Length"/> values laid out by <see cref="Layout"/>.</param>
    /// <param name="inputs">The windows, [batch][lookback][I] row-major (window after window).</param>
    /// <param name="batch">Number of windows, 1 … <see cref="MaxBatch"/>.</param>
    /// <param name="outputs">Receives the forecasts, [batch][O].</param>
    /// <exception cref="ArgumentException">A span has the wrong length or <paramref name="batch"/> is out of range.</exception>
    public void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, int batch, Span<T> outputs)
    {
        CheckArguments(parameters, inputs, batch);
        if (outputs.Length != batch * Spec.OutputSize)
            throw LengthError(nameof(outputs), outputs.Length, batch * Spec.OutputSize, $"batch {batch} × O={Spec.OutputSize}");
        RunLayers(parameters, inputs, batch);
        RunHead(parameters, batch, outputs);
    }

    /// <summary>
    /// <see cref="Forward(ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> with parameters whose layout is checked
    /// against this network's spec.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters belong to another model shape, or an argument is invalid.</exception>
    public void Forward(NetworkParameters<T> parameters, ReadOnlySpan<T> inputs, int batch, Span<T> outputs) =>
        Forward(ValuesOf(parameters), inputs, batch, outputs);

    /// <summary>
    /// Runs the batch forward, then back through time, and returns the SUM over the batch and all O outputs of the loss
    /// (<see cref="Loss"/>: the squared error (y − target)² by default). ADDS the gradient of that sum with respect to every parameter into
    /// <paramref name="gradient"/>; the caller zeroes it beforehand and scales it (for example by 1 / (batch · O) for
    /// a mean) afterwards.
    /// </summary>
    /// <param name="parameters">The flat parameters, <see cref="ParameterLayout.Length"/> values laid out by <see cref="Layout"/>.</param>
    /// <param name="inputs">The windows, [batch][lookback][I] row-major (window after window).</param>
    /// <param name="targets">What each window should forecast, [batch][O].</param>
    /// <param name="batch">Number of windows, 1 … <see cref="MaxBatch"/>.</param>
    /// <param name="gradient">The flat gradient, laid out as <paramref name="parameters"/>; must not overlap them.</param>
    /// <returns>Σ loss(y − target) over the batch and outputs.</returns>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length or <paramref name="batch"/> is out of range, or the network drops out (<see cref="Dropout"/>
    /// with L ≥ 2): that needs the overload with dropout keys.
    /// </exception>
    public T ForwardBackward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batch, Span<T> gradient) =>
        ForwardBackward(parameters, inputs, targets, batch, gradient, default);

    /// <summary>
    /// <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> as a training pass
    /// with dropout between layers: window b's masks are a function of <paramref name="dropoutKeys"/>[b] alone, drawn
    /// afresh by every call, and the gradient is that of the loss with those masks.
    /// </summary>
    /// <param name="parameters">The flat parameters, <see cref="ParameterLayout.Length"/> values laid out by <see cref="Layout"/>.</param>
    /// <param name="inputs">The windows, [batch][lookback][I] row-major (window after window).</param>
    /// <param name="targets">What each window should forecast, [batch][O].</param>
    /// <param name="batch">Number of windows, 1 … <see cref="MaxBatch"/>.</param>
    /// <param name="gradient">The flat gradient, laid out as <paramref name="parameters"/>; must not overlap them.</param>
    /// <param name="dropoutKeys">
    /// One key per window ([batch]) when the network drops out (<see cref="Dropout"/> &gt; 0 and L ≥ 2); ignored otherwise.
    /// Unit j at step t of layer k's input (k ≥ 1: layer k − 1's output) in window b is dropped when
    /// <see cref="DeterministicRandom.DoubleAt"/>(key_b, (k·S + t)·H + j) &lt; p. Equal keys give equal masks; the trainer
    /// derives a window's key from the seed, the epoch and the window's position in the epoch's order.
    /// </param>
    /// <returns>Σ loss(y − target) over the batch and outputs.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length or <paramref name="batch"/> is out of range.</exception>
    public T ForwardBackward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batch, Span<T> gradient, ReadOnlySpan<ulong> dropoutKeys)
    {
        CheckArguments(parameters, inputs, batch);
        int outputCount = batch * Spec.OutputSize;
        if (targets.Length != outputCount)
            throw LengthError(nameof(targets), targets.Length, outputCount, $"batch {batch} × O={Spec.OutputSize}");
        if (gradient.Length != Layout.Length)
            throw LengthError(nameof(gradient), gradient.Length, Layout.Length, $"the parameter count of {Spec}");
        if (gradient.Overlaps(parameters))
            throw new ArgumentException("The gradient must not overlap the parameters.", nameof(gradient));
        if (DropsOut && dropoutKeys.Length != batch)
            throw DropoutKeysError(nameof(dropoutKeys), dropoutKeys.Length, batch);

        RunLayers(parameters, inputs, batch, DropsOut ? dropoutKeys : default);
        Span<T> outputs = _outputs.AsSpan(0, outputCount);
        RunHead(parameters, batch, outputs);
        _lastBatch = batch;

        // For the squared error, loss = Σ (y − target)², so ∂loss/∂y = 2 (y − target). Summed in index order, so the
        // loss is deterministic.
        Span<T> dOutputs = _outputGradient.AsSpan(0, outputCount);
        T loss = ForecastLossFunction.Evaluate(Loss, _lossParameter, outputs, targets, dOutputs);

        BackwardHead(parameters, batch, dOutputs, gradient);

        // Top layer first. The top layer's output gradient is non-zero only at the last step (what the head reads); a layer
        // below receives the gradient of the whole sequence the layer above read, in the workspace's sequence buffer. With
        // dropout, layer k read outputs ⊙ mask_k, so ∂loss/∂outputs = ∂loss/∂(its input) ⊙ mask_k: masked in place.
        Span<T> sequenceGradient = _workspace.SequenceGradient(batch);
        int top = _layers.Length - 1;
        for (int k = top; k >= 0; k--)
        {
            _layers[k].Backward(parameters, LayerInput(k, batch),
                outputGradient: k == top ? default : sequenceGradient,
                finalGradient: k == top ? _finalGradient.AsSpan(0, batch * Spec.HiddenSize) : default,
                batch, gradient,
                inputGradient: k > 0 ? sequenceGradient : default,
                _workspace);
            if (k > 0 && _masked)
                TensorPrimitives.Multiply(sequenceGradient, _masks[k].AsSpan(0, sequenceGradient.Length), sequenceGradient);
        }
        return loss;
    }

    /// <summary>
    /// <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T})"/> with parameters
    /// whose layout is checked against this network's spec.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters belong to another model shape, or an argument is invalid.</exception>
    public T ForwardBackward(NetworkParameters<T> parameters, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batch, Span<T> gradient) =>
        ForwardBackward(ValuesOf(parameters), inputs, targets, batch, gradient);

    /// <summary>
    /// The mask ([S][B][H], each value 0 or 1/(1 − p)) that the last
    /// <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, Span{T}, ReadOnlySpan{ulong})"/>
    /// applied to the input of layer <paramref name="layer"/> (1 … L − 1); for tests. Only when the network drops out.
    /// </summary>
    internal ReadOnlySpan<T> DropoutMask(int layer, int batch) => _masks[layer].AsSpan(0, Lookback * batch * Spec.HiddenSize);

    // Empty dropout keys: no dropout (evaluation, or a network without it).
    private void RunLayers(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, int batch, ReadOnlySpan<ulong> dropoutKeys = default)
    {
        // Windows arrive window-major ([B][S][I]); the recurrence wants each step of the whole batch contiguous ([S][B][I]).
        int steps = Lookback, width = Spec.InputSize;
        Span<T> timeMajor = _inputs.AsSpan(0, steps * batch * width);
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                int from = (b * steps + t) * width, to = (t * batch + b) * width;
                for (int i = 0; i < width; i++)
                    timeMajor[to + i] = inputs[from + i];
            }
        }
        _masked = !dropoutKeys.IsEmpty;
        for (int k = 0; k < _layers.Length; k++)
        {
            if (k > 0 && _masked)
                DropOut(k, batch, dropoutKeys);
            _layers[k].Forward(parameters, LayerInput(k, batch), batch);
        }
    }

    // Layer k's input sequence, [S][B][in_k]: the windows, the outputs of the layer below, or — in a pass with dropout —
    // their masked copy (the backward pass multiplies the sequence gradient by the same mask before handing it down).
    private ReadOnlySpan<T> LayerInput(int layer, int batch)
    {
        if (layer == 0)
            return _inputs.AsSpan(0, Lookback * batch * Spec.InputSize);
        return _masked ? _dropped[layer].AsSpan(0, Lookback * batch * Spec.HiddenSize) : _layers[layer - 1].Outputs(batch);
    }

    // Draws layer k's mask and writes its input, outputs of layer k − 1 ⊙ mask. Each draw is a hash of (window key,
    // counter) with the counter fixed by (layer, step, unit), so a window's mask is the same whichever batch slot, shard
    // or thread it lands in. O(S·B·H) hashes: small beside the layer's O(S·B·G·H·(in + H)) products.
    private void DropOut(int layer, int batch, ReadOnlySpan<ulong> keys)
    {
        int steps = Lookback, hidden = Spec.HiddenSize;
        double rate = Dropout;
        Span<T> mask = _masks[layer].AsSpan(0, steps * batch * hidden);
        for (int t = 0; t < steps; t++)
        {
            ulong first = ((ulong)layer * (ulong)steps + (ulong)t) * (ulong)hidden;
            for (int b = 0; b < batch; b++)
            {
                Span<T> row = mask.Slice((t * batch + b) * hidden, hidden);
                for (int j = 0; j < hidden; j++)
                    row[j] = DeterministicRandom.DoubleAt(keys[b], first + (ulong)j) < rate ? T.Zero : _keepScale;
            }
        }
        TensorPrimitives.Multiply(_layers[layer - 1].Outputs(batch), mask, _dropped[layer].AsSpan(0, mask.Length));
    }

    private void RunHead(ReadOnlySpan<T> parameters, int batch, Span<T> outputs)
    {
        int hidden = Spec.HiddenSize, outputSize = Spec.OutputSize;
        ReadOnlySpan<T> weight = Layout.HeadWeight.Slice(parameters);
        for (int o = 0; o < outputSize; o++)
        {
            for (int j = 0; j < hidden; j++)
                _headWeightT[j * outputSize + o] = weight[o * hidden + j];
        }
        MatrixKernel.Multiply(batch, outputSize, hidden, _layers[^1].FinalHidden(batch), hidden, 1,
            _headWeightT, outputSize, outputs, outputSize, Layout.HeadBias.Slice(parameters));
    }

    // y = W h_S + b:  ∂W += dYᵀ · h_S,  ∂b += 1ᵀ · dY,  ∂h_S = dY · W.
    private void BackwardHead(ReadOnlySpan<T> parameters, int batch, ReadOnlySpan<T> dOutputs, Span<T> gradient)
    {
        int hidden = Spec.HiddenSize, outputSize = Spec.OutputSize;
        MatrixKernel.MultiplyAdd(outputSize, hidden, batch, dOutputs, 1, outputSize, _layers[^1].FinalHidden(batch), hidden,
            Layout.HeadWeight.Slice(gradient), hidden);
        MatrixKernel.MultiplyAdd(1, outputSize, batch, _workspace.Ones, 0, 1, dOutputs, outputSize, Layout.HeadBias.Slice(gradient), outputSize);
        MatrixKernel.Multiply(batch, hidden, outputSize, dOutputs, outputSize, 1, Layout.HeadWeight.Slice(parameters), hidden,
            _finalGradient.AsSpan(0, batch * hidden), hidden, default);
    }

    private void CheckArguments(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, int batch)
    {
        if (parameters.Length != Layout.Length)
            throw LengthError(nameof(parameters), parameters.Length, Layout.Length, $"the parameter count of {Spec}");
        if (batch < 1 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must hold 1 to {MaxBatch} window(s) (the network's maxBatch).");
        if (inputs.Length != batch * Lookback * Spec.InputSize)
            throw LengthError(nameof(inputs), inputs.Length, batch * Lookback * Spec.InputSize, $"batch {batch} × lookback {Lookback} × I={Spec.InputSize}");
    }

    // Builds the message only on failure: an interpolated string passed to a check would allocate on every call.
    private static ArgumentException LengthError(string name, int actual, int expected, string what) =>
        new($"{name} has {actual} value(s); {what} = {expected} are needed.", name);

    private ArgumentException DropoutKeysError(string name, int actual, int batch) =>
        new($"This network drops out between layers (p = {Dropout}): a training pass needs one dropout key per window, {batch}; got {actual}.", name);

    private T[] ValuesOf(NetworkParameters<T> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.Layout.Spec.Equals(Spec))
            throw new ArgumentException($"The parameters are for {parameters.Layout.Spec}; this network is {Spec}.", nameof(parameters));
        return parameters.Values;
    }
}
