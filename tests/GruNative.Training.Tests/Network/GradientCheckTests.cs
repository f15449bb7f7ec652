using GruNative.Training.Network;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>
/// Back-propagation through time held to central finite differences in float64, for every element of every
/// parameter tensor. Per tensor, relative error = ‖g − g_fd‖₂ / max(‖g‖₂, ‖g_fd‖₂, 1e-300) must be ≤ 1e-6; with
/// ε = 1e-5 the finite differences themselves are good to about 1e-9 here (O(ε²) truncation, O(1e-16 / ε) rounding).
/// </summary>
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
    public void Analytic_gradient_of_every_tensor_matches_central_differences(CellKind cell, int layers, int lookback, int batch)
    {
        var spec = Spec(cell, input: 3, hidden: 5, layers, output: 4);
        var parameters = NetworkParameters<double>.Initialize(spec, seed: 11 * layers + lookback);
        // Larger weights than PyTorch's default bound (1/√5) push the gates toward saturation, where mistakes in the
        // activation derivatives show.
        for (int i = 0; i < parameters.Values.Length; i++)
            parameters.Values[i] *= 2.5;
        var network = new Network<double>(spec, lookback, maxBatch: batch + 1);   // a batch below the maximum on purpose
        double[] inputs = Uniform<double>(batch * lookback * spec.InputSize, seed: 3, scale: 2);
        double[] targets = Uniform<double>(batch * spec.OutputSize, seed: 4);

        var gradient = new double[network.Layout.Length];
        network.ForwardBackward(parameters.Values, inputs, targets, batch, gradient);

        var scratch = new double[gradient.Length];
        AssertMatchesCentralDifferences(network.Layout, parameters.Values, gradient,
            t => network.ForwardBackward(t, inputs, targets, batch, scratch), Epsilon, Tolerance,
            $"{spec}, lookback {lookback}, batch {batch}", output);
    }

    [Fact]
    public void Gradient_of_the_recurrent_weights_is_not_trivially_zero()
    {
        // Guards the check above against passing vacuously (for example if the loss ignored the recurrence).
        var spec = Spec(CellKind.Gru, 3, 5, 2, 4);
        var network = new Network<double>(spec, 6, 3);
        var parameters = NetworkParameters<double>.Initialize(spec, 1);
        var gradient = new double[network.Layout.Length];
        network.ForwardBackward(parameters.Values, Uniform<double>(3 * 6 * 3, 2), Uniform<double>(3 * 4, 3), 3, gradient);
        foreach (var tensor in network.Layout.Tensors)
            Assert.True(MaxAbs(tensor.Slice<double>(gradient)) > 1e-6, $"{tensor.Name} has a zero gradient.");
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
        double doubleLoss = reference.ForwardBackward(NetworkParameters<double>.FromWeights(weights), ToDouble<float>(inputs), ToDouble<float>(targets), batch, doubleGradient);

        Assert.Equal(doubleLoss, singleLoss, 1e-5 * doubleLoss);
        foreach (var tensor in single.Layout.Tensors)
        {
            double error = RelativeError(ToDouble(tensor.Slice<float>(singleGradient)), tensor.Slice<double>(doubleGradient));
            output.WriteLine($"{tensor.Name,-18} float vs double relative error {error:E2}");
            Assert.True(error <= 1e-5, $"{tensor.Name}: relative error {error:E3}");
        }
    }


}
