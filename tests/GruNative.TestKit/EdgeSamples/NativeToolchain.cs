using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;

namespace GruNative.TestKit.EdgeSamples;

/// <summary>
/// Runs only when GRUNATIVE_AOT=1: publishing a NativeAOT binary takes about 35 s per build on 2 cores, too long for
/// every test run. Skipped, with this reason, otherwise.
/// </summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GRUNATIVE_AOT") != "1")
            Skip = "NativeAOT linux-x64 publishes take about 35 s each; set GRUNATIVE_AOT=1 to run these tests";
    }
}

/// <summary>
/// Runs only when the linux-arm64 cross toolchain and qemu are installed and GRUNATIVE_ARM64=1 asks for it (the
/// cross-publish takes about 30 s); skipped with the reason otherwise.
/// </summary>
public sealed class Arm64FactAttribute : FactAttribute
{
    public Arm64FactAttribute()
    {
        string? missing = NativeToolchain.MissingArm64Toolchain();
        if (missing is not null)
            Skip = $"the linux-arm64 cross toolchain is absent ({missing}); install it with: apt-get install -y {NativeToolchain.Arm64Packages}, and set GRUNATIVE_ARM64=1";
        else if (Environment.GetEnvironmentVariable("GRUNATIVE_ARM64") != "1")
            Skip = "the linux-arm64 cross-publish takes about 30 s; set GRUNATIVE_ARM64=1 to run it";
    }
}

/// <summary>What the edge samples' NativeAOT tests need of the machine, and how they publish.</summary>
public static class NativeToolchain
{
    /// <summary>Debian's packages for the linux-arm64 cross-publish and for running its binary.</summary>
    public const string Arm64Packages = "clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static";

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

    // One publish at a time: each restores for its runtime identifier into the sample's one obj/project.assets.json, so
    // an arm64 publish running beside an x64 one (their test classes run in parallel) finds an assets file without its
    // target (NETSDK1047). The JIT build under test is not disturbed: its binaries are already built and publish writes
    // its own bin/obj folders per runtime identifier.
    private static readonly Lock PublishLock = new();

    /// <summary>Runs a publish command (dotnet publish, a publish script) alone, and asserts it succeeded with no warning.</summary>
    public static void Publish(string fileName, params string[] args)
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
