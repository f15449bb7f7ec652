namespace GruNative.Training.Tests.Segments;

/// <summary>
/// Synthetic hourly channels with a daily and a weekly cycle, a channel-specific phase and level, and noise; and the
/// gathering of (window, channel, target) batches from them, as a channel-independent trainer would.
/// </summary>
internal sealed class SeasonalSeries
{
    private readonly float[][] _channels;

    public SeasonalSeries(int channels, int length, int seed, double noise = 0.1)
    {
        var random = new Random(seed);
        _channels = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            double phase = 2 * Math.PI * c / channels, level = 0.3 * c;
            _channels[c] = new float[length];
            for (int t = 0; t < length; t++)
            {
                double value = level + Math.Sin(2 * Math.PI * t / 24 + phase) + 0.5 * Math.Sin(2 * Math.PI * t / 168 + phase)
                    + noise * (random.NextDouble() * 2 - 1);
                _channels[c][t] = (float)value;
            }
        }
    }

    public int Channels => _channels.Length;

    /// <summary>The channels as a table with columns c0, c1, …, for a <see cref="GruNative.Training.Data.WindowedDataset"/>.</summary>
    public GruNative.Training.Data.TimeSeriesTable ToTable() =>
        GruNative.Training.Data.TimeSeriesTable.FromColumns("seasonal", [.. Enumerable.Range(0, Channels).Select(c => $"c{c}")],
            [.. _channels.Select(channel => channel.Select(v => (double)v).ToArray())]);

    /// <summary>Windows per channel for a lookback and horizon.</summary>
    public int WindowsPerChannel(int lookback, int horizon) => _channels[0].Length - lookback - horizon + 1;

    /// <summary>
    /// Copies the windows numbered <paramref name="indices"/> (index = channel · windows per channel + start) into
    /// <paramref name="windows"/> ([count][L]), their channels and their targets ([count][H]).
    /// </summary>
    public void Gather(ReadOnlySpan<int> indices, int lookback, int horizon, float[] windows, int[] channels, float[] targets)
    {
        int perChannel = WindowsPerChannel(lookback, horizon);
        for (int i = 0; i < indices.Length; i++)
        {
            int channel = indices[i] / perChannel, start = indices[i] % perChannel;
            float[] series = _channels[channel];
            series.AsSpan(start, lookback).CopyTo(windows.AsSpan(i * lookback, lookback));
            series.AsSpan(start + lookback, horizon).CopyTo(targets.AsSpan(i * horizon, horizon));
            if (channels.Length > 0)
                channels[i] = channel;
        }
    }
}
