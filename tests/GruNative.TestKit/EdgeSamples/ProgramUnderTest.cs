using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace GruNative.TestKit.EdgeSamples;

/// <summary>What a run of an edge sample printed and how it ended.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The CSV header line.</summary>
    public string Header => Stdout.Split('\n')[0];

    /// <summary>The forecast lines after the header, as printed.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

    /// <summary>The forecast lines after the CSV header: (step, forecast values in the target's units).</summary>
    public IReadOnlyList<(long Step, double[] Values)> Forecasts => ParseForecasts(Stdout);

    public static IReadOnlyList<(long Step, double[] Values)> ParseForecasts(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0 && lines[0].StartsWith("step,", StringComparison.Ordinal), $"no CSV header in: {stdout}");
        return lines[1..].Select(line =>
        {
            var cells = line.Split(',');
            return (long.Parse(cells[0], CultureInfo.InvariantCulture), cells[1..].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray());
        }).ToList();
    }

    public override string ToString() => $"exit code {ExitCode}\nstderr:\n{Stderr}\nstdout (start):\n{Stdout[..Math.Min(Stdout.Length, 2000)]}";
}

/// <summary>
/// One build of an edge sample (samples/StreamingForecaster, samples/SegmentForecaster) and how to start it: the JIT
/// build (the dll copied beside the tests, run by dotnet), a NativeAOT binary, or a linux-arm64 NativeAOT binary under
/// qemu-user. Each test project names its sample's JIT build (its <c>ProgramUnderTest.Jit</c>).
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

    /// <summary>The program <paramref name="dll"/> built by the test project's build (copied beside the tests), under the JIT.</summary>
    public static ProgramUnderTest JitBuild(string dll) => new("JIT",
        // DOTNET_HOST_PATH is the dotnet that runs `dotnet test`; the program needs no other.
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        Path.Combine(AppContext.BaseDirectory, dll));

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
