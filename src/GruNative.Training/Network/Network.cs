using System;
using System.Numerics;

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
/// </remarks>
public sealed class Network<T> where T : IFloatingPointIeee754<T>
{
    private readonly RecurrentLayer<T>[] _layers;
    private readonly BackwardWorkspace<T> _workspace;
    private readonly T[] _inputs;          // [S][B][I]: the windows, time-major
    private readonly T[] _headWeightT;     // [H][O]: head.weightᵀ, the head's B operand
    private readonly T[] _outputs;         // [B][O]: the head's outputs in ForwardBackward
    private readonly T[] _outputGradient;  // [B][O]: ∂loss/∂outputs = 2 (y − target)
    private readonly T[] _finalGradient;   // [B][H]: ∂loss/∂h_S of the top layer
    private int _lastBatch;

    /// <summary>Creates a network for <paramref name="spec"/> and allocates everything a batch of up to <paramref name="maxBatch"/> windows of <paramref name="lookback"/> steps needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> or <paramref name="maxBatch"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The buffers for this size would exceed the largest array .NET can allocate.</exception>
    public Network(ModelSpec spec, int lookback, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
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
    /// Runs the batch forward, then back through time, and returns the SUM over the batch and all O outputs of the
    /// squared errors (y − target)². ADDS the gradient of that sum with respect to every parameter into
    /// <paramref name="gradient"/>; the caller zeroes it beforehand and scales it (for example by 1 / (batch · O) for
    /// a mean) afterwards.
    /// </summary>
    /// <param name="parameters">The flat parameters, <see cref="ParameterLayout.Length"/> values laid out by <see cref="Layout"/>.</param>
    /// <param name="inputs">The windows, [batch][lookback][I] row-major (window after window).</param>
    /// <param name="targets">What each window should forecast, [batch][O].</param>
    /// <param name="batch">Number of windows, 1 … <see cref="MaxBatch"/>.</param>
    /// <param name="gradient">The flat gradient, laid out as <paramref name="parameters"/>; must not overlap them.</param>
    /// <returns>Σ (y − target)² over the batch and outputs.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length or <paramref name="batch"/> is out of range.</exception>
    public T ForwardBackward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batch, Span<T> gradient)
    {
        CheckArguments(parameters, inputs, batch);
        int outputCount = batch * Spec.OutputSize;
        if (targets.Length != outputCount)
            throw LengthError(nameof(targets), targets.Length, outputCount, $"batch {batch} × O={Spec.OutputSize}");
        if (gradient.Length != Layout.Length)
            throw LengthError(nameof(gradient), gradient.Length, Layout.Length, $"the parameter count of {Spec}");
        if (gradient.Overlaps(parameters))
            throw new ArgumentException("The gradient must not overlap the parameters.", nameof(gradient));

        RunLayers(parameters, inputs, batch);
        Span<T> outputs = _outputs.AsSpan(0, outputCount);
        RunHead(parameters, batch, outputs);
        _lastBatch = batch;

        // loss = Σ (y − target)², so ∂loss/∂y = 2 (y − target). Summed in index order, so the loss is deterministic.
        Span<T> dOutputs = _outputGradient.AsSpan(0, outputCount);
        T loss = T.Zero;
        for (int i = 0; i < outputCount; i++)
        {
            T error = outputs[i] - targets[i];
            loss += error * error;
            dOutputs[i] = error + error;
        }

        BackwardHead(parameters, batch, dOutputs, gradient);

        // Top layer first. The top layer's output gradient is non-zero only at the last step (what the head reads); a layer
        // below receives the gradient of the whole sequence the layer above read, in the workspace's sequence buffer.
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

    private void RunLayers(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, int batch)
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
        for (int k = 0; k < _layers.Length; k++)
            _layers[k].Forward(parameters, LayerInput(k, batch), batch);
    }

    // Layer k's input sequence, [S][B][in_k]. With dropout between layers this becomes a masked copy of the layer
    // below's outputs (one mask buffer per layer), and the backward pass multiplies the sequence gradient by the same
    // mask before handing it down; nothing else changes.
    private ReadOnlySpan<T> LayerInput(int layer, int batch) =>
        layer == 0 ? _inputs.AsSpan(0, Lookback * batch * Spec.InputSize) : _layers[layer - 1].Outputs(batch);

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

    private T[] ValuesOf(NetworkParameters<T> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.Layout.Spec.Equals(Spec))
            throw new ArgumentException($"The parameters are for {parameters.Layout.Spec}; this network is {Spec}.", nameof(parameters));
        return parameters.Values;
    }
}
