using GruNative.Training.Network;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>
/// Back-propagation through time with dropout between layers, held to central finite differences in float64 as in
/// <see cref="GradientCheckTests"/> (same ε, same per-tensor and per-element tolerance). The dropout keys are fixed, so
/// every call draws the same masks and the loss is a smooth function of the parameters that the differences can probe.
/// Forgetting to mask the sequence gradient on its way down fails this check for every tensor below the top layer.
/// </summary>
public class DropoutGradientCheckTests(ITestOutputHelper output)
{
    private const double Epsilon = 1e-5;
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(CellKind.Gru, 2, 6, 3, 0.4)]
    [InlineData(CellKind.Lstm, 2, 6, 3, 0.4)]
    [InlineData(CellKind.Gru, 3, 4, 2, 0.3)]    // three layers: a middle layer's input is masked and its gradient masked on the way down
    [InlineData(CellKind.Lstm, 3, 4, 2, 0.3)]
    [InlineData(CellKind.Gru, 2, 5, 2, 0.8)]    // heavy dropout: few units survive, each scaled by 5
    public void Analytic_gradient_with_fixed_masks_matches_central_differences(CellKind cell, int layers, int lookback, int batch, double dropout)
    {
        var spec = Spec(cell, input: 3, hidden: 5, layers, output: 4);
        var parameters = NetworkParameters<double>.Initialize(spec, seed: 13 * layers + lookback);
        for (int i = 0; i < parameters.Values.Length; i++)
            parameters.Values[i] *= 2.5;   // toward saturation, as in GradientCheckTests
        var network = new Network<double>(spec, lookback, maxBatch: batch + 1, dropout);
        double[] inputs = Uniform<double>(batch * lookback * spec.InputSize, seed: 5, scale: 2);
        double[] targets = Uniform<double>(batch * spec.OutputSize, seed: 6);
        ulong[] keys = [.. Enumerable.Range(0, batch).Select(b => 0xC0FFEEUL + (ulong)b * 7919)];

        var gradient = new double[network.Layout.Length];
        network.ForwardBackward(parameters.Values, inputs, targets, batch, gradient, keys);
        AssertMasksAreMixed(network, layers, batch);

        var scratch = new double[gradient.Length];
        AssertMatchesCentralDifferences(network.Layout, parameters.Values, gradient,
            t => network.ForwardBackward(t, inputs, targets, batch, scratch, keys), Epsilon, Tolerance,
            $"{spec}, p = {dropout}", output);
    }

    [Fact]
    public void Dropout_changes_the_gradient_of_the_layers_below_the_top()
    {
        // Guards the check above against passing vacuously: with the same parameters and windows, the masks must change
        // the gradient of layer 0 (whose outputs are dropped) and leave no tensor's gradient identically zero.
        var spec = Spec(CellKind.Gru, 3, 5, 2, 4);
        const int lookback = 6, batch = 3;
        double[] parameters = NetworkParameters<double>.Initialize(spec, 1).Values;
        double[] inputs = Uniform<double>(batch * lookback * 3, 2), targets = Uniform<double>(batch * 4, 3);
        var plain = new double[parameters.Length];
        new Network<double>(spec, lookback, batch).ForwardBackward(parameters, inputs, targets, batch, plain);
        var dropped = new double[parameters.Length];
        new Network<double>(spec, lookback, batch, dropout: 0.4).ForwardBackward(parameters, inputs, targets, batch, dropped, [1, 2, 3]);

        var layout = new ParameterLayout(spec);
        Assert.True(RelativeError(layout.WeightIh(0).Slice<double>(plain), layout.WeightIh(0).Slice<double>(dropped)) > 1e-3);
        foreach (var tensor in layout.Tensors)
            Assert.True(MaxAbs(tensor.Slice<double>(dropped)) > 1e-6, $"{tensor.Name} has a zero gradient.");
    }

    // Some units dropped and some kept in every masked layer, or the check would not exercise the masks.
    private static void AssertMasksAreMixed(Network<double> network, int layers, int batch)
    {
        for (int k = 1; k < layers; k++)
        {
            var mask = network.DropoutMask(k, batch).ToArray();
            Assert.Contains(0.0, mask);
            Assert.Contains(mask, m => m > 1);
        }
    }

}
