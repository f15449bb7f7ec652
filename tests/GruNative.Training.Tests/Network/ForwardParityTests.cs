using System.Numerics;
using GruNative.Reference;
using GruNative.Training.Network;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>
/// The batched forward pass held to the runtime's reference (<see cref="ReferenceModel{T}"/> in double, one window at
/// a time): same weights, same windows. The shapes cover vector tails (H not a multiple of the vector width), stacked
/// layers, I &gt; 1, O &gt; 1 and batches below the network's maximum.
/// </summary>
public class ForwardParityTests(ITestOutputHelper output)
{
    public static TheoryData<CellKind, int, int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<CellKind, int, int, int, int, int, int>();
        foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
        {
            //        I   H  L  O  lookback batch
            data.Add(cell, 1, 8, 1, 1, 12, 5);
            data.Add(cell, 3, 16, 2, 4, 10, 7);
            data.Add(cell, 5, 24, 2, 3, 7, 9);
            data.Add(cell, 2, 37, 3, 6, 5, 6);
            data.Add(cell, 4, 64, 1, 24, 20, 4);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_network_matches_the_double_reference(CellKind cell, int input, int hidden, int layers, int outputSize, int lookback, int batch) =>
        AssertWithinOfReference<float>("float", bound: 1e-6, Spec(cell, input, hidden, layers, outputSize), lookback, batch);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_network_matches_the_double_reference(CellKind cell, int input, int hidden, int layers, int outputSize, int lookback, int batch) =>
        AssertWithinOfReference<double>("double", bound: 1e-12, Spec(cell, input, hidden, layers, outputSize), lookback, batch);

    private void AssertWithinOfReference<T>(string precision, double bound, ModelSpec spec, int lookback, int batch) where T : IFloatingPointIeee754<T>
    {
        double delta = MaxDeltaToReference<T>(spec, lookback, batch);
        output.WriteLine($"{precision}: max |Δ| = {delta:E2}");
        Assert.True(delta <= bound, $"max |Δ| = {delta:E3}");
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Loss_is_the_sum_of_squared_errors_of_the_reference_forecasts(CellKind cell)
    {
        var spec = Spec(cell, 2, 7, 2, 3);
        const int lookback = 9, batch = 4;
        var weights = ModelWeights.CreateRandom(spec, 5);
        double[] inputs = Uniform<double>(batch * lookback * spec.InputSize, 6);
        double[] targets = Uniform<double>(batch * spec.OutputSize, 7);
        var network = new Network<double>(spec, lookback, batch);

        double loss = network.ForwardBackward(NetworkParameters<double>.FromWeights(weights), inputs, targets, batch, new double[network.Layout.Length]);

        var reference = new ReferenceModel<double>(weights);
        var forecast = new double[spec.OutputSize];
        double expected = 0;
        for (int b = 0; b < batch; b++)
        {
            reference.Forecast(inputs.AsSpan(b * lookback * spec.InputSize, lookback * spec.InputSize), forecast);
            for (int o = 0; o < spec.OutputSize; o++)
                expected += Math.Pow(forecast[o] - targets[b * spec.OutputSize + o], 2);
            // LastOutputs exposes the forecasts the loss was computed from.
            Assert.Equal(forecast, network.LastOutputs.Slice(b * spec.OutputSize, spec.OutputSize).ToArray(), (x, y) => Math.Abs(x - y) <= 1e-12);
        }
        Assert.Equal(expected, loss, 1e-12);
    }

    private static double MaxDeltaToReference<T>(ModelSpec spec, int lookback, int batch) where T : IFloatingPointIeee754<T>
    {
        var weights = ModelWeights.CreateRandom(spec, seed: spec.HiddenSize + spec.Layers);
        T[] inputs = Uniform<T>(batch * lookback * spec.InputSize, seed: 17, scale: 1.5);
        var network = new Network<T>(spec, lookback, maxBatch: batch + 3);
        var outputs = new T[batch * spec.OutputSize];
        network.Forward(NetworkParameters<T>.FromWeights(weights), inputs, batch, outputs);

        var reference = new ReferenceModel<double>(weights);
        double[] windows = EngineOutputs.Widen<T>(inputs);
        var expected = new double[batch * spec.OutputSize];
        int window = lookback * spec.InputSize;
        for (int b = 0; b < batch; b++)
            reference.Forecast(windows.AsSpan(b * window, window), expected.AsSpan(b * spec.OutputSize, spec.OutputSize));
        return MaxAbsDifference(EngineOutputs.Widen<T>(outputs), expected);
    }
}
