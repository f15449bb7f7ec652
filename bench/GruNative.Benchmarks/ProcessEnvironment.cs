using System.Diagnostics;
using System.Reflection;

namespace GruNative.Benchmarks;

/// <summary>
/// Two environment variables libtorch must see when the process starts — setting them later does not reach native
/// code — so the harness restarts itself with them when they are missing (BenchmarkDotNet's benchmark processes then
/// inherit them):
/// <list type="bullet">
/// <item><c>LD_PRELOAD</c> with eng/torch-shim's libstdc++ shim, when the build put one in bin/ (Debian 12: TorchSharp
/// 0.107's native library needs GLIBCXX_3.4.32; see eng/torch-shim/README.md).</item>
/// <item><c>ONEDNN_MAX_CPU_ISA=AVX2</c>: libtorch 2.10's nn.LSTM without autograd uses oneDNN's AVX-512 brgemm kernel,
/// which returns wrong states on AVX-512 CPUs such as the development machine (README, "Install and test"); capped at
/// AVX2, oneDNN's inference LSTM is right. It affects libtorch only.</item>
/// </list>
/// </summary>
internal static class ProcessEnvironment
{
    private const string RestartedMarker = "GRUNATIVE_BENCHMARKS_RESTARTED";

    /// <summary>The restarted process's exit code, or null when this process already has what libtorch needs.</summary>
    public static int? RestartIfNeeded(string[] args)
    {
        if (Environment.GetEnvironmentVariable(RestartedMarker) is not null)
            return null;
        var missing = new Dictionary<string, string>();
        string shim = Path.Combine(AppContext.BaseDirectory, "libglibcxx-shim.so");
        string preload = Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "";
        if (File.Exists(shim) && !preload.Split(':', ' ').Contains(shim))
            missing["LD_PRELOAD"] = preload.Length == 0 ? shim : shim + ":" + preload;
        if (Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") is null)
            missing["ONEDNN_MAX_CPU_ISA"] = "AVX2";
        if (missing.Count == 0)
            return null;

        // `dotnet run` starts the apphost; `dotnet GruNative.Benchmarks.dll` starts dotnet, which needs the assembly.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in missing)
            start.Environment[name] = value;
        start.Environment[RestartedMarker] = "1";
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }
}
