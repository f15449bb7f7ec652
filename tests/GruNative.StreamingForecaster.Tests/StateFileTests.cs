using System.Text;
using StreamingForecaster.Persistence;
using GruNative.Samples.EdgeIo;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The state file (samples/StreamingForecaster/Persistence/StateFile.cs): it round-trips, and anything that is not this
/// model's undamaged state is refused with a message saying why — in process for every byte and bit, and through the
/// program, which stops with exit code 3 unless told to start fresh.
/// </summary>
public class StateFileTests
{
    private static readonly double[][] Observations = SampleModel.Observations(30, seed: 31);

    private static byte[] ValidFile(long steps, float[] state)
    {
        var bytes = new byte[StateFile.FileLength(state.Length)];
        StateFile.Encode(bytes, SampleModel.Fingerprint, steps, state);
        return bytes;
    }

    private static string Refusal(byte[] file) => Assert.Throws<StateFileException>(() => StateFile.Decode(file, SampleModel.Fingerprint)).Message;

    [Fact]
    public void Crc32IsZlibs() => Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void RoundTripsTheStateAndTheStepCount()
    {
        float[] state = SampleModel.PrefixStates(Observations)[^1];
        byte[] file = ValidFile(123_456_789_012, state);
        Assert.Equal(592, file.Length);
        Assert.Equal("GRUNSTAT"u8.ToArray(), file[..8]);
        var saved = StateFile.Decode(file, SampleModel.Fingerprint);
        Assert.Equal(123_456_789_012, saved.Steps);
        Assert.Equal(state, saved.Values);
    }

    [Fact]
    public void EveryFlippedBitAndEveryTruncationIsRefused()
    {
        byte[] file = ValidFile(30, SampleModel.PrefixStates(Observations)[^1]);
        var damagedFiles = new List<byte[]>();
        for (int i = 0; i < file.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[i] ^= (byte)(1 << bit);
                damagedFiles.Add(damaged);
            }
        }
        for (int length = 0; length < file.Length; length++)
            damagedFiles.Add(file[..length]);
        damagedFiles.Add([.. file, 0]);

        // Each is refused for what it is: a flipped magic byte is not a state file, a flipped version is another
        // format, anything else (the checksum, the length) is damage.
        string[] reasons = ["is damaged", "is not a GruNative state file", "has format version"];
        Assert.All(damagedFiles, damaged => Assert.Contains(reasons, reason => Refusal(damaged).StartsWith(reason, StringComparison.Ordinal)));
    }

    [Fact]
    public void AStateOfAnotherShapeOrOtherWeightsIsRefused()
    {
        var otherShape = new ModelFingerprint(new ModelSpec(CellKind.Gru, 1, 32, 1, 6), SampleModel.Fingerprint.WeightsSha256);
        var otherFile = new byte[StateFile.FileLength(32)];
        StateFile.Encode(otherFile, otherShape, 5, new float[32]);
        Assert.Equal("was saved by another model, GRU(I=1, H=32, L=1) → Dense(32 → 6); this program runs GRU(I=3, H=64, L=2) → Dense(64 → 24)",
            Refusal(otherFile));

        byte[] otherHash = SampleModel.Fingerprint.WeightsSha256.ToArray();
        otherHash[0] ^= 0xFF;
        var retrained = new ModelFingerprint(SampleModel.Weights.Spec, otherHash);
        var retrainedFile = new byte[StateFile.FileLength(128)];
        StateFile.Encode(retrainedFile, retrained, 5, new float[128]);
        Assert.StartsWith("was saved by a model of the same shape with other weights", Refusal(retrainedFile), StringComparison.Ordinal);
    }

    [Fact]
    public void TheProgramRefusesADamagedFileAndAnotherModelsFile()
    {
        using var folder = new TempDirectory();
        string statePath = folder.File("sensor.state");
        byte[] valid = ValidFile(30, SampleModel.PrefixStates(Observations)[^1]);
        string input = SampleModel.Lines(Observations.Take(5));

        // One flipped bit in the middle of the state values.
        byte[] damaged = (byte[])valid.Clone();
        damaged[300] ^= 0x10;
        File.WriteAllBytes(statePath, damaged);
        var run = ProgramUnderTest.Jit.Run(folder.Path, input, "--state", statePath);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"State file {statePath} is damaged: its CRC-32 is ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Use --on-bad-state fresh to set it aside and start from the zero state.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        Assert.Equal(damaged, File.ReadAllBytes(statePath));   // refused files are left alone

        // A state saved by another model.
        var otherFile = new byte[StateFile.FileLength(32)];
        StateFile.Encode(otherFile, new ModelFingerprint(new ModelSpec(CellKind.Gru, 1, 32, 1, 6), new byte[32]), 5, new float[32]);
        File.WriteAllBytes(statePath, otherFile);
        run = ProgramUnderTest.Jit.Run(folder.Path, input, "--state", statePath);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"State file {statePath} was saved by another model, GRU(I=1, H=32, L=1) → Dense(32 → 6)", run.Stderr, StringComparison.Ordinal);

        // Some other file.
        File.WriteAllText(statePath, "temperature,humidity,power\n18,65,2\n");
        run = ProgramUnderTest.Jit.Run(folder.Path, input, "--state", statePath);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("is not a GruNative state file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FreshSetsARefusedFileAsideAndStartsFromTheZeroState()
    {
        using var folder = new TempDirectory();
        string statePath = folder.File("sensor.state");
        byte[] damaged = ValidFile(30, SampleModel.PrefixStates(Observations)[^1]);
        damaged[^1] ^= 1;
        File.WriteAllBytes(statePath, damaged);

        var run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations.Take(7)), "--state", statePath, "--on-bad-state", "fresh");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Set aside as {statePath}.rejected; starting from the zero state.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(damaged, File.ReadAllBytes(statePath + ".rejected"));
        Assert.Equal(Enumerable.Range(1, 7), run.Forecasts.Select(f => (int)f.Step));
        var saved = StateFile.Load(statePath, SampleModel.Fingerprint)!;
        Assert.Equal(7, saved.Steps);
        Assert.Equal(SampleModel.PrefixStates(Observations)[7], saved.Values);
    }

    [Fact]
    public void AMissingFileIsAFirstStartAndARestoredStateContinuesTheStream()
    {
        using var folder = new TempDirectory();
        string statePath = folder.File("sensor.state");
        var first = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations.Take(12)), "--state", statePath, "--save-every", "5");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("does not exist yet; starting from the zero state", first.Stderr, StringComparison.Ordinal);

        var second = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations.Skip(12)), "--state", statePath, "--save-every", "5");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"state: restored step 12 from {statePath}", second.Stderr, StringComparison.Ordinal);

        // Two runs with a restart between them print what one uninterrupted run prints, steps numbered on.
        var whole = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations));
        var wholeLines = whole.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var firstLines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var secondLines = second.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(wholeLines, firstLines.Concat(secondLines[1..]));
        Assert.Equal(Observations.Length, StateFile.Load(statePath, SampleModel.Fingerprint)!.Steps);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        Assert.Equal(Encoding.ASCII.GetBytes("GRUNSTAT"), File.ReadAllBytes(statePath)[..8]);
    }
}
