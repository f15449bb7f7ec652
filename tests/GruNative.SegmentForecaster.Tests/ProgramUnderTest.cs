using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>What a run of the program printed and how it ended.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The CSV header line.</summary>
    public string Header => Stdout.Split('\n')[0];

    /// <summary>The forecast lines after the header, as printed.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

    /// <summary>The forecast lines: (observations read, values in °C).</summary>
    public IReadOnlyList<(long Step, double[] Values)> Forecasts => [.. Lines.Select(line =>
    {
        var cells = line.Split(',');
        return (long.Parse(cells[0], CultureInfo.InvariantCulture), cells[1..].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray());
    })];

    public override string ToString() => $"exit code {ExitCode}\nstderr:\n{Stderr}\nstdout (start):\n{Stdout[..Math.Min(Stdout.Length, 2000)]}";
}

/// <summary>
/// One build of the program and how to start it: the JIT build (the dll beside the tests, run by dotnet), a NativeAOT
/// binary, or a linux-arm64 NativeAOT binary under qemu-user.
/// </summary>
public sealed class ProgramUnderTest
{
    private readonly string _fileName;
    private readonly string[] _prefix;

    private ProgramUnderTest(string name, string fileName, params string[] prefix)
    {
        Name = name;
        _fileName = fileName;
        _prefix = prefix;
    }

    /// <summary>The program built by this test project's build (copied beside the tests), under the JIT.</summary>
    public static ProgramUnderTest Jit { get; } = new("JIT",
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        Path.Combine(AppContext.BaseDirectory, "SegmentForecaster.dll"));

    public static ProgramUnderTest Native(string name, string binary) => new(name, binary);

    public static ProgramUnderTest UnderQemu(string name, string binary) =>
        new(name, "qemu-aarch64-static", "-L", "/usr/aarch64-linux-gnu", binary);

    public string Name { get; }

    /// <summary>Starts the program with every standard stream redirected (stdin as UTF-8 without a byte-order mark).</summary>
    public Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(_fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in _prefix.Concat(args))
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>Runs the program on <paramref name="stdin"/> to its end.</summary>
    public RunResult Run(string workingDirectory, string stdin, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program stopped reading (a refused state file, a bad line): what it printed says why.
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill();
            Assert.Fail($"{Name}: the program did not finish within 3 minutes");
        }
        return new RunResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public override string ToString() => Name;
}

/// <summary>A folder of its own for a test's files, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"grunative-segment-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
