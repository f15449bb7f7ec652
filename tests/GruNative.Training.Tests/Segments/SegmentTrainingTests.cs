using GruNative.Training.Network;
using GruNative.Training.Optimization;
using GruNative.Training.Segments;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Segments;

/// <summary>Training a segment model with AdamW lowers its loss; sharding a batch over threads changes nothing.</summary>
public class SegmentTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CellKind.Gru, SegmentDecoding.Parallel, true, ForecastLoss.SquaredError)]
    [InlineData(CellKind.Lstm, SegmentDecoding.Recurrent, false, ForecastLoss.AbsoluteError)]
    [InlineData(CellKind.Gru, SegmentDecoding.Parallel, false, ForecastLoss.Huber)]
    public void A_short_run_on_a_seasonal_series_lowers_the_loss(CellKind cell, SegmentDecoding decoding, bool channelIds, ForecastLoss loss)
    {
        const int lookback = 48, horizon = 24, batch = 32, steps = 150;
        var series = new SeasonalSeries(channels: 3, length: 600, seed: 2);
        var shape = new SegmentModelSpec(cell, lookback, horizon, segmentLength: 12, hiddenSize: 16, decoding, channels: channelIds ? 3 : 0);
        var gradients = new SegmentShardedGradient(shape, batch, shardSize: 16, threads: 2, dropout: 0.1, loss);
        float[] parameters = SegmentParameterInitializer.Create<float>(gradients.Layout, 9);
        var optimizer = new AdamW(parameters.Length);
        var gradient = new float[parameters.Length];
        var windows = new float[batch * lookback];
        var targets = new float[batch * horizon];
        var channels = new int[channelIds ? batch : 0];
        var random = new DeterministicRandom(4);
        int windowCount = series.Channels * series.WindowsPerChannel(lookback, horizon);
        var indices = new int[batch];

        double firstLosses = 0, lastLosses = 0;
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < batch; i++)
                indices[i] = random.NextInt(windowCount);
            series.Gather(indices, lookback, horizon, windows, channels, targets);
            double sum = gradients.LossAndGradient(parameters, windows, channels, targets, batch, gradient, dropoutKey: (ulong)step);
            double mean = sum / (batch * horizon);
            foreach (ref float g in gradient.AsSpan())
                g /= batch * horizon;
            optimizer.Step(parameters, gradient, learningRate: 0.01);
            if (step < 10)
                firstLosses += mean / 10;
            if (step >= steps - 10)
                lastLosses += mean / 10;
        }
        output.WriteLine($"{shape}, {loss}: mean loss {firstLosses:F4} over the first 10 steps, {lastLosses:F4} over the last 10");
        Assert.True(lastLosses < 0.5 * firstLosses, $"{shape}, {loss}: the loss went from {firstLosses:F4} to {lastLosses:F4}");
    }

    [Fact]
    public void Sharding_over_threads_is_bit_identical_and_matches_one_network()
    {
        var shape = new SegmentModelSpec(CellKind.Gru, 48, 24, 12, 16, SegmentDecoding.Parallel, channels: 3);
        const int batch = 40;
        var series = new SeasonalSeries(3, 300, seed: 1);
        var windows = new float[batch * 48];
        var targets = new float[batch * 24];
        var channels = new int[batch];
        series.Gather([.. Enumerable.Range(0, batch).Select(i => i * 7)], 48, 24, windows, channels, targets);
        float[] parameters = SegmentParameterInitializer.Create<float>(new SegmentParameterLayout(shape), 3);

        float[] Run(int threads, out double loss)
        {
            var gradient = new float[parameters.Length];
            loss = new SegmentShardedGradient(shape, batch, shardSize: 16, threads, dropout: 0.3)
                .LossAndGradient(parameters, windows, channels, targets, batch, gradient, dropoutKey: 77);
            return gradient;
        }
        float[] one = Run(1, out double oneLoss), two = Run(2, out double twoLoss);
        Assert.Equal(oneLoss, twoLoss);
        Bits.Equal(one, two, "gradient with 1 vs 2 threads");

        // One network over the whole batch, with the keys the shards derive: the same sums in another order.
        var whole = new SegmentNetwork<float>(shape, batch, dropout: 0.3);
        ulong[] keys = [.. Enumerable.Range(0, batch).Select(b => DeterministicRandom.At(77, (ulong)b))];
        var single = new float[parameters.Length];
        float singleLoss = whole.ForwardBackward(parameters, windows, channels, targets, batch, single, keys);
        Assert.Equal(singleLoss, oneLoss, 1e-5 * singleLoss);
        Assert.True(RelativeError([.. single.Select(v => (double)v)], [.. one.Select(v => (double)v)]) < 1e-5);
    }
}
