using System;
using System.Numerics;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// Recurrent multi-step decoding (RMF): segment 0 is predicted from the encoder's final state; each prediction is
/// embedded by the segment embedding (the same Linear + ReLU as the window's segments) and fed to the cell as the
/// next step's input, whose state predicts the next segment. Sequential by nature: m − 1 steps of B rows each.
/// </summary>
/// <remarks>
/// The official loop also runs the cell after the last prediction; that state feeds nothing, so it is not computed.
/// Each step is its own one-step recurrent layer (with its own caches) started from the previous step's state.
/// </remarks>
internal sealed class RecurrentDecoder<T> : SegmentDecoder<T> where T : IFloatingPointIeee754<T>
{
    private readonly SegmentLinear<T> _embedding;
    private readonly RecurrentLayer<T>[] _steps;       // m − 1 layers of one step over B rows
    private readonly BackwardWorkspace<T> _workspace;
    private readonly T[] _embedded;                    // [(m − 1)·B][d]: the embedded predictions 0 … m − 2, the steps' inputs
    private readonly T[] _embeddedGradient;            // [(m − 1)·B][d]
    private T[] _hiddenGradient, _cellGradient;        // [B][d]: ∂loss/∂ the state (h; c for LSTM) of the segment being differentiated
    private T[] _nextHiddenGradient, _nextCellGradient; // [B][d]: where a step writes ∂loss/∂ its initial state; swapped with the above

    public RecurrentDecoder(SegmentParameterLayout layout, SegmentLinear<T> predict, SegmentLinear<T> embedding, int maxBatch, double dropout)
        : base(layout, predict, maxBatch, dropout)
    {
        int d = Shape.HiddenSize, m = Shape.OutputSegments, state = maxBatch * d;
        bool lstm = Shape.Cell == CellKind.Lstm;
        _embedding = embedding;
        _steps = new RecurrentLayer<T>[m - 1];
        for (int j = 0; j < _steps.Length; j++)
            _steps[j] = layout.CreateRecurrentLayer<T>(steps: 1, maxBatch);
        _workspace = new BackwardWorkspace<T>(Shape.Cell, d, d, 1, maxBatch);
        _embedded = new T[(m - 1) * state];
        _embeddedGradient = new T[(m - 1) * state];
        _hiddenGradient = new T[state];
        _nextHiddenGradient = new T[state];
        _cellGradient = new T[lstm ? state : 0];
        _nextCellGradient = new T[lstm ? state : 0];
    }

    public override void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> finalHidden, ReadOnlySpan<T> finalCell,
        ReadOnlySpan<int> channels, int batch, Span<T> predictions)
    {
        int d = Shape.HiddenSize, w = Shape.SegmentLength, state = batch * d;
        ReadOnlySpan<T> hidden = finalHidden.Slice(0, state), cell = finalCell.IsEmpty ? default : finalCell.Slice(0, state);
        for (int j = 0; ; j++)
        {
            Predict(parameters, j, 1, batch, hidden, predictions);
            if (j == _steps.Length)
                break;
            Span<T> embedded = _embedded.AsSpan(j * state, state);
            _embedding.Forward(parameters, batch, predictions.Slice(j * batch * w, batch * w), embedded);
            _steps[j].Forward(Layout.Recurrent(parameters), embedded, batch, hidden, cell);
            hidden = _steps[j].FinalHidden(batch);
            cell = _steps[j].FinalCell(batch);
        }
    }

    public override void Backward(ReadOnlySpan<T> parameters, ReadOnlySpan<int> channels, int batch, ReadOnlySpan<T> predictions, Span<T> predictionGradient,
        Span<T> gradient, Span<T> finalHiddenGradient, Span<T> finalCellGradient)
    {
        int d = Shape.HiddenSize, w = Shape.SegmentLength, state = batch * d;
        bool lstm = Shape.Cell == CellKind.Lstm;
        Span<T> dHidden = _hiddenGradient.AsSpan(0, state), dCell = lstm ? _cellGradient.AsSpan(0, state) : default;
        dHidden.Clear();
        dCell.Clear();
        for (int j = _steps.Length; j >= 0; j--)
        {
            if (j < _steps.Length)
            {
                // Step j read embed(y_j) and the state that predicted y_j; it passes gradient to both.
                Span<T> nextHidden = _nextHiddenGradient.AsSpan(0, state), nextCell = lstm ? _nextCellGradient.AsSpan(0, state) : default;
                Span<T> embedded = _embedded.AsSpan(j * state, state), dEmbedded = _embeddedGradient.AsSpan(j * state, state);
                _steps[j].Backward(Layout.Recurrent(parameters), embedded, default, dHidden, batch, Layout.Recurrent(gradient),
                    dEmbedded, _workspace, dCell, nextHidden, nextCell);
                (_hiddenGradient, _nextHiddenGradient) = (_nextHiddenGradient, _hiddenGradient);
                (_cellGradient, _nextCellGradient) = (_nextCellGradient, _cellGradient);
                dHidden = nextHidden;
                dCell = nextCell;
                // y_j reached the loss directly and through its embedding: complete ∂loss/∂y_j before it is used.
                _embedding.Backward(parameters, batch, predictions.Slice(j * batch * w, batch * w), embedded, dEmbedded, gradient,
                    predictionGradient.Slice(j * batch * w, batch * w));
            }
            AddStateGradient(parameters, j, 1, batch, predictionGradient, dHidden);
        }
        AccumulatePredictionGradients(parameters, batch, predictionGradient, gradient);
        dHidden.CopyTo(finalHiddenGradient);
        if (lstm)
            dCell.CopyTo(finalCellGradient);
    }
}
