using GruNative.Training.Network;
using GruNative.Training.Segments;

namespace GruNative.Training.Tests.Segments;

/// <summary>What a segment shape accepts, what it derives, and the losses' values and derivatives.</summary>
public class SegmentModelSpecTests
{
    [Fact]
    public void Derives_segment_counts_and_names_itself()
    {
        var shape = new SegmentModelSpec(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7);
        Assert.Equal(14, shape.InputSegments);
        Assert.Equal(4, shape.OutputSegments);
        Assert.Equal(32, shape.PositionWidth);
        Assert.True(shape.UsesChannelIds);
        Assert.Equal("SegRNN GRU L=336 H=96 w=24 d=64 PMF C=7", shape.ToString());
        Assert.Equal(shape, new SegmentModelSpec(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7));
        Assert.Equal(64, new SegmentModelSpec(CellKind.Lstm, 336, 96, 24, 64).PositionWidth);
        Assert.Equal(0, new SegmentModelSpec(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Recurrent).PositionWidth);
    }

    [Fact]
    public void Counts_parameters_and_flops_by_hand()
    {
        // pos_emb 4·32 + channel_emb 7·32 + valueEmbedding 64·24 + 64 + GRU 2·(192·64) + 2·192 + predict 24·64 + 24.
        var pmf = new SegmentModelSpec(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7);
        Assert.Equal(128 + 224 + 1600 + 24960 + 1560, pmf.ParameterCount);
        // 14 × (embedding 2·24·64 + step 2·3·64·128) + 4 × (step + head 2·64·24).
        Assert.Equal(14 * (3072 + 49152) + 4 * (49152 + 3072), pmf.FlopsPerForecast);
        // RMF, LSTM: no embeddings of positions; 4 heads and 3 embedded steps after the encoder's 14.
        var rmf = new SegmentModelSpec(CellKind.Lstm, 336, 96, 24, 64, SegmentDecoding.Recurrent);
        Assert.Equal(1600 + 2 * 256 * 64 + 2 * 256 + 1560, rmf.ParameterCount);
        Assert.Equal(14 * (3072 + 65536) + 4 * 3072 + 3 * (3072 + 65536), rmf.FlopsPerForecast);
    }

    [Fact]
    public void Rejects_what_the_model_cannot_represent()
    {
        Assert.Throws<ArgumentException>(() => new SegmentModelSpec(CellKind.Gru, 100, 96, 24, 64));      // L not a multiple of w
        Assert.Throws<ArgumentException>(() => new SegmentModelSpec(CellKind.Gru, 96, 100, 24, 64));      // H not a multiple of w
        Assert.Throws<ArgumentException>(() => new SegmentModelSpec(CellKind.Gru, 96, 96, 24, 63, SegmentDecoding.Parallel, channels: 7)); // d/2
        Assert.Throws<ArgumentException>(() => new SegmentModelSpec(CellKind.Gru, 96, 96, 24, 64, SegmentDecoding.Recurrent, channels: 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentModelSpec(CellKind.Gru, 96, 96, 0, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentModelSpec(CellKind.Gru, 96, 96, 24, 64, channels: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentModelSpec((CellKind)9, 96, 96, 24, 64));
    }

    [Theory]
    [InlineData(ForecastLoss.SquaredError)]
    [InlineData(ForecastLoss.AbsoluteError)]
    [InlineData(ForecastLoss.Huber)]
    public void Losses_have_PyTorchs_values_and_derivatives(ForecastLoss loss)
    {
        double[] outputs = [0.5, 1.25, 3, 7], targets = [2, 1, 1, 7];  // e = −1.5, 0.25, 2, 0
        var gradient = new double[4];
        double sum = Evaluate(loss, 1.0, outputs, targets, gradient);
        (double expectedSum, double[] expectedGradient) = loss switch
        {
            ForecastLoss.SquaredError => (2.25 + 0.0625 + 4, new[] { -3.0, 0.5, 4, 0 }),
            ForecastLoss.AbsoluteError => (1.5 + 0.25 + 2, new[] { -1.0, 1, 1, 0 }),
            // δ = 1: |e| ≤ 1 → e²/2; beyond → |e| − 1/2.
            _ => (1.0 + 0.03125 + 1.5, new[] { -1.0, 0.25, 1, 0 }),
        };
        Assert.Equal(expectedSum, sum, 1e-15);
        Assert.Equal(expectedGradient, gradient);
    }

    [Fact]
    public void The_pinball_loss_has_its_two_slopes()
    {
        // τ = 0.9, e = y − target = −1.5, 0.25, 2, 0: below the target 0.9·|e| (slope −0.9), above it 0.1·e (slope 0.1).
        double[] outputs = [0.5, 1.25, 3, 7], targets = [2, 1, 1, 7];
        var gradient = new double[4];
        double sum = Evaluate(ForecastLoss.Pinball, 0.9, outputs, targets, gradient);
        Assert.Equal(1.35 + 0.025 + 0.2, sum, 1e-15);
        Assert.Equal([-0.9, 0.1, 0.1, 0], gradient.Select(g => Math.Round(g, 15)));
        // At τ = 0.5 it is half the absolute error.
        Assert.Equal((1.5 + 0.25 + 2) / 2, Evaluate(ForecastLoss.Pinball, 0.5, outputs, targets, gradient), 1e-15);
    }

    [Fact]
    public void A_diverged_output_gives_a_NaN_loss_not_an_exception()
    {
        var gradient = new double[1];
        foreach (var loss in Enum.GetValues<ForecastLoss>())
            Assert.True(double.IsNaN(Evaluate(loss, 1.0, [double.NaN], [0], gradient)));
    }

    private static double Evaluate(ForecastLoss loss, double parameter, double[] outputs, double[] targets, double[] gradient) =>
        ForecastLossFunction.Evaluate(loss, parameter, outputs, targets, gradient);
}
