using System.Runtime.CompilerServices;
using GruNative.Reference;
using GruNative.Training.Network;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>
/// Dropout between stacked layers in <see cref="Network{T}"/>: the masked forward held to the reference cells run by
/// hand on the masked sequences, the masks' statistics and keying, evaluation untouched, no allocation, bad arguments.
/// </summary>
public class DropoutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CellKind.Gru, 2, 0.3)]
    [InlineData(CellKind.Lstm, 2, 0.3)]
    [InlineData(CellKind.Gru, 3, 0.5)]
    [InlineData(CellKind.Lstm, 3, 0.5)]
    public void Masked_forward_equals_the_reference_layers_run_on_the_masked_sequence(CellKind cell, int layers, double dropout)
    {
        var spec = Spec(cell, input: 2, hidden: 7, layers, output: 3);
        const int lookback = 8, batch = 4;
        var weights = ModelWeights.CreateRandom(spec, 31);
        double[] inputs = Uniform<double>(batch * lookback * spec.InputSize, 32, scale: 1.5);
        double[] targets = Uniform<double>(batch * spec.OutputSize, 33);
        ulong[] keys = [11, 22, 33, 44];
        var network = new Network<double>(spec, lookback, batch, dropout);

        double loss = network.ForwardBackward(NetworkParameters<double>.FromWeights(weights).Values, inputs, targets, batch, new double[network.Layout.Length], keys);

        // The mask the network reports is the documented function of the keys, not just whatever it used.
        int hidden = spec.HiddenSize;
        double scale = 1.0 / (1.0 - dropout);
        for (int k = 1; k < layers; k++)
        {
            ReadOnlySpan<double> mask = network.DropoutMask(k, batch);
            for (int t = 0; t < lookback; t++)
                for (int b = 0; b < batch; b++)
                    for (int j = 0; j < hidden; j++)
                    {
                        ulong counter = ((ulong)k * lookback + (ulong)t) * (ulong)hidden + (ulong)j;
                        double expected = DeterministicRandom.DoubleAt(keys[b], counter) < dropout ? 0 : scale;
                        Assert.Equal(expected, mask[(t * batch + b) * hidden + j]);
                    }
        }

        // By hand, one window at a time: each reference layer runs over the whole sequence of the layer below, masked
        // and scaled where the network says, then the head reads the top layer's last state.
        var layerParameters = Enumerable.Range(0, layers).Select(k => new LayerParameters<double>(weights.Layers[k], spec.LayerInputSize(k), hidden)).ToArray();
        double[] headWeight = [.. weights.HeadWeight.ToArray().Select(v => (double)v)];
        double[] headBias = [.. weights.HeadBias.ToArray().Select(v => (double)v)];
        double expectedLoss = 0;
        for (int b = 0; b < batch; b++)
        {
            double[] sequence = inputs.AsSpan(b * lookback * spec.InputSize, lookback * spec.InputSize).ToArray();
            for (int k = 0; k < layers; k++)
            {
                if (k > 0)
                {
                    ReadOnlySpan<double> mask = network.DropoutMask(k, batch);
                    for (int t = 0; t < lookback; t++)
                        for (int j = 0; j < hidden; j++)
                            sequence[t * hidden + j] *= mask[(t * batch + b) * hidden + j];
                }
                sequence = RunLayer(cell, layerParameters[k], sequence, lookback);
            }
            var forecast = new double[spec.OutputSize];
            ReferenceCells.Dense<double>(headWeight, headBias, sequence.AsSpan((lookback - 1) * hidden, hidden), forecast);
            double[] actual = network.LastOutputs.Slice(b * spec.OutputSize, spec.OutputSize).ToArray();
            output.WriteLine($"window {b}: max |Δ| = {MaxAbsDifference(actual, forecast):E2}");
            Assert.Equal(forecast, actual, (x, y) => Math.Abs(x - y) <= 1e-12);
            for (int o = 0; o < spec.OutputSize; o++)
                expectedLoss += Math.Pow(forecast[o] - targets[b * spec.OutputSize + o], 2);
        }
        Assert.Equal(expectedLoss, loss, 1e-12);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void The_fraction_dropped_is_p_and_kept_units_are_scaled_by_exactly_one_over_one_minus_p(double dropout)
    {
        var spec = Spec(CellKind.Gru, 1, 64, 3, 1);
        const int lookback = 25, batch = 16;
        var network = new Network<float>(spec, lookback, batch, dropout);
        var (parameters, inputs, targets) = Problem<float>(spec, lookback, batch, seed: 1);
        ulong[] keys = [.. Enumerable.Range(0, batch).Select(b => (ulong)b)];   // adjacent keys on purpose: the hash must still decorrelate them
        network.ForwardBackward(parameters, inputs, targets, batch, new float[network.Layout.Length], keys);

        float scale = (float)(1.0 / (1.0 - dropout));
        float[] below = network.DropoutMask(1, batch).ToArray(), above = network.DropoutMask(2, batch).ToArray();
        int n = below.Length, droppedBelow = 0, droppedAbove = 0, droppedBoth = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(below[i] == 0 || below[i] == scale, $"mask value {below[i]:R}");
            Assert.True(above[i] == 0 || above[i] == scale, $"mask value {above[i]:R}");
            droppedBelow += below[i] == 0 ? 1 : 0;
            droppedAbove += above[i] == 0 ? 1 : 0;
            droppedBoth += below[i] == 0 && above[i] == 0 ? 1 : 0;
        }

        // Binomial: n = 25 600 units per layer; 4σ is at most 0.0125 (p = 0.5). The layers' masks are independent, so
        // the same unit is dropped in both with probability p².
        double sigma = Math.Sqrt(dropout * (1 - dropout) / n), sigmaBoth = Math.Sqrt(dropout * dropout * (1 - dropout * dropout) / n);
        output.WriteLine($"p = {dropout}: dropped {droppedBelow / (double)n:F4} and {droppedAbove / (double)n:F4}, both {droppedBoth / (double)n:F4} (σ = {sigma:E2})");
        Assert.InRange(droppedBelow / (double)n, dropout - 4 * sigma, dropout + 4 * sigma);
        Assert.InRange(droppedAbove / (double)n, dropout - 4 * sigma, dropout + 4 * sigma);
        Assert.InRange(droppedBoth / (double)n, dropout * dropout - 4 * sigmaBoth, dropout * dropout + 4 * sigmaBoth);
    }

    [Fact]
    public void A_window_draws_the_same_mask_in_any_batch_slot_and_another_with_another_key()
    {
        var spec = Spec(CellKind.Lstm, 1, 9, 2, 1);
        const int lookback = 5;
        var network = new Network<double>(spec, lookback, 3, dropout: 0.5);
        double[] parameters = NetworkParameters<double>.Initialize(spec, 1).Values;
        var gradient = new double[network.Layout.Length];
        int state = 9;

        network.ForwardBackward(parameters, Uniform<double>(3 * lookback, 2), Uniform<double>(3, 3), 3, gradient, [7, 8, 9]);
        double[] first = network.DropoutMask(1, 3).ToArray();
        network.ForwardBackward(parameters, Uniform<double>(2 * lookback, 4), Uniform<double>(2, 5), 2, gradient, [9, 7]);
        double[] second = network.DropoutMask(1, 2).ToArray();

        for (int t = 0; t < lookback; t++)
        {
            // Key 7: slot 0 of 3, then slot 1 of 2. Key 9: slot 2 of 3, then slot 0 of 2. Key 8 differs from both.
            Assert.Equal(first.AsSpan((t * 3 + 0) * state, state).ToArray(), second.AsSpan((t * 2 + 1) * state, state).ToArray());
            Assert.Equal(first.AsSpan((t * 3 + 2) * state, state).ToArray(), second.AsSpan((t * 2 + 0) * state, state).ToArray());
        }
        Assert.NotEqual(Slot(first, 0), Slot(first, 1));

        double[] Slot(double[] mask, int b) => [.. Enumerable.Range(0, lookback).SelectMany(t => mask.Skip((t * 3 + b) * state).Take(state))];
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Forward_never_drops_out(CellKind cell)
    {
        var spec = Spec(cell, 2, 10, 3, 2);
        const int lookback = 7, batch = 5;
        var (parameters, inputs, targets) = Problem<float>(spec, lookback, batch, seed: 3);
        var plain = new float[batch * 2];
        new Network<float>(spec, lookback, batch).Forward(parameters, inputs, batch, plain);

        var network = new Network<float>(spec, lookback, batch, dropout: 0.5);
        var before = new float[batch * 2];
        network.Forward(parameters, inputs, batch, before);
        network.ForwardBackward(parameters, inputs, targets, batch, new float[network.Layout.Length], [1, 2, 3, 4, 5]);
        Assert.NotEqual(plain, network.LastOutputs.ToArray());   // the training pass did drop out
        var after = new float[batch * 2];
        network.Forward(parameters, inputs, batch, after);        // and left nothing behind for the next forecast

        Assert.Equal(plain, before);
        Assert.Equal(plain, after);
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void With_one_layer_dropout_changes_nothing(CellKind cell)
    {
        // As PyTorch: only outputs that feed another layer are dropped, and a single layer feeds only the head.
        var spec = Spec(cell, 2, 8, 1, 3);
        const int lookback = 6, batch = 4;
        var (parameters, inputs, targets) = Problem<float>(spec, lookback, batch, seed: 7);
        var plain = new float[parameters.Length];
        float plainLoss = new Network<float>(spec, lookback, batch).ForwardBackward(parameters, inputs, targets, batch, plain);
        var dropped = new float[parameters.Length];
        float droppedLoss = new Network<float>(spec, lookback, batch, dropout: 0.5).ForwardBackward(parameters, inputs, targets, batch, dropped);

        Assert.Equal(plainLoss, droppedLoss);
        Assert.Equal(plain, dropped);
    }

    [Fact]
    public void ForwardBackward_with_dropout_allocates_nothing_after_warm_up()
    {
        var spec = Spec(CellKind.Gru, 3, 20, 3, 5);
        const int lookback = 16, maxBatch = 8;
        var network = new Network<float>(spec, lookback, maxBatch, dropout: 0.25);
        var (parameters, inputs, targets) = Problem<float>(spec, lookback, maxBatch, seed: 1);
        var gradient = new float[network.Layout.Length];
        var keys = new ulong[maxBatch];

        for (int i = 0; i < 50; i++)
            Run(network, parameters, inputs, targets, gradient, keys, (ulong)i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
            Run(network, parameters, inputs, targets, gradient, keys, (ulong)i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run(Network<float> network, float[] parameters, float[] inputs, float[] targets, float[] gradient, ulong[] keys, ulong draw)
    {
        for (int b = 0; b < keys.Length; b++)
            keys[b] = draw * 100 + (ulong)b;
        network.ForwardBackward(parameters, inputs, targets, keys.Length, gradient, keys);
    }

    [Fact]
    public void Bad_rates_and_missing_keys_are_refused()
    {
        var spec = Spec(CellKind.Gru, 1, 4, 2, 1);
        foreach (double p in new[] { -0.1, 1.0, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(spec, 3, 2, p));

        var network = new Network<float>(spec, 3, 2, dropout: 0.2);
        float[] parameters = NetworkParameters<float>.Initialize(spec, 1).Values;
        var gradient = new float[parameters.Length];
        var missing = Assert.Throws<ArgumentException>(() => network.ForwardBackward(parameters, new float[6], new float[2], 2, gradient));
        Assert.Contains("one dropout key per window", missing.Message);
        Assert.Throws<ArgumentException>(() => network.ForwardBackward(parameters, new float[6], new float[2], 2, gradient, [1]));
        Assert.Equal(0.2, network.Dropout);
    }

    // One reference layer over a whole sequence from a zero state: [S][in] → [S][H].
    private static double[] RunLayer(CellKind cell, LayerParameters<double> layer, double[] sequence, int steps)
    {
        int hidden = layer.HiddenSize, width = layer.InputSize;
        var outputs = new double[steps * hidden];
        double[] h = new double[hidden], c = new double[hidden], hNext = new double[hidden], cNext = new double[hidden];
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<double> x = sequence.AsSpan(t * width, width);
            if (cell == CellKind.Gru)
            {
                ReferenceCells.GruStep(layer, x, h, hNext);
            }
            else
            {
                ReferenceCells.LstmStep(layer, x, h, c, hNext, cNext);
                cNext.CopyTo(c, 0);
            }
            hNext.CopyTo(h, 0);
            h.CopyTo(outputs, t * hidden);
        }
        return outputs;
    }
}
