using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// The program's forecasts, as printed, against the float64 reference (<c>SegmentReferenceModel&lt;double&gt;.ForecastObservations</c>)
/// on the same windows: 400 of ETTh1's test rows after the 336 before them, a forecast every 24 observations (17
/// forecasts of 96 steps). The tolerance: the program standardises each reading in double and rounds it to float32, runs
/// the float32 kernel (14 GRU steps and 4 decoder steps, d = 64, FMA-dependent summation order) and prints the float32
/// result; the reference does all of it in float64. Measured on this machine (JIT, Vector512): max |Δ| = 1.8e-6 °C,
/// 1.8e-7 relative (the test output prints it). The bar, 1e-5 relative to max(|reference|, σ of OT = 9.18 °C), leaves a
/// factor of 50 for other vector paths (Vector128/256, AdvSimd) and CPUs, while a 0.1 % error in the last-value shift
/// (about 0.01–0.02 °C, 1e-3 relative) fails it by two orders of magnitude.
/// </summary>
public class ForecastParityTests(ITestOutputHelper output)
{
    [Fact]
    public void ForecastsOverEtth1TestRowsMatchTheFloat64Reference() => ProgramChecks.ForecastsMatchReference(ProgramUnderTest.Jit, output);

    [Fact]
    public void AForecastIsMadeOnlyOnceTheHistoryIsFullAndEveryNth()
    {
        using var folder = new TempFolder();
        double[] input = SampleModel.TestStretch(10);
        var run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(input[..335]), "--every", "3");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Lines);
        Assert.Contains("holds 335 of the 336", run.Stderr, StringComparison.Ordinal);

        run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(input), "--every", "3");
        Assert.Equal([336L, 339L, 342L, 345L], run.Forecasts.Select(f => f.Step));
    }

    [Fact]
    public void ACsvInputPicksTheOtColumnByName()
    {
        using var folder = new TempFolder();
        double[] input = SampleModel.TestStretch(24);
        // Another column order than ETTh1's, with a date and a decoy column.
        string csv = "OT,date,HUFL\n" + string.Concat(input.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{v:R},2018-01-01 {i % 24:D2}:00:00,{-i}\n")));
        File.WriteAllText(folder.File("in.csv"), csv);
        var fromFile = ProgramUnderTest.Jit.Run(folder.Path, "", "--input", folder.File("in.csv"), "--every", "24");
        var fromStdin = ProgramUnderTest.Jit.Run(folder.Path, csv, "--header", "--every", "24");
        var plain = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(input), "--every", "24");
        Assert.True(plain.ExitCode == 0 && fromFile.ExitCode == 0 && fromStdin.ExitCode == 0, fromFile.ToString());
        Assert.Equal(2, plain.Lines.Length);
        Assert.Equal(plain.Stdout, fromFile.Stdout);
        Assert.Equal(plain.Stdout, fromStdin.Stdout);
    }

    [Fact]
    public void AWarmupFileFillsTheHistoryWithoutForecasts()
    {
        using var folder = new TempFolder();
        double[] input = SampleModel.TestStretch(48);
        File.WriteAllText(folder.File("warmup.csv"), "date,OT\n" + string.Concat(input[..336].Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"d{i},{v:R}\n"))));
        var warmed = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(input[336..]), "--warmup", folder.File("warmup.csv"));
        var whole = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(input));
        Assert.True(warmed.ExitCode == 0, warmed.ToString());
        Assert.Contains("warm-up: 336 observations", warmed.Stderr, StringComparison.Ordinal);
        Assert.Equal(whole.Lines[1..], warmed.Lines);   // the whole run's forecast at 336 is the one the warm-up does not print
    }
}

/// <summary>Checks every build of the program runs (the JIT one here, the NativeAOT and arm64 ones in their classes).</summary>
public static class ProgramChecks
{
    /// <summary>The bar of <see cref="ForecastParityTests"/>: 1e-5 relative to max(|reference|, σ).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Runs <paramref name="program"/> over the test stretch and holds every forecast to the reference; returns the run and the worst relative difference.</summary>
    public static (RunResult Run, double Worst) ForecastsMatchReference(ProgramUnderTest program, ITestOutputHelper output)
    {
        using var folder = new TempFolder();
        double[] input = SampleModel.TestStretch(400);
        var run = program.Run(folder.Path, SampleModel.Lines(input), "--every", "24");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("step," + string.Join(",", Enumerable.Range(1, 96).Select(k => $"OT+{k}")), run.Header);
        Assert.Equal(Enumerable.Range(0, 17).Select(i => 336L + 24 * i), run.Forecasts.Select(f => f.Step));

        double sigma = SampleModel.Scaler.StandardDeviation, worst = 0, worstAbsolute = 0;
        foreach (var (step, values) in run.Forecasts)
        {
            double[] reference = SampleModel.ReferenceForecast(input, step);
            Assert.Equal(96, values.Length);
            for (int k = 0; k < 96; k++)
            {
                double difference = Math.Abs(values[k] - reference[k]);
                worst = Math.Max(worst, difference / Math.Max(Math.Abs(reference[k]), sigma));
                worstAbsolute = Math.Max(worstAbsolute, difference);
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{program}: {run.Forecasts.Count} forecasts × 96 steps vs the float64 reference: max |Δ| = {worstAbsolute:E2} °C, max relative {worst:E2} (bar {Tolerance:E0})"));
        Assert.True(worst <= Tolerance, $"{program}: {worst:E2} relative");
        return (run, worst);
    }

    /// <summary>The program's <c>--info</c> as name → value.</summary>
    public static Dictionary<string, string> Info(ProgramUnderTest program, ITestOutputHelper output)
    {
        using var folder = new TempFolder();
        var run = program.Run(folder.Path, "", "--info");
        Assert.True(run.ExitCode == 0, run.ToString());
        output.WriteLine(run.Stdout);
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }
}
