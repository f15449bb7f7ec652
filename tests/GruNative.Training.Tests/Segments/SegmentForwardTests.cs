using GruNative.Training.Segments;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Segments;

/// <summary>
/// The batched forward pass against the plain per-window reference (<see cref="SegmentReference"/>), float32 against
/// float64, and the passes' promise to allocate nothing.
/// </summary>
public class SegmentForwardTests(ITestOutputHelper output)
{
    public static TheoryData<CellKind, SegmentDecoding, bool> Variants() => new()
    {
        { CellKind.Gru, SegmentDecoding.Parallel, true },
        { CellKind.Gru, SegmentDecoding.Parallel, false },
        { CellKind.Gru, SegmentDecoding.Recurrent, false },
        { CellKind.Lstm, SegmentDecoding.Parallel, true },
        { CellKind.Lstm, SegmentDecoding.Parallel, false },
        { CellKind.Lstm, SegmentDecoding.Recurrent, false },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Forward_matches_the_plain_reference(CellKind cell, SegmentDecoding decoding, bool channelIds)
    {
        // d = 18 leaves tail columns after the vector tiles; 5 windows leave a partial 4-row tile; w = 4 is not a vector width.
        var shape = new SegmentModelSpec(cell, lookback: 20, horizon: 12, segmentLength: 4, hiddenSize: 18, decoding, channels: channelIds ? 4 : 0);
        const int batch = 5;
        var (parameters, windows, channels, _) = SegmentTestKit.Problem<double>(shape, batch, seed: 31);
        var network = new SegmentNetwork<double>(shape, maxBatch: 8);
        var forecasts = new double[batch * shape.Horizon];
        network.Forward(parameters, windows, channels, batch, forecasts);

        var reference = SegmentTestKit.Reference(shape, parameters);
        double worst = 0;
        for (int b = 0; b < batch; b++)
        {
            double[] expected = reference.Forecast(windows.AsSpan(b * shape.Lookback, shape.Lookback).ToArray(), channelIds ? channels[b] : null);
            worst = Math.Max(worst, MaxAbsDifference(forecasts.AsSpan(b * shape.Horizon, shape.Horizon), expected));
        }
        output.WriteLine($"{shape}: max |Δ| = {worst:E2}");
        Assert.True(worst <= 1e-12, $"{shape}: max |Δ| {worst:E3} against the reference");
    }

    [Fact]
    public void A_window_forecast_does_not_depend_on_its_batch()
    {
        // Batching must not mix windows: the same window alone or third in a batch forecasts the same, bit for bit.
        var shape = new SegmentModelSpec(CellKind.Gru, 24, 12, 4, 8, SegmentDecoding.Parallel, channels: 3);
        var (parameters, windows, channels, _) = SegmentTestKit.Problem<double>(shape, 4, seed: 5);
        var network = new SegmentNetwork<double>(shape, 4);
        var all = new double[4 * 12];
        network.Forward(parameters, windows, channels, 4, all);
        var alone = new double[12];
        network.Forward(parameters, windows.AsSpan(2 * 24, 24), channels.AsSpan(2, 1), 1, alone);
        Assert.Equal(all.AsSpan(2 * 12, 12).ToArray(), alone);
    }

    [Fact]
    public void The_channel_id_changes_the_forecast()
    {
        var shape = new SegmentModelSpec(CellKind.Gru, 24, 12, 4, 8, SegmentDecoding.Parallel, channels: 3);
        var (parameters, windows, _, _) = SegmentTestKit.Problem<double>(shape, 1, seed: 5);
        var network = new SegmentNetwork<double>(shape, 1);
        double[] first = new double[12], second = new double[12];
        network.Forward(parameters, windows, [0], 1, first);
        network.Forward(parameters, windows, [2], 1, second);
        Assert.True(MaxAbsDifference(first, second) > 1e-3);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Float_agrees_with_double(CellKind cell, SegmentDecoding decoding, bool channelIds)
    {
        // Training runs in float: its forecasts, loss and gradient must agree with the checked double ones at float's
        // precision. Stated tolerance: relative error ≤ 1e-5 for forecasts, loss and each tensor's gradient.
        var shape = new SegmentModelSpec(cell, lookback: 48, horizon: 24, segmentLength: 8, hiddenSize: 38, decoding, channels: channelIds ? 3 : 0);
        const int batch = 9;
        var (parameters, windows, channels, targets) = SegmentTestKit.Problem<double>(shape, batch, seed: 17);
        float[] Narrow(double[] values) => [.. values.Select(v => (float)v)];
        double[] Widen(ReadOnlySpan<float> values) => [.. values.ToArray().Select(v => (double)v)];
        // The double run reads the float-rounded values, so both see the same problem.
        double[] p64 = Widen(Narrow(parameters)), x64 = Widen(Narrow(windows)), y64 = Widen(Narrow(targets));

        var single = new SegmentNetwork<float>(shape, batch, dropout: 0.2);
        var twin = new SegmentNetwork<double>(shape, batch, dropout: 0.2);
        ulong[] keys = [.. Enumerable.Range(0, batch).Select(b => (ulong)b + 100)];
        var g32 = new float[parameters.Length];
        var g64 = new double[parameters.Length];
        float loss32 = single.ForwardBackward(Narrow(parameters), Narrow(windows), channels, Narrow(targets), batch, g32, keys);
        double loss64 = twin.ForwardBackward(p64, x64, channels, y64, batch, g64, keys);

        Assert.True(RelativeError(Widen(single.LastOutputs), twin.LastOutputs.ToArray()) <= 1e-5);
        Assert.Equal(loss64, loss32, 1e-5 * loss64);
        foreach (var tensor in single.Layout.Tensors)
        {
            double error = RelativeError(Widen(tensor.Slice<float>(g32)), tensor.Slice<double>(g64));
            output.WriteLine($"{tensor.Name,-24} float vs double relative error {error:E2}");
            Assert.True(error <= 1e-5, $"{shape}: {tensor.Name} relative error {error:E3}");
        }
    }

    [Theory]
    [InlineData(SegmentDecoding.Parallel)]
    [InlineData(SegmentDecoding.Recurrent)]
    public void Passes_allocate_nothing_after_warm_up(SegmentDecoding decoding)
    {
        var shape = new SegmentModelSpec(CellKind.Lstm, 48, 24, 8, 16, decoding, channels: decoding == SegmentDecoding.Parallel ? 2 : 0);
        var (parameters, windows, channels, targets) = SegmentTestKit.Problem<float>(shape, 6, seed: 3);
        var network = new SegmentNetwork<float>(shape, 8, dropout: 0.1);
        var gradient = new float[parameters.Length];
        var forecasts = new float[6 * 24];
        ulong[] keys = [1, 2, 3, 4, 5, 6];
        network.ForwardBackward(parameters, windows, channels, targets, 6, gradient, keys);
        network.Forward(parameters, windows, channels, 6, forecasts);

        long before = GC.GetAllocatedBytesForCurrentThread();
        network.ForwardBackward(parameters, windows, channels, targets, 6, gradient, keys);
        network.ForwardBackward(parameters, windows.AsSpan(0, 4 * 48), channels.AsSpan(0, channels.Length == 0 ? 0 : 4), targets.AsSpan(0, 4 * 24), 4, gradient, keys.AsSpan(0, 4));
        network.Forward(parameters, windows, channels, 6, forecasts);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Rejects_wrong_lengths_and_channel_ids()
    {
        var shape = new SegmentModelSpec(CellKind.Gru, 24, 12, 4, 8, SegmentDecoding.Parallel, channels: 3);
        var (parameters, windows, channels, targets) = SegmentTestKit.Problem<double>(shape, 2, seed: 1);
        var network = new SegmentNetwork<double>(shape, 2, dropout: 0.5);
        var forecasts = new double[24];
        var gradient = new double[parameters.Length];
        Assert.Throws<ArgumentException>(() => network.Forward(parameters, windows, [0, 3], 2, forecasts));     // channel 3 of 0 … 2
        Assert.Throws<ArgumentException>(() => network.Forward(parameters, windows, [], 2, forecasts));         // ids missing
        Assert.Throws<ArgumentException>(() => network.Forward(parameters, windows, channels, 3, forecasts));   // above the maximum batch
        Assert.Throws<ArgumentException>(() => network.Forward(parameters.AsSpan(1), windows, channels, 2, forecasts));
        Assert.Throws<ArgumentException>(() => network.ForwardBackward(parameters, windows, channels, targets, 2, gradient, [1]));  // one key for two windows
        Assert.Throws<ArgumentException>(() => network.ForwardBackward(parameters, windows, channels, targets, 2, parameters, [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentNetwork<double>(shape, 2, dropout: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentNetwork<double>(shape, 2, huberDelta: 0));
    }
}
