using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The NativeAOT linux-x64 binaries (GRUNATIVE_AOT=1): published with zero warnings, each reports the kernel its
/// instruction set gives it, forecasts as the reference does (x86-64-v3: with --intervals' bounds too, in ≤ 2,000,000 bytes), survives SIGKILL, and reads the JIT build's state files
/// (the format and the fingerprint do not depend on the build).
/// </summary>
public class NativeAotTests(ITestOutputHelper output)
{
    private static ProgramUnderTest V3 => ProgramUnderTest.Native("NativeAOT x86-64-v3", NativeBuilds.X64V3);

    private static ProgramUnderTest Native => ProgramUnderTest.Native("NativeAOT native", NativeBuilds.X64Native);

    [NativeAotFact]
    public void X86_64_V3RunsTheAvx2KernelAndMatchesTheReference()
    {
        var info = ProgramChecks.NativeInfo(V3, output);
        Assert.Equal("True", info["Avx2.IsSupported"]);
        Assert.Equal("True", info["Fma.IsSupported"]);
        Assert.Equal("False", info["Vector512.IsHardwareAccelerated"]);   // x86-64-v3 has no AVX-512
        Assert.Equal("Vector256", info["kernel"]);
        Assert.True(new FileInfo(NativeBuilds.X64V3).Length <= 2_000_000, $"binary of {new FileInfo(NativeBuilds.X64V3).Length} bytes");
        ProgramChecks.ForecastsMatchReference(V3, output);
        IntervalChecks.BoundsMatchMetadata(V3, output);
    }

    [NativeAotFact]
    public void NativeRunsThisMachinesWidestKernelAndMatchesTheReference()
    {
        var jit = ProgramChecks.Info(ProgramUnderTest.Jit);
        var info = ProgramChecks.NativeInfo(Native, output);
        Assert.Equal(jit["kernel"], info["kernel"]);
        ProgramChecks.ForecastsMatchReference(Native, output);
    }

    [NativeAotFact]
    public void SigkillAtRandomMomentsAlwaysLeavesTheStateOfAPrefix()
    {
        // Another instruction set than the in-process kernel (AVX2 vs this machine's widest): equal within 1e-5.
        var statistics = KillChecks.Run(V3, kills: 30, seed: 2027, tolerance: 1e-5f);
        output.WriteLine(statistics.ToString());
    }

    [NativeAotFact]
    public void AStateSavedByTheJitBuildIsRestoredByTheNativeBuild() => ProgramChecks.StateMovesBetweenBuilds(ProgramUnderTest.Jit, V3);

    [NativeAotFact]
    public void StartsAndForecastsWithinTheBudget()
    {
        // Budgets of issue 5 for a 2×64 GRU: start to first forecast ≤ 15 ms, peak resident memory ≤ 12 MB. The time
        // here is process start to exit after one forecast (an upper bound), the best of 10 runs.
        using var folder = new TempDirectory();
        string line = SampleModel.Line(SampleModel.Observations(1, seed: 81)[0]) + "\n";
        var best = TimeSpan.MaxValue;
        RunResult run = null!;
        for (int i = 0; i < 10; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            run = V3.Run(folder.Path, line, "--report-memory");
            best = clock.Elapsed < best ? clock.Elapsed : best;
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        long peakKb = long.Parse(System.Text.RegularExpressions.Regex.Match(run.Stderr, @"peak RSS (\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine($"start to exit after the first forecast: {best.TotalMilliseconds:F1} ms (best of 10); peak RSS {peakKb} kB");
        Assert.True(best.TotalMilliseconds <= 15 * 4, $"{best.TotalMilliseconds:F1} ms");   // ×4: a loaded CI machine
        Assert.True(peakKb <= 12 * 1024, $"peak RSS {peakKb} kB");
    }
}
