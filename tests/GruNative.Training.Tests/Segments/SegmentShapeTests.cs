using GruNative.Training.Segments;

namespace GruNative.Training.Tests.Segments;

/// <summary>What a segment shape accepts, what it derives, and the losses' values and derivatives.</summary>
public class SegmentShapeTests
{
    [Fact]
    public void Derives_segment_counts_and_names_itself()
    {
        var shape = new SegmentShape(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7);
        Assert.Equal(14, shape.InputSegments);
        Assert.Equal(4, shape.OutputSegments);
        Assert.Equal(32, shape.PositionWidth);
        Assert.True(shape.UsesChannelIds);
        Assert.Equal("SegRNN GRU L=336 H=96 w=24 d=64 PMF C=7", shape.ToString());
        Assert.Equal(shape, new SegmentShape(CellKind.Gru, 336, 96, 24, 64, SegmentDecoding.Parallel, channels: 7));
        Assert.Equal(64, new SegmentShape(CellKind.Lstm, 336, 96, 24, 64).PositionWidth);
    }

    [Fact]
    public void Rejects_what_the_model_cannot_represent()
    {
        Assert.Throws<ArgumentException>(() => new SegmentShape(CellKind.Gru, 100, 96, 24, 64));      // L not a multiple of w
        Assert.Throws<ArgumentException>(() => new SegmentShape(CellKind.Gru, 96, 100, 24, 64));      // H not a multiple of w
        Assert.Throws<ArgumentException>(() => new SegmentShape(CellKind.Gru, 96, 96, 24, 63, SegmentDecoding.Parallel, channels: 7)); // d/2
        Assert.Throws<ArgumentException>(() => new SegmentShape(CellKind.Gru, 96, 96, 24, 64, SegmentDecoding.Recurrent, channels: 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentShape(CellKind.Gru, 96, 96, 0, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentShape(CellKind.Gru, 96, 96, 24, 64, channels: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentShape((CellKind)9, 96, 96, 24, 64));
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
    public void A_diverged_output_gives_a_NaN_loss_not_an_exception()
    {
        var gradient = new double[1];
        foreach (var loss in Enum.GetValues<ForecastLoss>())
            Assert.True(double.IsNaN(Evaluate(loss, 1.0, [double.NaN], [0], gradient)));
    }

    private static double Evaluate(ForecastLoss loss, double delta, double[] outputs, double[] targets, double[] gradient) =>
        ForecastLossFunction.Evaluate(loss, delta, outputs, targets, gradient);
}
