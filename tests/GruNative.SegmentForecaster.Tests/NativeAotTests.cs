using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// The NativeAOT linux-x64 binaries (GRUNATIVE_AOT=1), with the default instruction set and with x86-64-v3: published
/// with zero warnings, at most 2,000,000 bytes, each reports NativeAOT and the kernel its instruction set gives it,
/// forecasts as the float64 reference does and as the JIT build does (to 1e-5 of σ), writes the same intervals, and
/// restores a state file the JIT build saved.
/// </summary>
public class NativeAotTests(ITestOutputHelper output)
{
    private static ProgramUnderTest Default => ProgramUnderTest.Native("NativeAOT x64 default", NativeBuilds.X64Default);

    private static ProgramUnderTest V3 => ProgramUnderTest.Native("NativeAOT x86-64-v3", NativeBuilds.X64V3);

    [NativeAotFact]
    public void TheDefaultBuildRunsTheVector128KernelFitsTheBarAndMatches()
    {
        var info = Checks(Default, NativeBuilds.X64Default);
        Assert.Equal("Vector128", info["kernel"]);
    }

    [NativeAotFact]
    public void TheX86_64_V3BuildRunsTheVector256KernelFitsTheBarAndMatches()
    {
        var info = Checks(V3, NativeBuilds.X64V3);
        Assert.Equal("True", info["Avx2.IsSupported"]);
        Assert.Equal("Vector256", info["kernel"]);
        using var folder = new TempFolder();
        var run = V3.Run(folder.Path, SampleModel.Lines(SampleModel.TestStretch(24)), "--every", "24", "--intervals");
        Assert.True(run.ExitCode == 0, run.ToString());
        IntervalChecks.BoundsMatchMetadata(run, [0.8, 0.95]);
    }

    [NativeAotFact]
    public void AStateSavedByTheJitBuildIsRestoredByTheNativeBuild() => BuildChecks.StateMovesBetweenBuilds(ProgramUnderTest.Jit, V3);

    private Dictionary<string, string> Checks(ProgramUnderTest program, string binary)
    {
        long size = new FileInfo(binary).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{program}: {size:N0} bytes"));
        Assert.True(size <= NativeBuilds.MaxBinaryBytes, $"{program}: {size:N0} bytes");
        var info = ProgramChecks.Info(program, output);
        Assert.StartsWith("NativeAOT, ", info["runtime"], StringComparison.Ordinal);
        BuildChecks.MatchesReferenceAndJit(program, output);
        return info;
    }
}

/// <summary>Checks that compare one build of the program with another.</summary>
public static class BuildChecks
{
    /// <summary>
    /// Parity with the float64 reference (<see cref="ProgramChecks.ForecastsMatchReference"/>) and with the JIT build's
    /// printed forecasts: 1e-5 of σ (another vector width sums in another order).
    /// </summary>
    public static void MatchesReferenceAndJit(ProgramUnderTest program, ITestOutputHelper output)
    {
        var (native, _) = ProgramChecks.ForecastsMatchReference(program, output);
        var (jit, _) = ProgramChecks.ForecastsMatchReference(ProgramUnderTest.Jit, output);
        double sigma = SampleModel.Scaler.StandardDeviation;
        double max = native.Forecasts.Zip(jit.Forecasts)
            .SelectMany(pair => pair.First.Values.Zip(pair.Second.Values, (a, b) => Math.Abs(a - b) / sigma))
            .Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{program} vs JIT: max |Δ| = {max:E2} σ"));
        Assert.True(max <= 1e-5, $"{program} vs JIT: {max:E2} σ");
    }

    /// <summary>A state file saved by <paramref name="saver"/> is restored by <paramref name="restorer"/>, which then forecasts as <paramref name="saver"/> would have.</summary>
    public static void StateMovesBetweenBuilds(ProgramUnderTest saver, ProgramUnderTest restorer)
    {
        using var folder = new TempFolder();
        double[] input = SampleModel.TestStretch(24);
        var saved = saver.Run(folder.Path, SampleModel.Lines(input[..336]), "--state", folder.File("ot.state"));
        Assert.True(saved.ExitCode == 0, saved.ToString());
        var restored = restorer.Run(folder.Path, SampleModel.Lines(input[336..]), "--state", folder.File("ot.state"), "--every", "12");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Contains("restored 336 observations of history (observation 336)", restored.Stderr, StringComparison.Ordinal);
        var whole = saver.Run(folder.Path, SampleModel.Lines(input), "--every", "12");
        Assert.Equal([348L, 360L], restored.Forecasts.Select(f => f.Step));
        double sigma = SampleModel.Scaler.StandardDeviation;
        foreach (var (a, b) in restored.Forecasts.Zip(whole.Forecasts.Skip(1)))
        {
            Assert.Equal(b.Step, a.Step);
            Assert.All(a.Values.Zip(b.Values), pair => Assert.True(Math.Abs(pair.First - pair.Second) / sigma <= 1e-5));
        }
    }
}
