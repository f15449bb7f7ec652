using GruNative.Training.Network;
using GruNative.Training.Segments;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Segments;

/// <summary>
/// The segment model's gradient held to central finite differences in float64, for every element of every parameter
/// tensor: per tensor, ‖g − g_fd‖₂ / max(‖g‖₂, ‖g_fd‖₂) ≤ 1e-6 and element by element against the tensor's scale
/// (ε = 1e-5, so the differences are good to about 1e-9). Every cell, decoding, channel-id setting and loss.
/// </summary>
/// <remarks>
/// MAE, pinball and Huber are not differentiable at e = 0 and |e| = δ, nor ReLU at 0; with these seeds no output error
/// or pre-activation lies within ε·|∂/∂θ| of a kink, so the differences see one smooth piece, as a wrong derivative
/// (for example MAE's sign, Huber's regions swapped, or the pinball loss's two slopes exchanged — why τ is not 0.5 here)
/// would not.
/// </remarks>
public class SegmentGradientCheckTests(ITestOutputHelper output)
{
    private const double Epsilon = 1e-5;
    private const double Tolerance = 1e-6;
    private const double HuberDelta = 0.5;  // below the typical error here, so both of Huber's pieces are exercised
    private const double Quantile = 0.8;    // asymmetric slopes (0.2 above the target, −0.8 below), so exchanging them shows

    public static TheoryData<CellKind, SegmentDecoding, bool, ForecastLoss> Cases()
    {
        var cases = new TheoryData<CellKind, SegmentDecoding, bool, ForecastLoss>();
        foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
        {
            foreach (var loss in Enum.GetValues<ForecastLoss>())
            {
                cases.Add(cell, SegmentDecoding.Parallel, true, loss);
                cases.Add(cell, SegmentDecoding.Parallel, false, loss);
                cases.Add(cell, SegmentDecoding.Recurrent, false, loss);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_of_every_tensor_matches_central_differences(CellKind cell, SegmentDecoding decoding, bool channelIds, ForecastLoss loss) =>
        Check(SegmentTestKit.Small(cell, decoding, channelIds), loss, dropout: 0, batch: 3);

    [Theory]
    [InlineData(CellKind.Gru, SegmentDecoding.Parallel)]
    [InlineData(CellKind.Lstm, SegmentDecoding.Parallel)]
    [InlineData(CellKind.Gru, SegmentDecoding.Recurrent)]
    [InlineData(CellKind.Lstm, SegmentDecoding.Recurrent)]
    public void Gradient_with_fixed_dropout_masks_matches_central_differences(CellKind cell, SegmentDecoding decoding) =>
        Check(SegmentTestKit.Small(cell, decoding, channelIds: decoding == SegmentDecoding.Parallel), ForecastLoss.SquaredError, dropout: 0.4, batch: 3);

    [Theory]
    [InlineData(CellKind.Gru, SegmentDecoding.Parallel, 3)]     // n = m = 1: one encoder step, one decoded segment
    [InlineData(CellKind.Lstm, SegmentDecoding.Recurrent, 3)]   // m = 1: no step is fed back
    [InlineData(CellKind.Lstm, SegmentDecoding.Recurrent, 6)]   // m = 2: one step fed back, after a single encoder step
    public void Gradient_with_single_segments_matches_central_differences(CellKind cell, SegmentDecoding decoding, int horizon) =>
        Check(new SegmentModelSpec(cell, lookback: 3, horizon, segmentLength: 3, hiddenSize: 4, decoding), ForecastLoss.SquaredError, dropout: 0, batch: 2);

    [Fact]
    public void No_tensor_has_a_trivially_zero_gradient()
    {
        // Guards the checks above against passing vacuously (a tensor the loss ignores has a zero gradient both ways).
        foreach (var decoding in Enum.GetValues<SegmentDecoding>())
        {
            var shape = SegmentTestKit.Small(CellKind.Lstm, decoding, channelIds: decoding == SegmentDecoding.Parallel);
            var network = new SegmentNetwork<double>(shape, 3);
            var (parameters, windows, channels, targets) = SegmentTestKit.Problem<double>(shape, 3, seed: 4);
            var gradient = new double[parameters.Length];
            network.ForwardBackward(parameters, windows, channels, targets, 3, gradient);
            foreach (var tensor in network.Layout.Tensors)
                Assert.True(MaxAbs(tensor.Slice<double>(gradient)) > 1e-6, $"{shape}: {tensor.Name} has a zero gradient.");
        }
    }

    // The analytic gradient of the summed loss at 1.5× the initial parameters, over `batch` windows (one below the network's
    // maximum on purpose), held to central differences.
    private void Check(SegmentModelSpec shape, ForecastLoss loss, double dropout, int batch)
    {
        var network = new SegmentNetwork<double>(shape, maxBatch: batch + 1, dropout, loss, HuberDelta, Quantile);
        var (parameters, windows, channels, targets) = SegmentTestKit.Problem<double>(shape, batch, seed: 7, scale: 1.5);
        ulong[] keys = [.. Enumerable.Range(0, batch).Select(b => 0xC0FFEEUL + (ulong)b * 7919)];
        var gradient = new double[parameters.Length];
        if (loss == ForecastLoss.Pinball)
        {
            // Targets alternately 0.3 above and below the forecasts, so both slopes are exercised, well away from the kink.
            network.ForwardBackward(parameters, windows, channels, targets, batch, gradient, keys);
            var forecasts = network.LastOutputs.ToArray();
            for (int i = 0; i < targets.Length; i++)
                targets[i] = forecasts[i] + (i % 2 == 0 ? 0.3 : -0.3);
            Array.Clear(gradient);
        }
        network.ForwardBackward(parameters, windows, channels, targets, batch, gradient, keys);

        if (loss == ForecastLoss.Huber)
        {
            var errors = network.LastOutputs.ToArray().Select((y, i) => Math.Abs(y - targets[i])).ToArray();
            Assert.Contains(errors, e => e < HuberDelta);
            Assert.Contains(errors, e => e > HuberDelta);
        }

        if (dropout > 0)
        {
            var masks = network.DropoutMasks(batch).ToArray();
            Assert.Contains(0.0, masks);
            Assert.Contains(masks, v => v > 1);
        }

        var scratch = new double[gradient.Length];
        AssertMatchesCentralDifferences(network.Layout.Tensors, parameters, gradient,
            theta => network.ForwardBackward(theta, windows, channels, targets, batch, scratch, keys),
            Epsilon, Tolerance, $"{shape}, {loss}, p = {dropout}", output);
    }
}
