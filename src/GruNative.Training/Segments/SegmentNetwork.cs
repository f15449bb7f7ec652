using System;
using System.Numerics;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// A trainable segment-recurrent forecaster (SegRNN; see <see cref="SegmentModelSpec"/>) with the official module's
/// semantics, run forward and differentiated over a batch of univariate windows. Parameters and gradients are flat
/// vectors laid out by <see cref="Layout"/>.
/// </summary>
/// <typeparam name="T">float for training; double for gradient checks.</typeparam>
/// <remarks>
/// <para>
/// Per window: subtract its last value; cut it into n segments of w steps; embed each by Linear(w → d) + ReLU; run the
/// cell over the n embeddings from a zero state; decode m segments (<see cref="SegmentDecoding"/>), each through
/// dropout and Linear(d → w); concatenate them and add the last value back.
/// </para>
/// <para>
/// Batched: all n·B segments are embedded in one product, the encoder runs its n steps over the whole batch, and
/// parallel decoding runs its m steps as one batch of m·B rows. Every buffer is allocated by the constructor for
/// <see cref="MaxBatch"/> windows; the passes allocate nothing.
/// </para>
/// <para>
/// Single-threaded and not thread-safe: to use several cores, give each thread its own network and a shard of the
/// batch, and add the gradients. Deterministic: the same parameters and inputs give bit-identical results on the same
/// machine.
/// </para>
/// </remarks>
public sealed class SegmentNetwork<T> where T : IFloatingPointIeee754<T>
{
    private readonly SegmentLinear<T> _embedding;        // valueEmbedding: w → d, ReLU
    private readonly SegmentLinear<T> _predict;          // predict.1: d → w
    private readonly RecurrentLayer<T> _encoder;         // n steps over B rows, from a zero state
    private readonly BackwardWorkspace<T> _workspace;
    private readonly SegmentDecoder<T> _decoder;
    private readonly T _lossParameter;                   // δ of the Huber loss, τ of the pinball loss
    private readonly T[] _last;                          // [B]: each window's last value
    private readonly T[] _segments;                      // [n·B][w]: segment t of window b (minus its last value) at row t·B + b
    private readonly T[] _embedded;                      // [n·B][d]: the encoder's input
    private readonly T[] _embeddedGradient;              // [n·B][d]
    private readonly T[] _predictions;                   // [m·B][w]: segment j of window b at row j·B + b, before the last value is added
    private readonly T[] _predictionGradient;            // [m·B][w]
    private readonly T[] _outputs;                       // [B][H]: the forecasts of the last training pass
    private readonly T[] _outputGradient;                // [B][H]
    private readonly T[] _finalHiddenGradient;           // [B][d]: ∂loss/∂h_n
    private readonly T[] _finalCellGradient;             // [B][d], LSTM only: ∂loss/∂c_n
    private int _lastBatch;

    /// <summary>Creates a network for <paramref name="shape"/> and allocates everything a batch of up to <paramref name="maxBatch"/> windows needs.</summary>
    /// <param name="shape">The model's shape.</param>
    /// <param name="maxBatch">The largest batch a call will pass.</param>
    /// <param name="dropout">p of the dropout before <c>predict.1</c> in training passes, in [0, 1).</param>
    /// <param name="loss">The loss <see cref="ForwardBackward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{int}, ReadOnlySpan{T}, int, Span{T}, ReadOnlySpan{ulong})"/> sums.</param>
    /// <param name="huberDelta">δ of <see cref="ForecastLoss.Huber"/> (PyTorch's default 1); positive.</param>
    /// <param name="quantile">τ of <see cref="ForecastLoss.Pinball"/>, in (0, 1): the level the model learns to forecast.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException">The buffers for this size would exceed the largest array .NET can allocate.</exception>
    public SegmentNetwork(SegmentModelSpec shape, int maxBatch, double dropout = 0, ForecastLoss loss = ForecastLoss.SquaredError, double huberDelta = 1,
        double quantile = 0.5)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must lie in [0, 1).");
        ForecastLossFunction.CheckParameters(loss, huberDelta, quantile);
        int n = shape.InputSegments, m = shape.OutputSegments, d = shape.HiddenSize, w = shape.SegmentLength;
        long largest = (long)shape.Cell.GateCount() * Math.Max(n, m) * maxBatch * d;
        if (largest > Array.MaxLength)
            throw new ArgumentException($"{shape} over {maxBatch} window(s) needs a buffer of {largest} values; at most {Array.MaxLength} fit in an array. Use a smaller batch shard.", nameof(maxBatch));

        Shape = shape;
        Layout = new SegmentParameterLayout(shape);
        MaxBatch = maxBatch;
        Dropout = dropout;
        Loss = loss;
        HuberDelta = huberDelta;
        Quantile = quantile;
        _lossParameter = T.CreateChecked(loss == ForecastLoss.Pinball ? quantile : huberDelta);
        int maxRows = Math.Max(n, m) * maxBatch;
        _embedding = new SegmentLinear<T>(Layout.EmbeddingWeight, Layout.EmbeddingBias, rectified: true, maxRows);
        _predict = new SegmentLinear<T>(Layout.PredictWeight, Layout.PredictBias, rectified: false, maxRows);
        _encoder = Layout.CreateRecurrentLayer<T>(n, maxBatch);
        _workspace = new BackwardWorkspace<T>(shape.Cell, d, d, n, maxBatch);
        _decoder = shape.Decoding == SegmentDecoding.Parallel
            ? new ParallelDecoder<T>(Layout, _predict, maxBatch, dropout)
            : new RecurrentDecoder<T>(Layout, _predict, _embedding, maxBatch, dropout);
        _last = new T[maxBatch];
        _segments = new T[n * maxBatch * w];
        _embedded = new T[n * maxBatch * d];
        _embeddedGradient = new T[n * maxBatch * d];
        _predictions = new T[m * maxBatch * w];
        _predictionGradient = new T[m * maxBatch * w];
        _outputs = new T[maxBatch * shape.Horizon];
        _outputGradient = new T[maxBatch * shape.Horizon];
        _finalHiddenGradient = new T[maxBatch * d];
        _finalCellGradient = new T[shape.Cell == CellKind.Lstm ? maxBatch * d : 0];
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Shape { get; }

    /// <summary>Where each tensor lives in the flat parameter and gradient vectors.</summary>
    public SegmentParameterLayout Layout { get; }

    /// <summary>The largest batch a call accepts.</summary>
    public int MaxBatch { get; }

    /// <summary>p: in training passes each value of the state a segment is predicted from is zeroed with probability p, the rest scaled by 1/(1 − p).</summary>
    public double Dropout { get; }

    /// <summary>The loss training passes sum.</summary>
    public ForecastLoss Loss { get; }

    /// <summary>δ of <see cref="ForecastLoss.Huber"/>.</summary>
    public double HuberDelta { get; }

    /// <summary>τ of <see cref="ForecastLoss.Pinball"/>.</summary>
    public double Quantile { get; }

    /// <summary>The forecasts ([batch][H]) of the last training pass, for metrics without a second forward pass.</summary>
    public ReadOnlySpan<T> LastOutputs => _outputs.AsSpan(0, _lastBatch * Shape.Horizon);

    /// <summary>Forecasts a batch of windows; never drops anything.</summary>
    /// <param name="parameters">The flat parameters, <see cref="SegmentParameterLayout.Length"/> values laid out by <see cref="Layout"/>.</param>
    /// <param name="windows">The windows, [batch][L] row-major (window after window).</param>
    /// <param name="channels">Each window's channel id in [0, C) ([batch]) with channel ids on; empty otherwise.</param>
    /// <param name="batch">Number of windows, 1 … <see cref="MaxBatch"/>.</param>
    /// <param name="outputs">Receives the forecasts, [batch][H].</param>
    /// <exception cref="ArgumentException">A span has the wrong length, a channel id is out of range, or <paramref name="batch"/> is out of range.</exception>
    public void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> windows, ReadOnlySpan<int> channels, int batch, Span<T> outputs)
    {
        CheckArguments(parameters, windows, channels, batch);
        CheckLength(outputs.Length, batch * Shape.Horizon, nameof(outputs));
        _decoder.SetMasks(default, batch);
        RunForward(parameters, windows, channels, batch, outputs);
    }

    /// <summary>
    /// Runs the batch forward and back, and returns the SUM over the batch and all H outputs of the loss (see
    /// <see cref="Loss"/>). ADDS the gradient of that sum with respect to every parameter into
    /// <paramref name="gradient"/>; the caller zeroes it beforehand and scales it (by 1 / (batch · H) for a mean) afterwards.
    /// </summary>
    /// <param name="parameters">The flat parameters, <see cref="SegmentParameterLayout.Length"/> values laid out by <see cref="Layout"/>.</param>
    /// <param name="windows">The windows, [batch][L] row-major.</param>
    /// <param name="channels">Each window's channel id ([batch]) with channel ids on; empty otherwise.</param>
    /// <param name="targets">What each window should forecast, [batch][H].</param>
    /// <param name="batch">Number of windows, 1 … <see cref="MaxBatch"/>.</param>
    /// <param name="gradient">The flat gradient, laid out as <paramref name="parameters"/>; must not overlap them.</param>
    /// <param name="dropoutKeys">
    /// One key per window ([batch]) when <see cref="Dropout"/> &gt; 0: unit u of the state segment j is predicted from,
    /// in window b, is dropped when <see cref="DeterministicRandom.DoubleAt"/>(key_b, j·d + u) &lt; p. Ignored without
    /// dropout, so it may then be empty.
    /// </param>
    /// <returns>Σ loss(y − target) over the batch and outputs.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, a channel id is out of range, or <paramref name="batch"/> is out of range.</exception>
    public T ForwardBackward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> windows, ReadOnlySpan<int> channels, ReadOnlySpan<T> targets,
        int batch, Span<T> gradient, ReadOnlySpan<ulong> dropoutKeys = default)
    {
        CheckArguments(parameters, windows, channels, batch);
        int outputCount = batch * Shape.Horizon;
        CheckLength(targets.Length, outputCount, nameof(targets));
        CheckLength(gradient.Length, Layout.Length, nameof(gradient));
        if (gradient.Overlaps(parameters))
            throw new ArgumentException("The gradient must not overlap the parameters.", nameof(gradient));
        if (Dropout > 0)
            CheckLength(dropoutKeys.Length, batch, nameof(dropoutKeys));

        _decoder.SetMasks(Dropout > 0 ? dropoutKeys : default, batch);
        Span<T> outputs = _outputs.AsSpan(0, outputCount);
        RunForward(parameters, windows, channels, batch, outputs);
        _lastBatch = batch;
        Span<T> dOutputs = _outputGradient.AsSpan(0, outputCount);
        T loss = ForecastLossFunction.Evaluate(Loss, _lossParameter, outputs, targets, dOutputs);

        // The last value was added to every output and subtracted from every input: it carries no parameter gradient.
        int d = Shape.HiddenSize, n = Shape.InputSegments, w = Shape.SegmentLength, m = Shape.OutputSegments;
        Span<T> dPredictions = _predictionGradient.AsSpan(0, m * batch * w);
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < m; j++)
                dOutputs.Slice(b * Shape.Horizon + j * w, w).CopyTo(dPredictions.Slice((j * batch + b) * w, w));
        }

        Span<T> finalHidden = _finalHiddenGradient.AsSpan(0, batch * d);
        Span<T> finalCell = Shape.Cell == CellKind.Lstm ? _finalCellGradient.AsSpan(0, batch * d) : default;
        _decoder.Backward(parameters, channels, batch, _predictions.AsSpan(0, m * batch * w), dPredictions, gradient, finalHidden, finalCell);

        Span<T> embedded = _embedded.AsSpan(0, n * batch * d), dEmbedded = _embeddedGradient.AsSpan(0, n * batch * d);
        _encoder.Backward(Layout.Recurrent(parameters), embedded, default, finalHidden, batch, Layout.Recurrent(gradient),
            dEmbedded, _workspace, finalCell);
        _embedding.Backward(parameters, n * batch, _segments.AsSpan(0, n * batch * w), embedded, dEmbedded, gradient, default);
        return loss;
    }

    /// <summary>The dropout masks of the last training pass ([m·batch][d], segment-major), empty without dropout; for tests.</summary>
    internal ReadOnlySpan<T> DropoutMasks(int batch) => _decoder.Masks(batch);

    private void RunForward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> windows, ReadOnlySpan<int> channels, int batch, Span<T> outputs)
    {
        int lookback = Shape.Lookback, horizon = Shape.Horizon, n = Shape.InputSegments, m = Shape.OutputSegments;
        int w = Shape.SegmentLength, d = Shape.HiddenSize;
        _embedding.Prepare(parameters);
        _predict.Prepare(parameters);

        // Time-major segments, each minus its window's last value: the encoder reads step t of the whole batch as one block.
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> window = windows.Slice(b * lookback, lookback);
            T last = _last[b] = window[lookback - 1];
            for (int t = 0; t < n; t++)
            {
                ReadOnlySpan<T> source = window.Slice(t * w, w);
                Span<T> segment = _segments.AsSpan((t * batch + b) * w, w);
                for (int k = 0; k < w; k++)
                    segment[k] = source[k] - last;
            }
        }

        Span<T> embedded = _embedded.AsSpan(0, n * batch * d);
        _embedding.Forward(parameters, n * batch, _segments.AsSpan(0, n * batch * w), embedded);
        _encoder.Forward(Layout.Recurrent(parameters), embedded, batch);
        Span<T> predictions = _predictions.AsSpan(0, m * batch * w);
        _decoder.Forward(parameters, _encoder.FinalHidden(batch), _encoder.FinalCell(batch), channels, batch, predictions);

        for (int b = 0; b < batch; b++)
        {
            T last = _last[b];
            for (int j = 0; j < m; j++)
            {
                ReadOnlySpan<T> segment = predictions.Slice((j * batch + b) * w, w);
                Span<T> output = outputs.Slice(b * horizon + j * w, w);
                for (int k = 0; k < w; k++)
                    output[k] = segment[k] + last;
            }
        }
    }

    private void CheckArguments(ReadOnlySpan<T> parameters, ReadOnlySpan<T> windows, ReadOnlySpan<int> channels, int batch)
    {
        if (batch < 1 || batch > MaxBatch)
            throw new ArgumentException($"The batch must hold 1 … {MaxBatch} window(s); got {batch}.", nameof(batch));
        CheckLength(parameters.Length, Layout.Length, nameof(parameters));
        CheckLength(windows.Length, batch * Shape.Lookback, nameof(windows));
        CheckLength(channels.Length, Shape.UsesChannelIds ? batch : 0, nameof(channels));
        for (int b = 0; b < channels.Length; b++)
        {
            if ((uint)channels[b] >= (uint)Shape.Channels)
                throw new ArgumentException($"Window {b} has channel id {channels[b]}; the model has channels 0 … {Shape.Channels - 1}.", nameof(channels));
        }
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} holds {actual} value(s); expected {expected}.", name);
    }
}
