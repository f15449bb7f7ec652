namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// Every bad input ends the program with one line on standard error — naming the line or the option — and a non-zero
/// exit code; never a stack trace, never a hang, and a bad line never reaches the saved history.
/// </summary>
public class BadInputTests
{
    [Theory]
    [InlineData("20.1\nabc\n", "stdin line 2: 'abc' is not a number")]
    [InlineData("20.1\n21\nNaN\n", "stdin line 3: 'NaN' is not finite")]
    [InlineData("-Infinity\n", "stdin line 1: '-Infinity' is not finite")]
    [InlineData("1e999\n", "stdin line 1: '1e999' is not finite")]
    [InlineData("20,21\n", "stdin line 1: expected 1 comma-separated value(s), found 2")]
    [InlineData("20.5 °C\n", "stdin line 1: '20.5 °C' is not a number")]
    public void ABadObservationStopsWithExitCode2(string stdin, string message)
    {
        using var folder = new TempFolder();
        var run = ProgramUnderTest.Jit.Run(folder.Path, stdin, "--state", folder.File("s"));
        AssertOneLine(run, 2, message);
        // The good lines before it were saved, the bad one was not.
        Assert.Equal(80 + 4 * (stdin.Split('\n').Length - 2) + 4, File.Exists(folder.File("s")) ? new FileInfo(folder.File("s")).Length : 84);
    }

    [Theory]
    [InlineData(2, "--header", "date,HUFL\n2016,1\n", "stdin line 1: the header (date,HUFL) has no column OT, the model's input")]
    [InlineData(2, "--header", "OT,x,OT\n1,2,3\n", "stdin line 1: the header names the column OT twice")]
    [InlineData(2, "--header", "", "stdin has no header line naming the column OT")]
    [InlineData(2, "--header", "date,OT\n2016,1,2\n", "stdin line 2: expected 2 comma-separated value(s), found 3")]
    [InlineData(1, "--every 0", "", "--every needs a whole number from 1 to 2147483647, not '0'.")]
    [InlineData(1, "--every", "", "--every needs a value.")]
    [InlineData(1, "--bench -3", "", "--bench needs a whole number from 1 to 9223372036854775807, not '-3'.")]
    [InlineData(1, "--frobnicate", "", "Unknown option '--frobnicate'.")]
    [InlineData(1, "--save-every 5", "", "--save-every needs --state FILE.")]
    [InlineData(1, "--intervals 50", "", "--intervals: the model holds no 50 % interval; it has 80 %, 95 %.")]
    [InlineData(1, "--intervals 80,80", "", "--intervals lists the level 80 twice.")]
    [InlineData(1, "--input /tmp/no-such-observations.csv", "", "Could not find file '/tmp/no-such-observations.csv'.")]
    [InlineData(1, "--state /no/such/folder/s", "", "The folder of state file /no/such/folder/s does not exist.")]
    [InlineData(1, "--warmup /tmp/no-such-warmup.csv", "", "Could not find file '/tmp/no-such-warmup.csv'.")]
    public void AHeaderWithoutOtOrARaggedLineStopsWithExitCode2AndABadCommandLineWithExitCode1(int exitCode, string args, string stdin, string message) =>
        AssertOneLine(ProgramUnderTest.Jit.Run(Path.GetTempPath(), stdin, args.Split(' ')), exitCode, message);

    [Fact]
    public void HelpPrintsTheUsage()
    {
        var run = ProgramUnderTest.Jit.Run(Path.GetTempPath(), "", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: SegmentForecaster [options]", run.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOneLine(RunResult run, int exitCode, string message)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.ToString());
        Assert.StartsWith(message, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
