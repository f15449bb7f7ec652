using System.Text;
using StreamingForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The program's own streaming loop (Streaming/ForecastSession.cs, compiled here from the sample's files) in process:
/// once started, a good line — read, parsed, standardised, stepped, forecast (with its intervals under --intervals),
/// formatted, written — allocates nothing.
/// </summary>
public class HotLoopTests
{
    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 1)]   // --intervals: the 80 % and 95 % bounds of each value too, three times the line
    [InlineData(true, true, 1)]    // bands tracked online: every line also updates the offsets and records its forecast
    [InlineData(true, true, 4)]    // a gateway of 4 sensors: 4 states stepped at once, 4 trackers, 4 forecast lines a line
    public void AGoodLineCostsNoAllocation(bool intervals, bool tracked, int sensors)
    {
        double[][] observations = SampleModel.Observations(22_000, seed: 51);
        // A gateway's line repeats the observation for every sensor (the states advance alike; the cost is what is measured).
        string Lines(IEnumerable<double[]> rows) => string.Concat(rows.Select(o => string.Join(",", Enumerable.Repeat(SampleModel.Line(o), sensors)) + "\n"));
        byte[] first = Encoding.UTF8.GetBytes(Lines(observations.Take(2_000)));
        byte[] rest = Encoding.UTF8.GetBytes(Lines(observations.Skip(2_000)));
        using var forecasts = new MemoryStream(capacity: 22_000 * sensors * (intervals ? 2_000 : 400));   // large enough never to grow
        var preprocessing = SensorForecaster.Baked.Preprocessing!;
        var columns = ModelColumns.Of(SensorForecaster.Spec, tracked ? preprocessing.WithIntervals(preprocessing.Intervals!.WithTrackingRate(0.01)) : preprocessing);
        var levels = intervals ? columns.IntervalLevels([]) : null;
        var trackers = columns.Trackers(levels, sensors);
        Assert.Equal(tracked, trackers is not null);
        var session = new ForecastSession(SensorForecaster.Baked, columns, forecasts, TextWriter.Null, every: 1, intervalLevels: levels, trackers: trackers, sensors: sensors);
        using var firstStream = new MemoryStream(first);
        using var restStream = new MemoryStream(rest);
        Assert.True(session.Feed(firstStream, "first", header: false, emitForecasts: true));

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool readToEnd = session.Feed(restStream, "rest", header: false, emitForecasts: true);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(readToEnd);
        Assert.Equal(0, allocated);
        Assert.Equal(22_000, session.Steps);
        byte[] written = forecasts.ToArray();
        Assert.Equal(22_000 * sensors, written.Count(b => b == (byte)'\n'));
        Assert.Equal(22_000 * sensors * (24 * (intervals ? 5 : 1) + (sensors == 1 ? 0 : 1)), written.Count(b => b == (byte)','));
    }

    [Fact]
    public void LinesArriveOneByOneAndAnOverlongLineIsDroppedWhole()
    {
        // A stream that hands out at most 5 bytes per read, as a slow pipe might.
        byte[] text = Encoding.UTF8.GetBytes("a,b\r\n\nccc\n" + new string('x', 100) + "\nlast");
        var reader = new LineReader(capacity: 16);
        reader.Reset(new TricklingStream(text, 5));
        var seen = new List<string>();
        while (true)
        {
            LineKind kind = reader.Read(out ReadOnlySpan<byte> line);
            if (kind == LineKind.End)
                break;
            seen.Add(kind == LineKind.TooLong ? $"{reader.LineNumber}:too long" : $"{reader.LineNumber}:{Encoding.UTF8.GetString(line)}");
        }
        Assert.Equal(["1:a,b", "2:", "3:ccc", "4:too long", "5:last"], seen);
    }

    private sealed class TricklingStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(chunk, buffer.Length)]);
    }
}
