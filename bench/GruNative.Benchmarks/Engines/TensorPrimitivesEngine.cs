using System.Numerics.Tensors;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// The step a careful .NET user would write by hand with <see cref="TensorPrimitives"/>: weights transposed once at
/// load so each input column is contiguous, every gate pre-activation accumulated column by column with one
/// <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/> per input
/// and per hidden unit (G·H values each), then TensorPrimitives' Sigmoid and Tanh over the gate blocks, and one
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per head output. Buffers are
/// allocated once; a step allocates nothing.
/// </summary>
/// <remarks>
/// Column form rather than one Dot per gate row: in + H calls per layer instead of G·H or more, and TensorPrimitives'
/// fixed cost per call dominates at these sizes. PyTorch's formulas, gate blocks r, z, n (GRU) and i, f, g, o (LSTM);
/// GRU keeps W_hn·h + b_hn apart, since r multiplies it.
/// </remarks>
public sealed class TensorPrimitivesEngine : ForecastEngine
{
    private readonly Layer[] _layers;
    private readonly float[] _headWeight;   // [O, H], PyTorch's layout: one Dot per output
    private readonly float[] _headBias;

    public TensorPrimitivesEngine(ModelWeights weights) : base(weights.Spec)
    {
        _layers = new Layer[Spec.Layers];
        for (int k = 0; k < _layers.Length; k++)
            _layers[k] = new Layer(Spec.Cell, Spec.LayerInputSize(k), Spec.HiddenSize, weights.Layers[k]);
        _headWeight = weights.HeadWeight.ToArray();
        _headBias = weights.HeadBias.ToArray();
    }

    public override void Reset()
    {
        foreach (var layer in _layers)
            layer.Reset();
    }

    public override void Step(ReadOnlySpan<float> input, Span<float> forecast)
    {
        Advance(input);
        Head(forecast);
    }

    public override void Forecast(ReadOnlySpan<float> window, Span<float> forecast)
    {
        Reset();
        for (int t = 0; t < window.Length; t += Spec.InputSize)
            Advance(window.Slice(t, Spec.InputSize));
        Head(forecast);
    }

    public override bool TryCopyState(Span<float> destination)
    {
        int h = Spec.HiddenSize, layers = _layers.Length;
        for (int k = 0; k < layers; k++)
        {
            _layers[k].Hidden.CopyTo(destination.Slice(k * h, h));
            if (Spec.Cell == CellKind.Lstm)
                _layers[k].Cell.CopyTo(destination.Slice((layers + k) * h, h));
        }
        return true;
    }

    private void Advance(ReadOnlySpan<float> input)
    {
        ReadOnlySpan<float> x = input;
        foreach (var layer in _layers)
        {
            layer.Step(x);
            x = layer.Hidden;
        }
    }

    private void Head(Span<float> forecast)
    {
        ReadOnlySpan<float> top = _layers[^1].Hidden;
        int h = top.Length;
        for (int o = 0; o < forecast.Length; o++)
            forecast[o] = TensorPrimitives.Dot(_headWeight.AsSpan(o * h, h), top) + _headBias[o];
    }

    /// <summary>One recurrent layer: transposed weights, state and scratch.</summary>
    private sealed class Layer
    {
        private readonly CellKind _cell;
        private readonly int _inputSize, _hidden, _gates;
        private readonly float[] _inputColumns;       // [in][G·H]: W_ihᵀ
        private readonly float[] _hiddenColumns;      // [H][G·H]: W_hhᵀ
        private readonly float[] _inputBias;          // [G·H]: b_ih (LSTM: b_ih + b_hh)
        private readonly float[] _hiddenBias;         // [G·H]: b_hh (GRU only)
        private readonly float[] _fromInput;          // [G·H]: GRU W_ih x + b_ih; LSTM all pre-activations
        private readonly float[] _fromHidden;         // [G·H]: GRU W_hh h + b_hh
        private readonly float[] _scratch;            // [H]

        public Layer(CellKind cell, int inputSize, int hidden, RecurrentLayerWeights weights)
        {
            _cell = cell;
            _inputSize = inputSize;
            _hidden = hidden;
            _gates = cell.GateCount() * hidden;
            _inputColumns = Transpose(weights.WeightIh, _gates, inputSize);
            _hiddenColumns = Transpose(weights.WeightHh, _gates, hidden);
            _inputBias = weights.BiasIh.ToArray();
            _hiddenBias = weights.BiasHh.ToArray();
            if (cell == CellKind.Lstm)
                TensorPrimitives.Add(_inputBias, _hiddenBias, _inputBias);
            _fromInput = new float[_gates];
            _fromHidden = new float[_gates];
            _scratch = new float[hidden];
            Hidden = new float[hidden];
            Cell = new float[cell == CellKind.Lstm ? hidden : 0];
        }

        public float[] Hidden { get; }

        public float[] Cell { get; }

        public void Reset()
        {
            Array.Clear(Hidden);
            Array.Clear(Cell);
        }

        public void Step(ReadOnlySpan<float> x)
        {
            Span<float> pre = _fromInput;
            _inputBias.CopyTo(pre);
            for (int k = 0; k < _inputSize; k++)
                TensorPrimitives.MultiplyAdd(_inputColumns.AsSpan(k * _gates, _gates), x[k], pre, pre);
            // GRU accumulates the recurrent part apart (r multiplies its n block); LSTM adds it to the same sums.
            Span<float> recurrent = _cell == CellKind.Gru ? _fromHidden : pre;
            if (_cell == CellKind.Gru)
                _hiddenBias.CopyTo(recurrent);
            for (int k = 0; k < _hidden; k++)
                TensorPrimitives.MultiplyAdd(_hiddenColumns.AsSpan(k * _gates, _gates), Hidden[k], recurrent, recurrent);

            int h = _hidden;
            Span<float> state = Hidden, scratch = _scratch;
            if (_cell == CellKind.Gru)
            {
                Span<float> rz = pre[..(2 * h)], r = pre[..h], z = pre.Slice(h, h), n = pre.Slice(2 * h, h);
                TensorPrimitives.Add(rz, recurrent[..(2 * h)], rz);
                TensorPrimitives.Sigmoid(rz, rz);
                TensorPrimitives.MultiplyAdd(r, recurrent.Slice(2 * h, h), n, n);   // n = W_in x + b_in + r ⊙ (W_hn h + b_hn)
                TensorPrimitives.Tanh(n, n);
                TensorPrimitives.Subtract(state, n, scratch);                       // h' = n + z ⊙ (h − n)
                TensorPrimitives.MultiplyAdd(z, scratch, n, state);
            }
            else
            {
                Span<float> i = pre[..h], f = pre.Slice(h, h), g = pre.Slice(2 * h, h), o = pre.Slice(3 * h, h), c = Cell;
                TensorPrimitives.Sigmoid(pre[..(2 * h)], pre[..(2 * h)]);
                TensorPrimitives.Tanh(g, g);
                TensorPrimitives.Sigmoid(o, o);
                TensorPrimitives.Multiply(f, c, c);                                 // c' = f ⊙ c + i ⊙ g
                TensorPrimitives.MultiplyAdd(i, g, c, c);
                TensorPrimitives.Tanh(c, scratch);                                  // h' = o ⊙ tanh(c')
                TensorPrimitives.Multiply(o, scratch, state);
            }
        }

        private static float[] Transpose(ReadOnlySpan<float> rows, int rowCount, int columnCount)
        {
            var columns = new float[rows.Length];
            for (int r = 0; r < rowCount; r++)
            {
                for (int c = 0; c < columnCount; c++)
                    columns[c * rowCount + r] = rows[r * columnCount + c];
            }
            return columns;
        }
    }
}
