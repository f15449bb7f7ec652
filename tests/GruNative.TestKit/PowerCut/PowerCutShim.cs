using System.Diagnostics;
using System.Text;

namespace GruNative.TestKit.PowerCut;

/// <summary>
/// Runs a program under <c>powercut.c</c> (an <c>LD_PRELOAD</c> shim, compiled once per test run with the system's C
/// compiler) and replays what it did to one folder with <see cref="PowerCutJournal"/>. Linux only; a test that needs it
/// is a <see cref="PowerCutFactAttribute"/>, skipped with the reason where it cannot run.
/// </summary>
public static class PowerCutShim
{
    private static readonly Lazy<(string? Library, string? Problem)> Built = new(Build);

    /// <summary>Why the shim cannot be used here, or null when it can.</summary>
    public static string? Unavailable => OperatingSystem.IsLinux() ? Built.Value.Problem : "the power-cut shim is an LD_PRELOAD library: Linux only";

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="args"/> and <paramref name="stdin"/>, journaling what it does
    /// to <paramref name="folder"/> (which must exist and be empty), and returns the journal with the program's output.
    /// </summary>
    public static (PowerCutJournal Journal, int ExitCode, string Stdout, string Stderr) Run(
        string folder, string fileName, IEnumerable<string> args, string stdin = "")
    {
        if (Unavailable is { } problem)
            throw new InvalidOperationException(problem);
        string full = Path.GetFullPath(folder).TrimEnd('/');
        if (Directory.EnumerateFileSystemEntries(full).Any())
            throw new ArgumentException($"{full} must be empty: the replay starts from an empty folder", nameof(folder));
        string journal = full + ".journal";
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["LD_PRELOAD"] = Built.Value.Library;
        start.Environment["GRUN_POWERCUT_DIR"] = full;
        start.Environment["GRUN_POWERCUT_JOURNAL"] = journal;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 3 minutes under the power-cut shim");
        }
        try
        {
            return (PowerCutJournal.Read(journal), process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    private static (string?, string?) Build()
    {
        string? compiler = new[] { "cc", "gcc", "clang" }.FirstOrDefault(OnPath);
        if (compiler is null)
            return (null, "no C compiler (cc, gcc or clang) on PATH to build the power-cut shim; install one, e.g. apt-get install gcc");
        string folder = Directory.CreateTempSubdirectory("grunative-powercut-").FullName;
        string source = Path.Combine(folder, "powercut.c"), library = Path.Combine(folder, "powercut.so");
        using (var resource = typeof(PowerCutShim).Assembly.GetManifestResourceStream("GruNative.TestKit.PowerCut.powercut.c")!)
        using (var file = File.Create(source))
            resource.CopyTo(file);
        var start = new ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", library, source, "-ldl", "-lpthread" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? (library, null) : (null, $"{compiler} could not build the power-cut shim: {errors}");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}

/// <summary>A test that runs a program under the power-cut shim: skipped, with the reason, where the shim cannot run.</summary>
public sealed class PowerCutFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shim is unavailable.</summary>
    public PowerCutFactAttribute()
    {
        if (PowerCutShim.Unavailable is { } reason)
            Skip = reason;
    }
}
