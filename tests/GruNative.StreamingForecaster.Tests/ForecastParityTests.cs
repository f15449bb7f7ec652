using System.Globalization;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using StreamingForecaster.Persistence;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>Checks that every build of the program must pass: JIT here, NativeAOT x64 and arm64 in their own tests.</summary>
public static class ProgramChecks
{
    /// <summary>Observations the parity checks stream: 1,000 hours of the sensor series, a seed the model never saw.</summary>
    public static double[][] ParityInput { get; } = SampleModel.Observations(1000, seed: 11);

    /// <summary>
    /// Streams <see cref="ParityInput"/> through the program, a forecast after every step, and compares each forecast with
    /// the float64 reference model streamed over the same standardised inputs. The program prints forecasts in the
    /// target's units (y · σ + μ, rounded to float32); they are compared in standardised units, (printed − μ) / σ, where
    /// the model computes, within 1e-5. Returns the run and the largest |Δ|.
    /// </summary>
    public static (RunResult Run, double MaxDelta) ForecastsMatchReference(ProgramUnderTest program, ITestOutputHelper output)
    {
        using var folder = new TempDirectory();
        var run = program.Run(folder.Path, SampleModel.Lines(ParityInput));
        Assert.True(run.ExitCode == 0, run.ToString());

        double[][] expected = SampleModel.ReferenceForecasts(ParityInput);
        var forecasts = run.Forecasts;
        Assert.Equal(ParityInput.Length, forecasts.Count);
        ColumnScaler target = SampleModel.TargetScaler;
        double maxDelta = 0;
        string where = "";
        for (int k = 0; k < forecasts.Count; k++)
        {
            Assert.Equal(k + 1, forecasts[k].Step);
            Assert.Equal(SensorForecaster.OutputSize, forecasts[k].Values.Length);
            for (int j = 0; j < SensorForecaster.OutputSize; j++)
            {
                double delta = Math.Abs(target.Standardize(forecasts[k].Values[j]) - expected[k][j]);
                if (!(delta <= maxDelta))
                {
                    maxDelta = delta;
                    where = $"step {k + 1}, value {j + 1}";
                }
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{program}: {forecasts.Count} forecasts × {SensorForecaster.OutputSize} values, max |Δ| vs float64 reference = {maxDelta:E2} (standardised) at {where}"));
        Assert.True(maxDelta <= 1e-5, $"{program}: max |Δ| {maxDelta:E2} at {where}");
        return (run, maxDelta);
    }

    /// <summary>Runs --info on a NativeAOT build, writes what it says to the test output, and returns it (see <see cref="Info"/>).</summary>
    public static Dictionary<string, string> NativeInfo(ProgramUnderTest program, ITestOutputHelper output)
    {
        var info = Info(program);
        output.WriteLine(string.Join("\n", info.Select(i => $"{i.Key}: {i.Value}")));
        Assert.StartsWith("NativeAOT, ", info["runtime"], StringComparison.Ordinal);
        return info;
    }

    /// <summary>
    /// A state saved by one build is restored by another: <paramref name="from"/> streams 20 observations with --state,
    /// <paramref name="to"/> restores the file and streams 20 more; the file then holds the state after all 40.
    /// </summary>
    public static void StateMovesBetweenBuilds(ProgramUnderTest from, ProgramUnderTest to)
    {
        double[][] observations = SampleModel.Observations(40, seed: 91);
        using var folder = new TempDirectory();
        string statePath = folder.File("sensor.state");
        var first = from.Run(folder.Path, SampleModel.Lines(observations.Take(20)), "--state", statePath);
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = to.Run(folder.Path, SampleModel.Lines(observations.Skip(20)), "--state", statePath);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("state: restored step 20", second.Stderr, StringComparison.Ordinal);
        var saved = StateFile.Load(statePath, SampleModel.Fingerprint)!;
        Assert.Equal(40, saved.Steps);
        KillChecks.AssertStatesEqual(SampleModel.PrefixStates(observations)[^1], saved.Values, 1e-5f, $"state after {from} then {to}");
    }

    /// <summary>Runs --info and returns its "name: value" lines as a dictionary.</summary>
    public static Dictionary<string, string> Info(ProgramUnderTest program)
    {
        using var folder = new TempDirectory();
        var run = program.Run(folder.Path, "", "--info");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }
}

/// <summary>The JIT build: its forecasts are the reference model's, and it reports what it runs on.</summary>
public class ForecastParityTests(ITestOutputHelper output)
{
    [Fact]
    public void ForecastsEqualTheFloat64ReferenceOnTheSameStandardisedInputs() =>
        ProgramChecks.ForecastsMatchReference(ProgramUnderTest.Jit, output);

    [Fact]
    public void EveryNStepsWritesTheSameForecastsAtThoseSteps()
    {
        using var folder = new TempDirectory();
        string input = SampleModel.Lines(ProgramChecks.ParityInput.Take(200));
        var everyStep = ProgramUnderTest.Jit.Run(folder.Path, input);
        var every24 = ProgramUnderTest.Jit.Run(folder.Path, input, "--every", "24");
        Assert.True(every24.ExitCode == 0, every24.ToString());

        string[] all = everyStep.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] sparse = every24.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(all[0], sparse[0]);   // the header
        Assert.Equal(Enumerable.Range(1, 8).Select(i => all[24 * i]), sparse[1..]);
    }

    [Fact]
    public void HeaderNamesTheTargetAndTheHorizon()
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, "");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("step," + string.Join(",", Enumerable.Range(1, 24).Select(k => $"temperature+{k}")) + "\n", run.Stdout);
    }

    [Fact]
    public void InfoReportsTheModelTheCompilerAndTheKernelPath()
    {
        var info = ProgramChecks.Info(ProgramUnderTest.Jit);
        Assert.StartsWith("GRU(I=3, H=64, L=2) → Dense(64 → 24), 39768 parameters", info["model"], StringComparison.Ordinal);
        Assert.Equal("temperature, humidity, power", info["inputs"]);
        Assert.Equal("temperature, 24 steps ahead", info["forecast"]);
        Assert.StartsWith("JIT, ", info["runtime"], StringComparison.Ordinal);
        // The child inherits this process's settings (DOTNET_Enable* switches included), so it takes the same path.
        string path = Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "Scalar";
        Assert.Equal(path, info["kernel"]);
        Assert.Equal(Vector256.IsHardwareAccelerated.ToString(), info["Vector256.IsHardwareAccelerated"]);
        Assert.Equal(System.Runtime.Intrinsics.X86.Fma.IsSupported.ToString(), info["Fma.IsSupported"]);
        Assert.Equal("format 1, 592 bytes", info["state file"]);

        // The hash the build baked in is the committed weights file's, computed here independently.
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SampleModel.WeightsPath)));
        Assert.Equal($"baked from model.weights.json, sha256 {sha256}", info["weights"]);
    }
}
