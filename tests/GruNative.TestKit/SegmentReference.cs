namespace GruNative.TestKit;

/// <summary>
/// SegRNN's forecast written from the paper's description with plain loops over named tensors, one window at a time, in
/// float64: the oracle the trainer's batched network and the runtime's reference forward pass are held to. It shares no
/// code with either (it reads only tensor names and plain sizes, not even SegmentModelSpec).
/// </summary>
/// <remarks>
/// Tensors are PyTorch's, row-major: valueEmbedding.0.weight [d, w], rnn.weight_ih_l0 [G·d, d] with gate blocks in
/// PyTorch's order (GRU r, z, n; LSTM i, f, g, o), predict.1.weight [w, d], pos_emb [m, ·], channel_emb [C, d/2].
/// </remarks>
public sealed class SegmentReference(IReadOnlyDictionary<string, double[]> tensors, bool lstm, int lookback, int horizon, int segment, int hidden, bool recurrentDecoding)
{
    /// <summary>The forecast of one window ([L]) of channel <paramref name="channel"/> (null: no channel ids): [H].</summary>
    public double[] Forecast(double[] window, int? channel)
    {
        int w = segment, d = hidden, n = lookback / w, m = horizon / w;
        double last = window[lookback - 1];
        var h = new double[d];
        var c = new double[d];

        // Encoder: each segment, minus the last value, embedded by Linear + ReLU, then one cell step.
        for (int t = 0; t < n; t++)
        {
            var x = new double[w];
            for (int k = 0; k < w; k++)
                x[k] = window[t * w + k] - last;
            (h, c) = Step(Embed(x), h, c);
        }

        var forecast = new double[horizon];
        for (int j = 0; j < m; j++)
        {
            double[] y;
            if (!recurrentDecoding)
            {
                // PMF: one step from the encoder's state whose input is pos_emb[j] (and channel_emb[c]).
                var input = new List<double>(Row("pos_emb", j));
                if (channel is int id)
                    input.AddRange(Row("channel_emb", id));
                var (hj, _) = Step([.. input], h, c);
                y = Linear("predict.1", hj);
            }
            else
            {
                // RMF: predict from the current state, then feed the embedded prediction back.
                y = Linear("predict.1", h);
                if (j < m - 1)
                    (h, c) = Step(Embed(y), h, c);
            }
            for (int k = 0; k < w; k++)
                forecast[j * w + k] = y[k] + last;
        }
        return forecast;
    }

    private double[] Embed(double[] segmentValues)
    {
        double[] e = Linear("valueEmbedding.0", segmentValues);
        for (int i = 0; i < e.Length; i++)
            e[i] = Math.Max(e[i], 0);
        return e;
    }

    // y = W x + b with W [out, in] row-major.
    private double[] Linear(string module, double[] x)
    {
        double[] weight = tensors[module + ".weight"], bias = tensors[module + ".bias"];
        var y = new double[bias.Length];
        for (int o = 0; o < y.Length; o++)
        {
            double sum = bias[o];
            for (int i = 0; i < x.Length; i++)
                sum += weight[o * x.Length + i] * x[i];
            y[o] = sum;
        }
        return y;
    }

    private double[] Row(string name, int row)
    {
        double[] table = tensors[name];
        int width = name == "pos_emb" ? table.Length / (horizon / segment) : hidden / 2;
        return table.AsSpan(row * width, width).ToArray();
    }

    // Gate g's pre-activation from the input side (W_ig x + b_ig) or the state side (W_hg h + b_hg).
    private double Gate(string side, int gate, int unit, double[] v)
    {
        double[] weight = tensors[$"rnn.weight_{side}_l0"], bias = tensors[$"rnn.bias_{side}_l0"];
        int row = gate * hidden + unit;
        double sum = bias[row];
        for (int i = 0; i < v.Length; i++)
            sum += weight[row * v.Length + i] * v[i];
        return sum;
    }

    private (double[] H, double[] C) Step(double[] x, double[] h, double[] c)
    {
        var hNext = new double[hidden];
        var cNext = new double[hidden];
        for (int u = 0; u < hidden; u++)
        {
            if (!lstm)
            {
                double r = Sigmoid(Gate("ih", 0, u, x) + Gate("hh", 0, u, h));
                double z = Sigmoid(Gate("ih", 1, u, x) + Gate("hh", 1, u, h));
                double candidate = Math.Tanh(Gate("ih", 2, u, x) + r * Gate("hh", 2, u, h));
                hNext[u] = (1 - z) * candidate + z * h[u];
            }
            else
            {
                double i = Sigmoid(Gate("ih", 0, u, x) + Gate("hh", 0, u, h));
                double f = Sigmoid(Gate("ih", 1, u, x) + Gate("hh", 1, u, h));
                double g = Math.Tanh(Gate("ih", 2, u, x) + Gate("hh", 2, u, h));
                double o = Sigmoid(Gate("ih", 3, u, x) + Gate("hh", 3, u, h));
                cNext[u] = f * c[u] + i * g;
                hNext[u] = o * Math.Tanh(cNext[u]);
            }
        }
        return (hNext, cNext);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
