using System.Diagnostics;
using GruNative.Training.Network;
using GruNative.Training.Optimization;
using GruNative.Training.Segments;
using Xunit.Abstractions;

namespace GruNative.Training.Tests.Segments;

/// <summary>Runs only with GRUNATIVE_TIMING=1: timing epochs takes tens of seconds and wants a quiet machine.</summary>
public sealed class TimingTheoryAttribute : TheoryAttribute
{
    public TimingTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("GRUNATIVE_TIMING") != "1")
            Skip = "times whole training epochs (tens of seconds); set GRUNATIVE_TIMING=1 to run it";
    }
}

/// <summary>
/// The speed target: one epoch of a d = 64 segment model on ETTh1 M's size — 7 channels × 8,209 windows
/// (the ETT protocol's 8,640 training rows, L = 336, H = 96), w = 24, batch 256 — in at most 60 s on 2 cores.
/// </summary>
/// <remarks>
/// Synthetic series of ETTh1's size stand in for the data: the cost does not depend on the values. An epoch here is
/// what the trainer's would be: shuffled batches gathered from the series, forward and backward sharded over 2
/// threads, the mean gradient and an AdamW step; no validation pass.
/// </remarks>
public class SegmentEpochTimingTests(ITestOutputHelper output)
{
    [TimingTheory]
    [InlineData(CellKind.Gru, SegmentDecoding.Parallel)]   // the configuration
    [InlineData(CellKind.Lstm, SegmentDecoding.Parallel)]
    [InlineData(CellKind.Gru, SegmentDecoding.Recurrent)]
    public void One_ETTh1_M_sized_epoch_takes_at_most_60_seconds_on_2_cores(CellKind cell, SegmentDecoding decoding)
    {
        const int lookback = 336, horizon = 96, batch = 256, rows = 8640;
        var series = new SeasonalSeries(channels: 7, length: rows, seed: 1);
        var shape = new SegmentModelSpec(cell, lookback, horizon, segmentLength: 24, hiddenSize: 64, decoding,
            channels: decoding == SegmentDecoding.Parallel ? 7 : 0);
        var gradients = new SegmentShardedGradient(shape, batch, shardSize: 64, threads: 2, dropout: 0.5, ForecastLoss.AbsoluteError);
        float[] parameters = SegmentParameterInitializer.Create<float>(gradients.Layout, 1);
        var optimizer = new AdamW(parameters.Length);
        var gradient = new float[parameters.Length];
        var windows = new float[batch * lookback];
        var targets = new float[batch * horizon];
        var channels = new int[shape.UsesChannelIds ? batch : 0];
        int windowCount = series.Channels * series.WindowsPerChannel(lookback, horizon);
        int[] order = [.. Enumerable.Range(0, windowCount)];
        new DeterministicRandom(3).Shuffle(order);

        double Epoch()
        {
            var clock = Stopwatch.StartNew();
            for (int start = 0; start < windowCount; start += batch)
            {
                int count = Math.Min(batch, windowCount - start);
                series.Gather(order.AsSpan(start, count), lookback, horizon, windows, channels, targets);
                gradients.LossAndGradient(parameters, windows, channels, targets, count, gradient, dropoutKey: (ulong)start);
                foreach (ref float g in gradient.AsSpan())
                    g /= count * horizon;
                optimizer.Step(parameters, gradient, learningRate: 0.001);
            }
            return clock.Elapsed.TotalSeconds;
        }

        // The first epoch also pays for JIT compilation (tier 0, then optimised code): the second is the steady state.
        double first = Epoch(), second = Epoch();
        output.WriteLine($"{shape}, {windowCount} windows, batch {batch}, 2 threads: epoch 1 {first:F1} s, epoch 2 {second:F1} s " +
            $"({Environment.ProcessorCount} logical cores; the machine may be shared)");
        Assert.True(second <= 60, $"an epoch took {second:F1} s");
    }
}
