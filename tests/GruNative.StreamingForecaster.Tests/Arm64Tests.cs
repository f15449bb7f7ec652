using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The linux-arm64 NativeAOT binary, cross-published by samples/StreamingForecaster/publish-arm64.sh and run under
/// qemu-user (GRUNATIVE_ARM64=1 and the cross toolchain): it runs the Vector128/AdvSimd kernel that ARM boards run,
/// its forecasts match the float64 reference and the x64 build's within 1e-5, and state files move between x64 and
/// arm64 (little-endian both; the fingerprint does not depend on the build). qemu checks correctness, not speed.
/// </summary>
public class Arm64Tests(ITestOutputHelper output)
{
    private static ProgramUnderTest Arm64 => ProgramUnderTest.UnderQemu("NativeAOT linux-arm64 (qemu)", NativeBuilds.Arm64);

    [Arm64Fact]
    public void RunsTheAdvSimdKernelAndMatchesTheReferenceAndTheX64Build()
    {
        var info = ProgramChecks.NativeInfo(Arm64, output);
        Assert.Contains("linux-arm64, Arm64", info["runtime"], StringComparison.Ordinal);
        Assert.Equal("True", info["AdvSimd.IsSupported"]);
        Assert.Equal("Vector128", info["kernel"]);

        var (arm64, _) = ProgramChecks.ForecastsMatchReference(Arm64, output);
        var (x64, _) = ProgramChecks.ForecastsMatchReference(ProgramUnderTest.Jit, output);
        ColumnScaler target = SampleModel.TargetScaler;
        double max = arm64.Forecasts.Zip(x64.Forecasts)
            .SelectMany(pair => pair.First.Values.Zip(pair.Second.Values, (a, b) => Math.Abs(target.Standardize(a) - target.Standardize(b))))
            .Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"arm64 vs x64 (JIT): max |Δ| = {max:E2} (standardised)"));
        Assert.True(max <= 1e-5, $"arm64 vs x64: {max:E2}");
    }

    [Arm64Fact]
    public void AStateSavedOnX64IsRestoredOnArm64() => ProgramChecks.StateMovesBetweenBuilds(ProgramUnderTest.Jit, Arm64);
}
