using System;
using System.Numerics;
using System.Numerics.Tensors;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// What turns the encoder's final state into the m predicted segments, forward and backward, and what both decodings
/// share: the prediction y_j = predict.1(dropout(s_j)) of segment j from the state s_j that decodes it, with
/// inverted dropout masks drawn per window.
/// </summary>
/// <remarks>
/// Predictions and states are segment-major: segment j of window b is row j·B + b, so the rows of one segment are one
/// contiguous [B][…] block and all m segments one [m·B][…] matrix.
/// </remarks>
internal abstract class SegmentDecoder<T> where T : IFloatingPointIeee754<T>
{
    private readonly SegmentLinear<T> _predict;
    private readonly T[] _predictorInputs;    // [m·B][d]: s_j ⊙ mask_j, what predict.1 read
    private readonly T[] _predictorGradient;  // [B][d]: ∂loss/∂(predict.1's input) of one block of segments at a time
    private readonly T[] _masks;              // [m·B][d] when dropout applies, else empty: 0 or 1/(1 − p)
    private readonly double _dropout;
    private readonly T _keepScale;
    private bool _masked;

    protected SegmentDecoder(SegmentParameterLayout layout, SegmentLinear<T> predict, int maxBatch, double dropout)
    {
        Layout = layout;
        Shape = layout.Shape;
        _predict = predict;
        int d = Shape.HiddenSize, rows = Shape.OutputSegments * maxBatch;
        _predictorInputs = new T[rows * d];
        _predictorGradient = new T[rows * d];
        _dropout = dropout;
        _keepScale = T.CreateChecked(1.0 / (1.0 - dropout));
        _masks = new T[dropout > 0 ? rows * d : 0];
    }

    protected SegmentParameterLayout Layout { get; }

    protected SegmentModelSpec Shape { get; }

    /// <summary>
    /// Runs the decoder from the encoder's final state (<paramref name="finalHidden"/>, and for LSTM
    /// <paramref name="finalCell"/>, [B][d] each) and writes every segment's prediction, [m·B][w], keeping what
    /// <see cref="Backward"/> needs.
    /// </summary>
    public abstract void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> finalHidden, ReadOnlySpan<T> finalCell,
        ReadOnlySpan<int> channels, int batch, Span<T> predictions);

    /// <summary>
    /// From the predictions <see cref="Forward"/> wrote and ∂loss/∂predictions ([m·B][w] each; a decoder may add to the
    /// latter), ADDS the decoder's parameter gradients into
    /// <paramref name="gradient"/> and writes ∂loss/∂(encoder's final state) ([B][d] each; the cell's for LSTM only).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<T> parameters, ReadOnlySpan<int> channels, int batch, ReadOnlySpan<T> predictions, Span<T> predictionGradient,
        Span<T> gradient, Span<T> finalHiddenGradient, Span<T> finalCellGradient);

    /// <summary>
    /// Draws the masks of a training pass: unit u of segment j's state in window b is dropped when
    /// <see cref="DeterministicRandom.DoubleAt"/>(key_b, j·d + u) &lt; p, so a window's masks depend on its key alone.
    /// Without dropout, or with empty keys (an inference pass), nothing is dropped.
    /// </summary>
    public void SetMasks(ReadOnlySpan<ulong> keys, int batch)
    {
        _masked = _dropout > 0 && !keys.IsEmpty;
        if (!_masked)
            return;
        int d = Shape.HiddenSize;
        for (int j = 0; j < Shape.OutputSegments; j++)
        {
            for (int b = 0; b < batch; b++)
            {
                Span<T> mask = _masks.AsSpan((j * batch + b) * d, d);
                for (int u = 0; u < d; u++)
                    mask[u] = DeterministicRandom.DoubleAt(keys[b], (ulong)(j * d + u)) < _dropout ? T.Zero : _keepScale;
            }
        }
    }

    /// <summary>The dropout masks of the last training pass, [m·B][d] (tests check they mix kept and dropped units).</summary>
    public ReadOnlySpan<T> Masks(int batch) => _masked ? _masks.AsSpan(0, Shape.OutputSegments * batch * Shape.HiddenSize) : default;

    /// <summary>Predicts <paramref name="count"/> segments from <paramref name="first"/> on, from their states ([count·B][d]).</summary>
    protected void Predict(ReadOnlySpan<T> parameters, int first, int count, int batch, ReadOnlySpan<T> states, Span<T> predictions)
    {
        int d = Shape.HiddenSize, w = Shape.SegmentLength, rows = count * batch;
        Span<T> inputs = _predictorInputs.AsSpan(first * batch * d, rows * d);
        if (_masked)
            TensorPrimitives.Multiply(states.Slice(0, rows * d), _masks.AsSpan(first * batch * d, rows * d), inputs);
        else
            states.Slice(0, rows * d).CopyTo(inputs);
        _predict.Forward(parameters, rows, inputs, predictions.Slice(first * batch * w, rows * w));
    }

    /// <summary>
    /// ∂loss/∂states of <paramref name="count"/> segments from <paramref name="first"/> on: (∂loss/∂y · W) ⊙ mask, ADDED
    /// into <paramref name="stateGradient"/> ([count·B][d]). Reads the predictions' gradient, which must be complete.
    /// </summary>
    protected void AddStateGradient(ReadOnlySpan<T> parameters, int first, int count, int batch, ReadOnlySpan<T> predictionGradient, Span<T> stateGradient)
    {
        int d = Shape.HiddenSize, w = Shape.SegmentLength, rows = count * batch;
        Span<T> dInputs = _predictorGradient.AsSpan(0, rows * d);
        Span<T> dState = stateGradient.Slice(0, rows * d);
        ReadOnlySpan<T> weight = Layout.PredictWeight.Slice(parameters);
        MatrixKernel.Multiply(rows, d, w, predictionGradient.Slice(first * batch * w, rows * w), w, 1, weight, d, dInputs, d, default);
        if (_masked)
            TensorPrimitives.MultiplyAdd(dInputs, _masks.AsSpan(first * batch * d, rows * d), dState, dState);
        else
            TensorPrimitives.Add(dState, dInputs, dState);
    }

    /// <summary>ADDS ∂predict.1.weight and ∂predict.1.bias over all m·B rows: one product each.</summary>
    protected void AccumulatePredictionGradients(ReadOnlySpan<T> parameters, int batch, Span<T> predictionGradient, Span<T> gradient)
    {
        int rows = Shape.OutputSegments * batch;
        _predict.Backward(parameters, rows, _predictorInputs.AsSpan(0, rows * Shape.HiddenSize), default, predictionGradient, gradient, default);
    }
}
