namespace GruNative.StreamingForecaster.Tests;

/// <summary>The NativeAOT builds of the program, published once per test run into the tests' folder.</summary>
public static class NativeBuilds
{
    private static readonly Lazy<string> LazyX64V3 = new(() => PublishX64("x86-64-v3"));
    private static readonly Lazy<string> LazyX64Native = new(() => PublishX64("native"));
    private static readonly Lazy<string> LazyArm64 = new(PublishArm64);

    /// <summary>linux-x64, IlcInstructionSet=x86-64-v3 (AVX2, FMA; no AVX-512).</summary>
    public static string X64V3 => LazyX64V3.Value;

    /// <summary>linux-x64, IlcInstructionSet=native (this machine's instruction sets).</summary>
    public static string X64Native => LazyX64Native.Value;

    /// <summary>linux-arm64, cross-published by the sample's publish-arm64.sh.</summary>
    public static string Arm64 => LazyArm64.Value;

    private static string PublishX64(string instructionSet)
    {
        string output = Path.Combine(AppContext.BaseDirectory, "aot", $"linux-x64-{instructionSet}");
        NativeToolchain.Publish("dotnet", "publish", Path.Combine(SampleModel.Directory, "StreamingForecaster.csproj"), "-c", "Release", "-r", "linux-x64",
            "-p:PublishAot=true", $"-p:IlcInstructionSet={instructionSet}", "-o", output);
        return Path.Combine(output, "StreamingForecaster");
    }

    private static string PublishArm64()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "aot", "linux-arm64");
        NativeToolchain.Publish("bash", Path.Combine(SampleModel.Directory, "publish-arm64.sh"), output);
        return Path.Combine(output, "StreamingForecaster");
    }
}
