using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// The state file (samples/SegmentForecaster/Persistence/HistoryFile.cs), read here from its documented format: a run
/// killed with SIGKILL and restarted from it prints the lines an uninterrupted run prints; a file from other weights,
/// of another shape, damaged, or not a state file at all is refused with exit code 3 and one line saying why.
/// </summary>
public class StateFileTests
{
    private const int ObservationsOffset = 68, HashOffset = 36, ShapeOffset = 16, HeaderLength = 80;

    [Fact]
    public void AKilledRunRestartedFromItsStateFilePrintsWhatAnUninterruptedRunPrints()
    {
        using var folder = new TempFolder();
        double[] input = SampleModel.TestStretch(120);
        string[] lines = [.. input.Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
        var whole = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(input), "--every", "4");
        Assert.True(whole.ExitCode == 0, whole.ToString());

        // The first run reads up to observation 380 and is killed once it has printed that forecast: with --save-every 1
        // the state file holds observation 380 then (a save comes before its forecast line).
        string state = folder.File("ot.state");
        const int KilledAt = 380;
        var printed = new List<string>();
        using (var process = ProgramUnderTest.Jit.Start(folder.Path, "--state", state, "--every", "4"))
        {
            foreach (string line in lines[..KilledAt])
                process.StandardInput.Write(line + "\n");
            process.StandardInput.Flush();
            for (string? line; (line = process.StandardOutput.ReadLine()) is not null;)
            {
                printed.Add(line);
                if (line.StartsWith($"{KilledAt},", StringComparison.Ordinal))
                    break;
            }
            process.Kill();   // SIGKILL: no exit save
            process.WaitForExit();
        }
        long saved = BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(state).AsSpan(ObservationsOffset));
        Assert.Equal(KilledAt, saved);

        // The restart replays the input from the saved observation on, as a device's logger would.
        var rest = ProgramUnderTest.Jit.Run(folder.Path, string.Concat(lines[(int)saved..].Select(l => l + "\n")), "--state", state, "--every", "4");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Contains($"restored 336 observations of history (observation {KilledAt})", rest.Stderr, StringComparison.Ordinal);
        Assert.Equal(whole.Lines, printed.Skip(1).Concat(rest.Lines).ToArray());
    }

    [Fact]
    public void AStateFileFromOtherWeightsIsRefused()
    {
        using var folder = new TempFolder();
        byte[] file = SavedState(folder);
        file[HashOffset] ^= 0xFF;
        var run = Restart(folder, Rechecksummed(file));
        Assert.Contains("same shape with other weights", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateFileOfAnotherShapeIsRefused()
    {
        using var folder = new TempFolder();
        byte[] file = SavedState(folder);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(ShapeOffset), 720);   // L
        var run = Restart(folder, Rechecksummed(file));
        Assert.Contains("was saved by another model (cell 1, L=720, H=96, w=24, d=64, C=1)", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("truncated")]
    [InlineData("stranger")]
    [InlineData("version")]
    public void ADamagedStateFileIsRefused(string damage)
    {
        using var folder = new TempFolder();
        byte[] file = SavedState(folder);
        (byte[] bytes, string reason) = damage switch
        {
            "value" => (Flip(file, HeaderLength + 7), "CRC-32"),
            "truncated" => (file[..^10], "header announces"),
            "stranger" => ("not a state file at all, just text\n"u8.ToArray(), "is not a SegmentForecaster state file"),
            _ => (Rechecksummed(WithVersion(file, 3)), "format version 3"),   // 1 and 2 (with a tracker) are read
        };
        var run = Restart(folder, bytes);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFileHoldsTheShapeTheHashOfTheWeightsAndTheStandardisedHistory()
    {
        using var folder = new TempFolder();
        byte[] file = SavedState(folder);
        Assert.Equal(1428, file.Length);
        Assert.Equal("GRUNHIST"u8.ToArray(), file[..8]);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(SampleModel.WeightsPath)), file[HashOffset..(HashOffset + 32)]);
        double[] input = SampleModel.TestStretch(0);
        float last = BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(HeaderLength + 4 * 335));
        Assert.Equal((float)SampleModel.Scaler.Standardize(input[^1]), last);
        Assert.Equal(Crc(file.AsSpan(0, file.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4)));
    }

    // A state file the program saved after the 336 observations before the test rows.
    private static byte[] SavedState(TempFolder folder)
    {
        var run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(SampleModel.TestStretch(0)), "--state", folder.File("ot.state"), "--save-every", "100");
        Assert.True(run.ExitCode == 0, run.ToString());
        return File.ReadAllBytes(folder.File("ot.state"));
    }

    // Starts the program on a state file of these bytes: it must refuse it with exit code 3, one line, no forecast.
    private static RunResult Restart(TempFolder folder, byte[] bytes)
    {
        File.WriteAllBytes(folder.File("ot.state"), bytes);
        var run = ProgramUnderTest.Jit.Run(folder.Path, "20.5\n", "--state", folder.File("ot.state"));
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"State file {folder.File("ot.state")} ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(folder.File("ot.state")));   // left as it was, for the operator
        return run;
    }

    private static byte[] Flip(byte[] file, int offset)
    {
        byte[] copy = [.. file];
        copy[offset] ^= 0x01;
        return copy;
    }

    private static byte[] WithVersion(byte[] file, int version)
    {
        byte[] copy = [.. file];
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(8), version);
        return copy;
    }

    // A forged file must pass the checksum, so that what is refused is what the test changed.
    private static byte[] Rechecksummed(byte[] file)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc(file.AsSpan(0, file.Length - 4)));
        return file;
    }

    // zlib's CRC-32, bit by bit: independent of the sample's table-driven one.
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
