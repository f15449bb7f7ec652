using System;
using System.Numerics;
using System.Numerics.Tensors;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// Parallel multi-step decoding (PMF): each of the m future segments takes one recurrent step from the encoder's
/// final state, whose input is pos_emb[j] (beside channel_emb[c] with channel ids), and is predicted from the state
/// that step reaches. The m steps do not depend on each other, so all m·B of them run as one batch of one step.
/// </summary>
internal sealed class ParallelDecoder<T> : SegmentDecoder<T> where T : IFloatingPointIeee754<T>
{
    private readonly RecurrentLayer<T> _step;         // one step over m·B rows
    private readonly BackwardWorkspace<T> _workspace;
    private readonly T[] _inputs;                     // [m·B][d]: [pos_emb[j], channel_emb[c_b]] or pos_emb[j]
    private readonly T[] _initialHidden;              // [m·B][d]: the encoder's h_n, repeated for every segment
    private readonly T[] _initialCell;                // [m·B][d], LSTM only: c_n likewise
    private readonly T[] _stateGradient;              // [m·B][d]: ∂loss/∂(the states predict.1 read)
    private readonly T[] _inputGradient;              // [m·B][d]: ∂loss/∂inputs
    private readonly T[] _initialHiddenGradient;      // [m·B][d]
    private readonly T[] _initialCellGradient;        // [m·B][d], LSTM only

    public ParallelDecoder(SegmentParameterLayout layout, SegmentLinear<T> predict, int maxBatch, double dropout)
        : base(layout, predict, maxBatch, dropout)
    {
        int d = Shape.HiddenSize, rows = Shape.OutputSegments * maxBatch, block = rows * d;
        bool lstm = Shape.Cell == CellKind.Lstm;
        _step = layout.CreateRecurrentLayer<T>(steps: 1, rows);
        _workspace = new BackwardWorkspace<T>(Shape.Cell, d, d, 1, rows);
        _inputs = new T[block];
        _initialHidden = new T[block];
        _initialCell = new T[lstm ? block : 0];
        _stateGradient = new T[block];
        _inputGradient = new T[block];
        _initialHiddenGradient = new T[block];
        _initialCellGradient = new T[lstm ? block : 0];
    }

    public override void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> finalHidden, ReadOnlySpan<T> finalCell,
        ReadOnlySpan<int> channels, int batch, Span<T> predictions)
    {
        int d = Shape.HiddenSize, m = Shape.OutputSegments, rows = m * batch, state = batch * d;
        int position = Shape.PositionWidth;
        ReadOnlySpan<T> positions = Layout.PositionEmbedding!.Slice(parameters);
        ReadOnlySpan<T> channelTable = Shape.UsesChannelIds ? Layout.ChannelEmbedding!.Slice(parameters) : default;
        bool lstm = Shape.Cell == CellKind.Lstm;
        for (int j = 0; j < m; j++)
        {
            for (int b = 0; b < batch; b++)
            {
                Span<T> input = _inputs.AsSpan((j * batch + b) * d, d);
                positions.Slice(j * position, position).CopyTo(input);
                if (Shape.UsesChannelIds)
                    channelTable.Slice(channels[b] * (d - position), d - position).CopyTo(input.Slice(position));
            }
            finalHidden.Slice(0, state).CopyTo(_initialHidden.AsSpan(j * state, state));
            if (lstm)
                finalCell.Slice(0, state).CopyTo(_initialCell.AsSpan(j * state, state));
        }

        _step.Forward(Layout.Recurrent(parameters), _inputs.AsSpan(0, rows * d), rows,
            _initialHidden.AsSpan(0, rows * d), lstm ? _initialCell.AsSpan(0, rows * d) : default);
        Predict(parameters, 0, m, batch, _step.FinalHidden(rows), predictions);
    }

    public override void Backward(ReadOnlySpan<T> parameters, ReadOnlySpan<int> channels, int batch, ReadOnlySpan<T> predictions, Span<T> predictionGradient,
        Span<T> gradient, Span<T> finalHiddenGradient, Span<T> finalCellGradient)
    {
        int d = Shape.HiddenSize, m = Shape.OutputSegments, rows = m * batch, state = batch * d;
        bool lstm = Shape.Cell == CellKind.Lstm;
        Span<T> stateGradient = _stateGradient.AsSpan(0, rows * d);
        stateGradient.Clear();
        AddStateGradient(parameters, 0, m, batch, predictionGradient, stateGradient);
        AccumulatePredictionGradients(parameters, batch, predictionGradient, gradient);

        // The step's own cell state feeds nothing, so only its hidden state has a gradient.
        Span<T> initialHiddenGradient = _initialHiddenGradient.AsSpan(0, rows * d);
        Span<T> initialCellGradient = lstm ? _initialCellGradient.AsSpan(0, rows * d) : default;
        Span<T> inputGradient = _inputGradient.AsSpan(0, rows * d);
        _step.Backward(Layout.Recurrent(parameters), _inputs.AsSpan(0, rows * d), default, stateGradient, rows, Layout.Recurrent(gradient),
            inputGradient, _workspace, default, initialHiddenGradient, initialCellGradient);

        // Every segment started from the same h_n (and c_n): their gradients add up.
        initialHiddenGradient.Slice(0, state).CopyTo(finalHiddenGradient);
        if (lstm)
            initialCellGradient.Slice(0, state).CopyTo(finalCellGradient);
        for (int j = 1; j < m; j++)
        {
            TensorPrimitives.Add(finalHiddenGradient.Slice(0, state), initialHiddenGradient.Slice(j * state, state), finalHiddenGradient);
            if (lstm)
                TensorPrimitives.Add(finalCellGradient.Slice(0, state), initialCellGradient.Slice(j * state, state), finalCellGradient);
        }

        // pos_emb[j] and channel_emb[c] receive the gradient of every input row that copied them.
        int position = Shape.PositionWidth;
        Span<T> positions = Layout.PositionEmbedding!.Slice(gradient);
        Span<T> channelTable = Shape.UsesChannelIds ? Layout.ChannelEmbedding!.Slice(gradient) : default;
        for (int j = 0; j < m; j++)
        {
            Span<T> positionGradient = positions.Slice(j * position, position);
            for (int b = 0; b < batch; b++)
            {
                ReadOnlySpan<T> row = inputGradient.Slice((j * batch + b) * d, d);
                TensorPrimitives.Add(positionGradient, row.Slice(0, position), positionGradient);
                if (Shape.UsesChannelIds)
                {
                    Span<T> channelGradient = channelTable.Slice(channels[b] * (d - position), d - position);
                    TensorPrimitives.Add(channelGradient, row.Slice(position), channelGradient);
                }
            }
        }
    }
}
