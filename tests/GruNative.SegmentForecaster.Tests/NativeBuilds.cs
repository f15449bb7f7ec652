using System.Diagnostics;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>Runs only when GRUNATIVE_AOT=1: a NativeAOT publish takes about 35 s on 2 cores. Skipped, with this reason, otherwise.</summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GRUNATIVE_AOT") != "1")
            Skip = "NativeAOT linux-x64 publishes take about 35 s each; set GRUNATIVE_AOT=1 to run these tests";
    }
}

/// <summary>Runs only when the linux-arm64 cross toolchain and qemu are installed and GRUNATIVE_ARM64=1 asks for it; skipped with the reason otherwise.</summary>
public sealed class Arm64FactAttribute : FactAttribute
{
    public Arm64FactAttribute()
    {
        string? missing = NativeBuilds.MissingArm64Toolchain();
        if (missing is not null)
            Skip = $"the linux-arm64 cross toolchain is absent ({missing}); install it with: apt-get install -y {NativeBuilds.Arm64Packages}, and set GRUNATIVE_ARM64=1";
        else if (Environment.GetEnvironmentVariable("GRUNATIVE_ARM64") != "1")
            Skip = "the linux-arm64 cross-publish takes about 30 s; set GRUNATIVE_ARM64=1 to run it";
    }
}

/// <summary>The NativeAOT builds of the program, published once per test run into the tests' folder, one at a time.</summary>
public static class NativeBuilds
{
    /// <summary>Debian's packages for the linux-arm64 cross-publish and for running its binary.</summary>
    public const string Arm64Packages = "clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static";

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

    /// <summary>What of the arm64 cross toolchain and qemu is missing, or null when everything is there.</summary>
    public static string? MissingArm64Toolchain()
    {
        var missing = new List<string>();
        foreach (string tool in new[] { "clang", "ld.lld", "aarch64-linux-gnu-gcc", "qemu-aarch64-static" })
        {
            bool found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, tool)));
            if (!found)
                missing.Add(tool);
        }
        if (!File.Exists("/usr/aarch64-linux-gnu/lib/libc.so.6"))
            missing.Add("/usr/aarch64-linux-gnu/lib/libc.so.6");
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    private static string PublishX64(string? instructionSet)
    {
        string output = Path.Combine(AppContext.BaseDirectory, "aot", $"linux-x64-{instructionSet ?? "default"}");
        string[] args = ["publish", Path.Combine(SampleModel.Directory, "SegmentForecaster.csproj"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output];
        Run("dotnet", instructionSet is null ? args : [.. args, $"-p:IlcInstructionSet={instructionSet}"]);
        return Path.Combine(output, "SegmentForecaster");
    }

    private static string PublishArm64()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "aot", "linux-arm64");
        Run("bash", Path.Combine(SampleModel.Directory, "publish-arm64.sh"), output);
        return Path.Combine(output, "SegmentForecaster");
    }

    // One publish at a time: each restores for its runtime identifier into the sample's one obj/project.assets.json, so
    // two at once (their test classes run in parallel) can find an assets file without their target (NETSDK1047).
    private static readonly Lock PublishLock = new();

    private static void Run(string fileName, params string[] args)
    {
        lock (PublishLock)
        {
            var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in args)
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
            Assert.DoesNotContain(": warning ", stdout, StringComparison.Ordinal);   // zero trim/AOT warnings (they are errors too)
        }
    }
}
