using StreamingForecaster.Persistence;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// Bad lines — a wrong number of values, text, NaN, infinities, a number beyond float32 once standardised, a line
/// longer than the buffer — are reported on standard error with their line number, under both policies, and never
/// reach the state: the state saved afterwards is, bit for bit, the state after the good lines alone.
/// </summary>
public class BadInputTests(ITestOutputHelper output)
{
    private static readonly double[][] Good = SampleModel.Observations(40, seed: 21);

    // Bad lines, each with what the message must say about it.
    private static readonly (string Line, string Problem)[] Bad =
    [
        ("18.5,65", "expected 3 comma-separated values, found 2"),
        ("18.5,65,2.1,7", "expected 3 comma-separated values, found 4"),
        ("18.5,abc,2.1", "value 2 ('abc') is not a number"),
        ("18,5;65;2", "expected 3 comma-separated values, found 2"),
        (",65,2.1", "value 1 ('') is not a number"),
        ("NaN,65,2.1", "value 1 ('NaN') is not finite"),
        ("18.5,Infinity,2.1", "value 2 ('Infinity') is not finite"),
        ("18.5,65,-Infinity", "value 3 ('-Infinity') is not finite"),
        ("1e999,65,2.1", "value 1 ('1e999') is not finite"),
        ("1e300,65,2.1", "value 1 ('1e300') is beyond float32 range once standardised"),
        ("18.5,65,2.1" + new string(' ', 70_000), "longer than 65536 bytes"),
    ];

    /// <summary>The good lines with a bad one after every third, plus a blank line (passed over, not an error); the numbers of the bad lines.</summary>
    private static (string Input, List<(int LineNumber, string Problem)> BadLines) Mixed()
    {
        var lines = new List<string>();
        var badLines = new List<(int, string)>();
        int next = 0;
        for (int i = 0; i < Good.Length; i++)
        {
            lines.Add(SampleModel.Line(Good[i]));
            if (i % 3 == 2 && next < Bad.Length)
            {
                lines.Add(Bad[next].Line);
                badLines.Add((lines.Count, Bad[next++].Problem));
            }
            if (i == 5)
                lines.Add("   ");
        }
        Assert.Equal(Bad.Length, next);
        return (string.Join("\r\n", lines) + "\r\n", badLines);   // CR LF line ends, as a Windows sensor might send
    }

    [Fact]
    public void SkipReportsEachBadLineAndTheStateIsThatOfTheGoodLinesOnly()
    {
        using var folder = new TempDirectory();
        var (input, badLines) = Mixed();
        string statePath = folder.File("sensor.state");
        var run = ProgramUnderTest.Jit.Run(folder.Path, input, "--state", statePath, "--save-every", "1000");
        output.WriteLine(run.Stderr);
        Assert.True(run.ExitCode == 0, run.ToString());

        var messages = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(m => m.StartsWith("stdin", StringComparison.Ordinal)).ToArray();
        Assert.Equal(badLines.Select(b => $"stdin line {b.LineNumber}: {b.Problem}; line skipped"), messages);

        // The forecasts and the saved state are those of the good lines alone.
        var cleanRun = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(Good));
        Assert.Equal(cleanRun.Stdout, run.Stdout);
        var saved = StateFile.Load(statePath, SampleModel.Fingerprint)!;
        Assert.Equal(Good.Length, saved.Steps);
        Assert.Equal(SampleModel.PrefixStates(Good)[^1], saved.Values);
    }

    [Fact]
    public void FailStopsAtTheFirstBadLineAndSavesTheStateOfTheLinesBefore()
    {
        using var folder = new TempDirectory();
        var (input, badLines) = Mixed();
        string statePath = folder.File("sensor.state");
        var run = ProgramUnderTest.Jit.Run(folder.Path, input, "--state", statePath, "--save-every", "1000", "--on-bad-input", "fail");
        Assert.True(run.ExitCode == 2, run.ToString());

        var (firstBad, problem) = badLines[0];
        Assert.Contains($"stdin line {firstBad}: {problem}; stopping (--on-bad-input fail)", run.Stderr, StringComparison.Ordinal);
        int goodBefore = firstBad - 1;
        Assert.Equal(goodBefore, run.Forecasts.Count);
        var saved = StateFile.Load(statePath, SampleModel.Fingerprint)!;
        Assert.Equal(goodBefore, saved.Steps);
        Assert.Equal(SampleModel.PrefixStates(Good)[goodBefore], saved.Values);
    }

    [Fact]
    public void AnInputFileNamesItsBadLinesByTheirLineInTheFile()
    {
        using var folder = new TempDirectory();
        string path = folder.File("readings.csv");
        File.WriteAllText(path, "temperature,humidity,power\n" + SampleModel.Lines(Good.Take(3)) + "18.5,oops,2\n" + SampleModel.Lines(Good.Skip(3).Take(2)));
        var run = ProgramUnderTest.Jit.Run(folder.Path, "", "--input", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{path} line 5: value 2 ('oops') is not a number; line skipped", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(5, run.Forecasts.Count);
    }
}
