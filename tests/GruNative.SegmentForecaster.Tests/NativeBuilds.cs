namespace GruNative.SegmentForecaster.Tests;

/// <summary>The NativeAOT builds of the program, published once per test run into the tests' folder, one at a time.</summary>
public static class NativeBuilds
{
    /// <summary>The size bar of the edge samples (StreamingForecaster's NativeAotTests hold theirs to the same).</summary>
    public const long MaxBinaryBytes = 2_000_000;

    private static readonly Lazy<string> LazyX64Default = new(() => PublishX64(null));
    private static readonly Lazy<string> LazyX64V3 = new(() => PublishX64("x86-64-v3"));
    private static readonly Lazy<string> LazyArm64 = new(PublishArm64);

    /// <summary>linux-x64 with the default instruction set (x86-64-v2: SSE4.2, no AVX2).</summary>
    public static string X64Default => LazyX64Default.Value;

    /// <summary>linux-x64, IlcInstructionSet=x86-64-v3 (AVX2, FMA; no AVX-512).</summary>
    public static string X64V3 => LazyX64V3.Value;

    /// <summary>linux-arm64, cross-published by the sample's publish-arm64.sh.</summary>
    public static string Arm64 => LazyArm64.Value;

    private static string PublishX64(string? instructionSet)
    {
        string output = Path.Combine(AppContext.BaseDirectory, "aot", $"linux-x64-{instructionSet ?? "default"}");
        string[] args = ["publish", Path.Combine(SampleModel.Directory, "SegmentForecaster.csproj"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output];
        NativeToolchain.Publish("dotnet", instructionSet is null ? args : [.. args, $"-p:IlcInstructionSet={instructionSet}"]);
        return Path.Combine(output, "SegmentForecaster");
    }

    private static string PublishArm64()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "aot", "linux-arm64");
        NativeToolchain.Publish("bash", Path.Combine(SampleModel.Directory, "publish-arm64.sh"), output);
        return Path.Combine(output, "SegmentForecaster");
    }
}
