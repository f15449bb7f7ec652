using Xunit.Abstractions;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// The linux-arm64 NativeAOT binary, cross-published by samples/SegmentForecaster/publish-arm64.sh and run under
/// qemu-user (GRUNATIVE_ARM64=1 and the cross toolchain): it runs the Vector128/AdvSimd kernel ARM boards run, its
/// forecasts match the float64 reference and the x64 JIT build's, and it restores a state file saved on x64
/// (little-endian both; the identity does not depend on the build). qemu checks correctness, not speed.
/// </summary>
public class Arm64Tests(ITestOutputHelper output)
{
    private static ProgramUnderTest Arm64 => ProgramUnderTest.UnderQemu("NativeAOT linux-arm64 (qemu)", NativeBuilds.Arm64);

    [Arm64Fact]
    public void RunsTheAdvSimdKernelAndMatchesTheReferenceAndTheX64Build()
    {
        var info = ProgramChecks.Info(Arm64, output);
        Assert.Contains("linux-arm64, Arm64", info["runtime"], StringComparison.Ordinal);
        Assert.Equal("True", info["AdvSimd.IsSupported"]);
        Assert.Equal("Vector128", info["kernel"]);
        output.WriteLine($"linux-arm64 binary: {new FileInfo(NativeBuilds.Arm64).Length:N0} bytes");
        BuildChecks.MatchesReferenceAndJit(Arm64, output);
    }

    [Arm64Fact]
    public void AStateSavedOnX64IsRestoredOnArm64() => BuildChecks.StateMovesBetweenBuilds(ProgramUnderTest.Jit, Arm64);
}
