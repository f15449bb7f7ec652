using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace GruNative.Samples.Tests;

/// <summary>
/// The sample as a user runs it: the built program (copied beside the tests, with its safetensors files) runs from
/// another directory, exits 0 and prints what Program.cs promises.
/// </summary>
public class SampleProgramTests(ITestOutputHelper output)
{
    [Fact]
    public void RunsAndPrintsBitIdenticalForecasts()
    {
        var (exitCode, lines) = RunSample();
        Assert.Equal(0, exitCode);

        // The widest accelerated path, as the generated code chooses it (the child inherits this process's settings).
        string path = Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "Scalar";
        Assert.Equal($"GruNative GettingStarted (JIT), vector path: {path}", lines[0]);
        Assert.Equal(
        [
            ("GRU  240 x Step, then Predict", "6 values"),
            ("GRU  Predict after CopyTo/CopyFrom", "bit-identical"),
            ("GRU  Forecast(last 48 steps), baked", "6 values"),
            ("GRU  Forecast(last 48 steps), loaded", "6 values"),
            ("GRU  baked vs loaded", "bit-identical"),
            ("LSTM Forecast(last 48 steps), baked", "4 values"),
            ("LSTM Forecast(last 48 steps), loaded", "4 values"),
            ("LSTM baked vs loaded", "bit-identical"),
        ], lines[1..^1].Select(Describe));
        Assert.Equal("OK", lines[^1]);
    }

    /// <summary>A printed line as (label, what follows): "bit-identical", or the count of finite values in […].</summary>
    private static (string Label, string Value) Describe(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string value = line[(colon + 1)..].Trim();
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            var values = value[1..^1].Split(", ").Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.All(values, v => Assert.True(float.IsFinite(v), line));
            value = $"{values.Length} values";
        }
        return (line[..colon], value);
    }

    private (int ExitCode, string[] Lines) RunSample()
    {
        // DOTNET_HOST_PATH is the dotnet that runs `dotnet test`; the program needs no other.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GettingStarted.dll"));
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the sample did not finish within 2 minutes");
        output.WriteLine(stdout);
        output.WriteLine(stderr.Result);
        Assert.Equal("", stderr.Result);
        return (process.ExitCode, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
