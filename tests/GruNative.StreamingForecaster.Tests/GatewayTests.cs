using System.Globalization;
using System.Text;
using StreamingForecaster.Persistence;
using StreamingForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// <c>--sensors N</c>, the gateway: one model over N sensors of one kind, one state each, stepped together. Each sensor's
/// forecast lines are, to the printed digit, what the program writes for that sensor's stream alone (a run of its own
/// is the reference: it steps the single-stream kernel, which the other tests hold to the float64 reference); a bad value
/// of any sensor skips the line for all; the states are saved in one file, restored together, and a file of another
/// sensor count is refused.
/// </summary>
public class GatewayTests
{
    private const int Sensors = 3;

    // Each sensor its own series (another seed), so a mixed-up state or input shows.
    private static readonly double[][][] Streams = [.. Enumerable.Range(0, Sensors).Select(k => SampleModel.Observations(60, seed: 71 + k))];

    /// <summary>A gateway's line: every sensor's observation in turn.</summary>
    private static string GatewayLines(double[][][] streams, int first = 0, int count = int.MaxValue) =>
        string.Concat(Enumerable.Range(first, Math.Min(count, streams[0].Length - first))
            .Select(t => string.Join(",", streams.Select(s => SampleModel.Line(s[t]))) + "\n"));

    /// <summary>The gateway's output lines of one sensor (from 1), with the sensor column taken out, after the header.</summary>
    private static string[] LinesOfSensor(string stdout, int sensor)
    {
        string prefix = "," + sensor.ToString(CultureInfo.InvariantCulture) + ",";
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => (Comma: line.IndexOf(',', StringComparison.Ordinal), Line: line))
            .Where(x => x.Line.AsSpan(x.Comma).StartsWith(prefix, StringComparison.Ordinal))
            .Select(x => x.Line[..x.Comma] + x.Line[(x.Comma + prefix.Length - 1)..])];
    }

    private static string[] Body(string stdout) => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

    [Fact]
    public void EachSensorGetsWhatItsOwnProgramWritesFromAHeaderInAnyOrder()
    {
        using var folder = new TempDirectory();
        // A gateway's log: a time column, then the sensors' columns by name in another order than the positional one.
        var header = new StringBuilder("time");
        foreach (string name in new[] { "power", "temperature", "humidity" })
        {
            for (int k = Sensors; k >= 1; k--)
                header.Append(CultureInfo.InvariantCulture, $",{name}@{k}");
        }
        var file = new StringBuilder(header.Append('\n').ToString());
        for (int t = 0; t < Streams[0].Length; t++)
        {
            file.Append(CultureInfo.InvariantCulture, $"2026-12-07T{t % 24:00}:00");
            foreach (int column in new[] { 2, 0, 1 })
            {
                for (int k = Sensors - 1; k >= 0; k--)
                    file.Append(',').Append(Streams[k][t][column].ToString("R", CultureInfo.InvariantCulture));
            }
            file.Append('\n');
        }
        string path = folder.File("gateway.csv");
        File.WriteAllText(path, file.ToString());

        var gateway = ProgramUnderTest.Jit.Run(folder.Path, "", "--input", path, "--sensors", $"{Sensors}", "--intervals");
        Assert.True(gateway.ExitCode == 0, gateway.ToString());
        Assert.StartsWith("step,sensor,temperature+1,", gateway.Header, StringComparison.Ordinal);
        Assert.Equal(Sensors * Streams[0].Length, gateway.Lines.Length);
        for (int k = 0; k < Sensors; k++)
        {
            var alone = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Streams[k]), "--intervals");
            Assert.True(alone.ExitCode == 0, alone.ToString());
            Assert.Equal(Body(alone.Stdout), LinesOfSensor(gateway.Stdout, k + 1));
        }
    }

    [Fact]
    public void TrackedBandsAreTrackedPerSensorAsEachSensorAloneWouldTrackThem()
    {
        // In process, on a copy of the sample's model whose bands are tracked online (the sample's own are not).
        var preprocessing = SensorForecaster.Baked.Preprocessing!;
        var columns = ModelColumns.Of(SensorForecaster.Spec, preprocessing.WithIntervals(preprocessing.Intervals!.WithTrackingRate(0.05)));
        var levels = columns.IntervalLevels([]);
        string Run(string lines, int sensors)
        {
            using var forecasts = new MemoryStream();
            var session = new ForecastSession(SensorForecaster.Baked, columns, forecasts, TextWriter.Null, intervalLevels: levels,
                trackers: columns.Trackers(levels, sensors), sensors: sensors);
            session.WriteHeader();
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(lines));
            Assert.True(session.Feed(input, "test", header: false, emitForecasts: true));
            return Encoding.UTF8.GetString(forecasts.ToArray());
        }

        string gateway = Run(GatewayLines(Streams), Sensors);
        for (int k = 0; k < Sensors; k++)
            Assert.Equal(Body(Run(SampleModel.Lines(Streams[k]), 1)), LinesOfSensor(gateway, k + 1));
        // The bands did move: without tracking, the last line of sensor 1 differs.
        Assert.NotEqual(LinesOfSensor(gateway, 1)[^1], LinesOfSensor(RunCalibrated(GatewayLines(Streams), levels), 1)[^1]);
    }

    private static string RunCalibrated(string lines, int[] levels)
    {
        using var forecasts = new MemoryStream();
        var columns = ModelColumns.Of(SensorForecaster.Spec, SensorForecaster.Baked.Preprocessing);
        var session = new ForecastSession(SensorForecaster.Baked, columns, forecasts, TextWriter.Null, intervalLevels: levels, sensors: Sensors);
        session.WriteHeader();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(lines));
        Assert.True(session.Feed(input, "test", header: false, emitForecasts: true));
        return Encoding.UTF8.GetString(forecasts.ToArray());
    }

    [Fact]
    public void ABadValueOfAnySensorSkipsTheLineForAll()
    {
        using var folder = new TempDirectory();
        string[] lines = GatewayLines(Streams).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] cells = lines[4].Split(',');
        cells[4] = "abc";   // sensor 2's humidity
        string withBad = string.Concat(lines[..4].Select(l => l + "\n")) + string.Join(",", cells) + "\n" + string.Concat(lines[5..].Select(l => l + "\n"));
        string without = string.Concat(lines[..4].Concat(lines[5..]).Select(l => l + "\n"));

        var run = ProgramUnderTest.Jit.Run(folder.Path, withBad, "--sensors", $"{Sensors}");
        var reference = ProgramUnderTest.Jit.Run(folder.Path, without, "--sensors", $"{Sensors}");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("stdin line 5: value 5 ('abc') is not a number; line skipped", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(reference.Stdout, run.Stdout);

        // A line with one sensor's values missing is the wrong length: skipped too.
        var short_ = ProgramUnderTest.Jit.Run(folder.Path, lines[0] + "\n" + string.Join(",", cells[..6]) + "\n", "--sensors", $"{Sensors}");
        Assert.Contains("stdin line 2: expected 9 comma-separated values, found 6; line skipped", short_.Stderr, StringComparison.Ordinal);
        Assert.Equal(Sensors, short_.Lines.Length);
    }

    [Fact]
    public void AllStatesAreSavedTogetherAndARestartContinuesEverySensor()
    {
        using var folder = new TempDirectory();
        string statePath = folder.File("gateway.state");
        string[] args = ["--sensors", $"{Sensors}", "--state", statePath, "--save-every", "7"];
        var first = ProgramUnderTest.Jit.Run(folder.Path, GatewayLines(Streams, 0, 25), args);
        Assert.True(first.ExitCode == 0, first.ToString());

        // One file, format version 3, every sensor's state as its own stream leaves it after 25 observations.
        byte[] file = File.ReadAllBytes(statePath);
        Assert.Equal(StateFile.SensorsFormatVersion, BitConverter.ToInt32(file, 8));
        Assert.Equal(StateFile.FileLength(SensorForecaster.StateLength, 0, Sensors), file.Length);
        var saved = StateFile.Load(statePath, SampleModel.Fingerprint)!;
        Assert.Equal((25L, Sensors), (saved.Steps, saved.Sensors));
        for (int k = 0; k < Sensors; k++)
            Assert.Equal(SampleModel.PrefixStates(Streams[k])[25], saved.Values.AsSpan(k * SensorForecaster.StateLength, SensorForecaster.StateLength).ToArray());

        var second = ProgramUnderTest.Jit.Run(folder.Path, GatewayLines(Streams, 25), args);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"state: restored step 25 from {statePath}", second.Stderr, StringComparison.Ordinal);
        var whole = ProgramUnderTest.Jit.Run(folder.Path, GatewayLines(Streams), "--sensors", $"{Sensors}");
        Assert.Equal(Body(whole.Stdout), Body(first.Stdout).Concat(Body(second.Stdout)));
    }

    [Fact]
    public void AStateFileOfAnotherSensorCountIsRefused()
    {
        using var folder = new TempDirectory();
        string statePath = folder.File("gateway.state");
        var saving = ProgramUnderTest.Jit.Run(folder.Path, GatewayLines(Streams, 0, 3), "--sensors", $"{Sensors}", "--state", statePath);
        Assert.True(saving.ExitCode == 0, saving.ToString());
        byte[] saved = File.ReadAllBytes(statePath);

        var two = ProgramUnderTest.Jit.Run(folder.Path, "", "--sensors", "2", "--state", statePath);
        Assert.Equal(3, two.ExitCode);
        Assert.Contains($"State file {statePath} holds the states of 3 sensors; this run forecasts 2 sensors (--sensors 2).", two.Stderr, StringComparison.Ordinal);
        var one = ProgramUnderTest.Jit.Run(folder.Path, "", "--state", statePath);
        Assert.Equal(3, one.ExitCode);
        Assert.Contains("holds the states of 3 sensors; this run forecasts one sensor (--sensors 1).", one.Stderr, StringComparison.Ordinal);
        Assert.Equal(saved, File.ReadAllBytes(statePath));   // refused files are left alone

        // A single sensor's file under a gateway: refused the same way; --on-bad-state fresh sets it aside.
        string single = folder.File("single.state");
        Assert.Equal(0, ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Streams[0].Take(2)), "--state", single).ExitCode);
        var gateway = ProgramUnderTest.Jit.Run(folder.Path, GatewayLines(Streams, 0, 2), "--sensors", $"{Sensors}", "--state", single, "--on-bad-state", "fresh");
        Assert.True(gateway.ExitCode == 0, gateway.ToString());
        Assert.Contains("holds the states of one sensor; this run forecasts 3 sensors (--sensors 3). Set aside as", gateway.Stderr, StringComparison.Ordinal);
        Assert.Equal(Sensors, StateFile.Load(single, SampleModel.Fingerprint)!.Sensors);
    }

    [Fact]
    public void AGatewayStateFileRoundTripsAndEveryFlippedBitAndTruncationIsRefused()
    {
        float[] states = [.. Streams.SelectMany(s => SampleModel.PrefixStates(s.Take(9).ToArray())[^1])];
        double[] trackers = [.. Enumerable.Range(0, 2 * 3).Select(i => i * 0.25)];
        var file = new byte[StateFile.FileLength(SensorForecaster.StateLength, 2, Sensors)];
        Assert.Equal(80 + 4 * 128 * 3 + 4 + 8 * 6 + 4, file.Length);
        StateFile.Encode(file, SampleModel.Fingerprint, 9, states, trackers, Sensors);
        var saved = StateFile.Decode(file, SampleModel.Fingerprint);
        Assert.Equal((9L, Sensors), (saved.Steps, saved.Sensors));
        Assert.Equal(states, saved.Values);
        Assert.Equal(trackers, saved.Tracker);

        string[] reasons = ["is damaged", "is not a GruNative state file", "has format version"];
        for (int i = 0; i < file.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[i] ^= (byte)(1 << bit);
                string message = Assert.Throws<StateFileException>(() => StateFile.Decode(damaged, SampleModel.Fingerprint)).Message;
                Assert.Contains(reasons, reason => message.StartsWith(reason, StringComparison.Ordinal));
            }
        }
        for (int length = 0; length < file.Length; length++)
        {
            string message = Assert.Throws<StateFileException>(() => StateFile.Decode(file.AsSpan(0, length), SampleModel.Fingerprint)).Message;
            Assert.Contains(reasons, reason => message.StartsWith(reason, StringComparison.Ordinal));
        }

        // Sensor counts that would wrap a 64-bit length around are refused before any product is formed.
        byte[] huge = (byte[])file.Clone();
        BitConverter.GetBytes(int.MaxValue).CopyTo(huge, 76);
        BitConverter.GetBytes(int.MaxValue).CopyTo(huge, 72);
        Assert.Contains("an impossible layout", Assert.Throws<StateFileException>(() => StateFile.Decode(huge, SampleModel.Fingerprint)).Message);
    }
}
