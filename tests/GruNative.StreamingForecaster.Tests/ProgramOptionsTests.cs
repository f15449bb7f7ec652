using GruNative.Training.Data;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>The program's other options: input files and headers, warm-up, and the command line's errors (--intervals' among them).</summary>
public class ProgramOptionsTests
{
    private static readonly double[][] Observations = SampleModel.Observations(120, seed: 61);

    private static string[] OutputLines(RunResult run) => run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void AnInputFileFromTheTrainersCsvWriterIsReadByColumnName()
    {
        using var folder = new TempDirectory();
        string path = folder.File("sensor.csv");
        CsvTableWriter.Write(SyntheticSeries.Sensor(120, seed: 61), path);   // date,temperature,humidity,power
        AssertPrintsWhatThePlainStreamPrints(folder, ProgramUnderTest.Jit.Run(folder.Path, "", "--input", path));
    }

    [Fact]
    public void AHeaderPicksTheModelsColumnsInAnyOrderAndReadsPastOthers()
    {
        using var folder = new TempDirectory();
        // power, a column the model does not read, "temperature" quoted, humidity.
        string input = "power,site,\"temperature\",humidity\n"
            + string.Concat(Observations.Select(o => FormattableString.Invariant($"{o[2]:R},north,{o[0]:R},{o[1]:R}\n")));
        AssertPrintsWhatThePlainStreamPrints(folder, ProgramUnderTest.Jit.Run(folder.Path, input, "--header"));
    }

    // The observations given another way: the program succeeds and prints exactly what it prints for them on stdin,
    // one headerless line each.
    private static void AssertPrintsWhatThePlainStreamPrints(TempDirectory folder, RunResult run)
    {
        var plain = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(plain.Stdout, run.Stdout);
    }

    [Fact]
    public void AHeaderWithoutAModelColumnIsAnError()
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, "date,temperature,power\n2024-01-01,18,2\n", "--header");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("stdin line 1: the header lacks the model's input column 'humidity' (the model reads temperature, humidity, power; the header has date, temperature, power)",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WarmUpRunsTheHistoryFirstUnlessAStateWasRestored()
    {
        using var folder = new TempDirectory();
        string history = folder.File("history.csv");
        File.WriteAllText(history, "temperature,humidity,power\n" + SampleModel.Lines(Observations.Take(100)));
        string recent = SampleModel.Lines(Observations.Skip(100));

        // Warm-up then stream = one stream of everything (the warm-up's forecasts are not written; steps count on).
        var warm = ProgramUnderTest.Jit.Run(folder.Path, recent, "--warmup", history);
        var whole = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations));
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Contains($"warm-up: 100 observations from {history}", warm.Stderr, StringComparison.Ordinal);
        Assert.Equal(OutputLines(whole)[101..], OutputLines(warm)[1..]);

        // With a state file: the first run warms up and saves; the second restores and skips the warm-up.
        string statePath = folder.File("sensor.state");
        var first = ProgramUnderTest.Jit.Run(folder.Path, "", "--warmup", history, "--state", statePath);
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = ProgramUnderTest.Jit.Run(folder.Path, recent, "--warmup", history, "--state", statePath);
        Assert.Contains("warm-up: skipped, the state was restored from", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(OutputLines(whole)[101..], OutputLines(second)[1..]);
    }

    [Theory]
    [InlineData("--bogus", "Unknown option '--bogus'.")]
    [InlineData("--every 0", "--every needs a whole number from 1 to 2147483647, not '0'.")]
    [InlineData("--every", "--every needs a value.")]
    [InlineData("--sensors 0", "--sensors needs a whole number from 1 to 1024, not '0'.")]
    [InlineData("--sensors 1025", "--sensors needs a whole number from 1 to 1024, not '1025'.")]
    [InlineData("--on-bad-input ignore", "--on-bad-input is skip or fail, not 'ignore'.")]
    [InlineData("--save-every 10", "--save-every needs --state FILE.")]
    [InlineData("--input missing.csv", "missing.csv")]
    [InlineData("--intervals 90", "--intervals: the model holds no 90 % interval; it has 80 %, 95 %.")]
    [InlineData("--intervals 80,99", "--intervals: the model holds no 99 % interval; it has 80 %, 95 %.")]
    [InlineData("--intervals 0.8", "--intervals: the model holds no 0.8 % interval; it has 80 %, 95 %.")]
    [InlineData("--intervals 100", "--intervals takes levels in percent between 0 and 100, e.g. 80,95, not '100'.")]
    [InlineData("--intervals 80,abc", "--intervals takes levels in percent between 0 and 100, e.g. 80,95, not 'abc'.")]
    [InlineData("--intervals 80,,95", "--intervals takes levels in percent between 0 and 100, e.g. 80,95, not ''.")]
    [InlineData("--intervals 95,80,95", "--intervals lists the level 95 twice.")]
    public void CommandLineErrorsExitWithCode1AndSayWhy(string args, string message)
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations.Take(3)), args.Split(' '));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);   // refused at start-up: no header, no forecast
    }

    [Fact]
    public void HelpListsTheOptionsAndTheExitCodes()
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, "", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[] { "--input", "--header", "--every", "--on-bad-input", "--state", "--save-every", "--on-bad-state", "--warmup", "--intervals", "--report-memory", "--info", "--bench" })
            Assert.Contains($"  {option} ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 done, 1 bad command line or input file, 2 bad line", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportMemoryAndBenchPrintTheirFigures()
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Observations.Take(3)), "--report-memory");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"memory: peak RSS \d+ kB, RSS \d+ kB", run.Stderr);

        var bench = ProgramUnderTest.Jit.Run(folder.Path, "", "--bench", "1000");
        Assert.Equal(0, bench.ExitCode);
        Assert.Matches(@"^JIT, kernel \w+, 1000 calls: Step \d+ ns, Predict \d+ ns\n$", bench.Stdout);
    }
}
