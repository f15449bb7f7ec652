using GruNative.Training.Network;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>
/// Back-propagation through time held to central finite differences in float64, for every element of every
/// parameter tensor. Per tensor, relative error = ‖g − g_fd‖₂ / max(‖g‖₂, ‖g_fd‖₂, 1e-300) must be ≤ 1e-6; with
/// ε = 1e-5 the finite differences themselves are good to about 1e-9 here (O(ε²) truncation, O(1e-16 / ε) rounding).
/// </summary>
/// <remarks>
/// With dropout between layers the check is the same (same ε, same per-tensor and per-element tolerance). The dropout
/// keys are fixed, so every call draws the same masks and the loss is a smooth function of the parameters that the
/// differences can probe. Forgetting to mask the sequence gradient on its way down fails this check for every tensor
/// below the top layer.
/// </remarks>
public class GradientCheckTests(ITestOutputHelper output)
{
    private const double Epsilon = 1e-5;
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(CellKind.Gru, 1, 6, 3)]
    [InlineData(CellKind.Gru, 2, 6, 3)]
    [InlineData(CellKind.Lstm, 1, 6, 3)]
    [InlineData(CellKind.Lstm, 2, 6, 3)]
    [InlineData(CellKind.Gru, 3, 4, 2)]    // three layers: a middle layer both receives and hands down a sequence gradient
    [InlineData(CellKind.Lstm, 3, 4, 2)]
    [InlineData(CellKind.Gru, 2, 1, 1)]    // one step: no recurrent product at all, so ∂W_hh = 0
    [InlineData(CellKind.Lstm, 2, 1, 1)]
    public void Analytic_gradient_of_every_tensor_matches_central_differences(CellKind cell, int layers, int lookback, int batch) =>
        CheckAgainstCentralDifferences(cell, layers, lookback, batch, dropout: 0, parameterSeed: 11 * layers + lookback, inputSeed: 3,
            (spec, _) => $"{spec}, lookback {lookback}, batch {batch}");

    [Theory]
    [InlineData(CellKind.Gru, 2, 6, 3, 0.4)]
    [InlineData(CellKind.Lstm, 2, 6, 3, 0.4)]
    [InlineData(CellKind.Gru, 3, 4, 2, 0.3)]    // three layers: a middle layer's input is masked and its gradient masked on the way down
    [InlineData(CellKind.Lstm, 3, 4, 2, 0.3)]
    [InlineData(CellKind.Gru, 2, 5, 2, 0.8)]    // heavy dropout: few units survive, each scaled by 5
    public void Analytic_gradient_with_fixed_masks_matches_central_differences(CellKind cell, int layers, int lookback, int batch, double dropout) =>
        CheckAgainstCentralDifferences(cell, layers, lookback, batch, dropout, parameterSeed: 13 * layers + lookback, inputSeed: 5,
            (spec, network) =>
            {
                AssertMasksAreMixed(network, layers, batch);
                return $"{spec}, p = {dropout}";
            });

    [Theory]
    [InlineData(CellKind.Gru, ForecastLoss.Pinball)]
    [InlineData(CellKind.Lstm, ForecastLoss.Pinball)]
    [InlineData(CellKind.Gru, ForecastLoss.AbsoluteError)]
    [InlineData(CellKind.Lstm, ForecastLoss.Huber)]
    public void Analytic_gradient_of_the_other_losses_matches_central_differences(CellKind cell, ForecastLoss loss) =>
        // Targets alternately 0.3 above and below the forecasts: both pieces of each loss are exercised (at δ = 0.25 the
        // Huber loss is absolute at every output but the kinks lie ε-far from none), and τ = 0.8 makes the pinball loss's
        // two slopes differ, so exchanging them shows.
        CheckAgainstCentralDifferences(cell, layers: 2, lookback: 5, batch: 3, dropout: 0, parameterSeed: 17, inputSeed: 9,
            (spec, _) => $"{spec}, {loss}", loss, targetsAround: 0.3);

    // One network of I = 3, H = 5, O = 4 over `batch` windows (one below its maximum batch on purpose), its analytic
    // gradient held to central differences. `checkFirstPass` sees the network after the first pass and names the case.
    // With `targetsAround`, the targets are the first pass's forecasts ± that much, alternately.
    private void CheckAgainstCentralDifferences(
        CellKind cell, int layers, int lookback, int batch, double dropout, int parameterSeed, int inputSeed,
        Func<ModelSpec, Network<double>, string> checkFirstPass, ForecastLoss loss = ForecastLoss.SquaredError, double? targetsAround = null)
    {
        var spec = Spec(cell, input: 3, hidden: 5, layers, output: 4);
        var parameters = NetworkParameters<double>.Initialize(spec, parameterSeed);
        // Larger weights than PyTorch's default bound (1/√5) push the gates toward saturation, where mistakes in the
        // activation derivatives show.
        for (int i = 0; i < parameters.Values.Length; i++)
            parameters.Values[i] *= 2.5;
        var network = new Network<double>(spec, lookback, maxBatch: batch + 1, dropout, loss, huberDelta: 0.25, quantile: 0.8);
        double[] inputs = Uniform<double>(batch * lookback * spec.InputSize, seed: inputSeed, scale: 2);
        double[] targets = Uniform<double>(batch * spec.OutputSize, seed: inputSeed + 1);
        // Ignored when the network does not drop out.
        ulong[] keys = [.. Enumerable.Range(0, batch).Select(b => 0xC0FFEEUL + (ulong)b * 7919)];

        var gradient = new double[network.Layout.Length];
        if (targetsAround is double offset)
        {
            network.ForwardBackward(parameters.Values, inputs, targets, batch, gradient, keys);
            var forecasts = network.LastOutputs.ToArray();
            for (int i = 0; i < targets.Length; i++)
                targets[i] = forecasts[i] + (i % 2 == 0 ? offset : -offset);
            Array.Clear(gradient);
        }
        network.ForwardBackward(parameters.Values, inputs, targets, batch, gradient, keys);
        string context = checkFirstPass(spec, network);

        var scratch = new double[gradient.Length];
        AssertMatchesCentralDifferences(network.Layout, parameters.Values, gradient,
            t => network.ForwardBackward(t, inputs, targets, batch, scratch, keys), Epsilon, Tolerance, context, output);
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

    [Fact]
    public void Gradient_of_the_recurrent_weights_is_not_trivially_zero()
    {
        // Guards the check above against passing vacuously (for example if the loss ignored the recurrence).
        var spec = Spec(CellKind.Gru, 3, 5, 2, 4);
        var network = new Network<double>(spec, 6, 3);
        var (parameters, inputs, targets) = Problem<double>(spec, lookback: 6, batch: 3, seed: 1);
        var gradient = new double[network.Layout.Length];
        network.ForwardBackward(parameters, inputs, targets, 3, gradient);
        foreach (var tensor in network.Layout.Tensors)
            Assert.True(MaxAbs(tensor.Slice<double>(gradient)) > 1e-6, $"{tensor.Name} has a zero gradient.");
    }

    [Fact]
    public void Dropout_changes_the_gradient_of_the_layers_below_the_top()
    {
        // Guards the check with masks against passing vacuously: with the same parameters and windows, the masks must
        // change the gradient of layer 0 (whose outputs are dropped) and leave no tensor's gradient identically zero.
        var spec = Spec(CellKind.Gru, 3, 5, 2, 4);
        const int lookback = 6, batch = 3;
        var (parameters, inputs, targets) = Problem<double>(spec, lookback, batch, seed: 1);
        var plain = new double[parameters.Length];
        new Network<double>(spec, lookback, batch).ForwardBackward(parameters, inputs, targets, batch, plain);
        var dropped = new double[parameters.Length];
        new Network<double>(spec, lookback, batch, dropout: 0.4).ForwardBackward(parameters, inputs, targets, batch, dropped, [1, 2, 3]);

        var layout = new ParameterLayout(spec);
        Assert.True(RelativeError(layout.WeightIh(0).Slice<double>(plain), layout.WeightIh(0).Slice<double>(dropped)) > 1e-3);
        foreach (var tensor in layout.Tensors)
            Assert.True(MaxAbs(tensor.Slice<double>(dropped)) > 1e-6, $"{tensor.Name} has a zero gradient.");
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Float_gradient_agrees_with_the_checked_double_gradient(CellKind cell)
    {
        // Training runs in float, whose vector widths and code paths differ from double's: hold it to the double gradient
        // checked above, at float's precision. H = 37 leaves tail columns after the 512- and 256-bit tiles.
        var spec = Spec(cell, input: 3, hidden: 37, layers: 2, output: 5);
        const int lookback = 9, batch = 6;
        var weights = ModelWeights.CreateRandom(spec, 21);
        float[] inputs = Uniform<float>(batch * lookback * spec.InputSize, 22);
        float[] targets = Uniform<float>(batch * spec.OutputSize, 23);

        var single = new Network<float>(spec, lookback, batch);
        var singleGradient = new float[single.Layout.Length];
        float singleLoss = single.ForwardBackward(NetworkParameters<float>.FromWeights(weights), inputs, targets, batch, singleGradient);
        var reference = new Network<double>(spec, lookback, batch);
        var doubleGradient = new double[reference.Layout.Length];
        double doubleLoss = reference.ForwardBackward(NetworkParameters<double>.FromWeights(weights), EngineOutputs.Widen<float>(inputs), EngineOutputs.Widen<float>(targets), batch, doubleGradient);

        Assert.Equal(doubleLoss, singleLoss, 1e-5 * doubleLoss);
        foreach (var tensor in single.Layout.Tensors)
        {
            double error = RelativeError(EngineOutputs.Widen(tensor.Slice<float>(singleGradient)), tensor.Slice<double>(doubleGradient));
            output.WriteLine($"{tensor.Name,-18} float vs double relative error {error:E2}");
            Assert.True(error <= 1e-5, $"{tensor.Name}: relative error {error:E3}");
        }
    }
}
