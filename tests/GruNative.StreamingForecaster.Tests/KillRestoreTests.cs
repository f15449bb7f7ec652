using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using StreamingForecaster.Persistence;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>What a series of kills did.</summary>
public sealed record KillStatistics(int Kills, int BeforeFirstForecast, int DuringSave, int MaxStepsLost, long StepsReached, TimeSpan Elapsed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kills} SIGKILLs in {Elapsed.TotalSeconds:F1} s: {BeforeFirstForecast} before the first forecast, {DuringSave} left an interrupted save's temporary file, "
        + $"at most {MaxStepsLost} forecast step(s) not yet in the state file, {StepsReached} observations absorbed in all");
}

/// <summary>
/// The state file under SIGKILL: the program streams with --state and saves every step (or every third), and is killed
/// at random moments — starting up, restoring, mid-save, mid-step. After every kill the state file must load, hold the
/// state after exactly the prefix of the input its step count says (bit for bit, computed here independently), never
/// go backwards, and lag the last forecast the program printed by less than --save-every steps. The next start
/// resumes from it with the input that follows, as a sensor process replaying from the saved step would.
/// </summary>
public static class KillChecks
{
    public static KillStatistics Run(ProgramUnderTest program, int kills, int seed, float tolerance)
    {
        double[][] input = SampleModel.Observations(20_000, seed: 41);
        string[] lines = input.Select(SampleModel.Line).ToArray();
        float[][] prefixStates = SampleModel.PrefixStates(input);
        ModelFingerprint fingerprint = SampleModel.Fingerprint;
        var random = new Random(seed);
        using var folder = new TempDirectory();
        string statePath = folder.File("sensor.state");

        var clock = Stopwatch.StartNew();
        long savedSteps = 0;   // what the state file holds (0: no file yet)
        int beforeFirstForecast = 0, duringSave = 0, maxLost = 0;
        for (int kill = 0; kill < kills; kill++)
        {
            int saveEvery = random.Next(2) == 0 ? 1 : 3;
            // A third of the kills count from the process's start (so some land while it starts, cleans up and
            // restores, whatever the machine's speed), the rest from its first forecast (mid-stream, mid-save).
            bool fromStart = random.Next(3) == 0;
            int delay = random.Next(0, fromStart ? 400 : 300);
            using var process = program.Start(folder.Path, "--state", statePath, "--save-every", saveEvery.ToString(CultureInfo.InvariantCulture));
            long resumeFrom = savedSteps;
            var writer = Task.Run(() =>
            {
                try
                {
                    for (long k = resumeFrom; k < lines.Length; k++)
                        process.StandardInput.Write(lines[k] + "\n");
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The program was killed: the pipe is broken.
                }
            });
            using var firstForecast = new ManualResetEventSlim();
            var stdout = Task.Run(() =>
            {
                var text = new System.Text.StringBuilder();
                for (string? line; (line = process.StandardOutput.ReadLine()) is not null;)
                {
                    text.Append(line).Append('\n');
                    if (!line.StartsWith("step,", StringComparison.Ordinal))
                        firstForecast.Set();
                }
                firstForecast.Set();   // the end: the process died or finished
                return text.ToString();
            });
            var stderr = process.StandardError.ReadToEndAsync();

            if (!fromStart)
                Assert.True(firstForecast.Wait(TimeSpan.FromMinutes(1)), "no forecast within a minute");
            Thread.Sleep(delay);
            process.Kill();   // SIGKILL on Unix
            process.WaitForExit();
            writer.Wait();

            // Every forecast the program wrote before it died is in the pipe, whole (a line is one write of under
            // PIPE_BUF bytes, which a pipe never splits): the last one says how far it got.
            IReadOnlyList<(long Step, double[] Values)> forecasts = stdout.Result.Length == 0 ? [] : RunResult.ParseForecasts(stdout.Result);
            long lastForecast = forecasts.Count > 0 ? forecasts[^1].Step : -1;
            duringSave += Directory.GetFiles(folder.Path, ".sensor.state.*.tmp").Length;
            string context = $"kill {kill + 1} {delay} ms after its {(fromStart ? "start" : "first forecast")} (--save-every {saveEvery}, resumed at {resumeFrom}, last forecast {lastForecast}); stderr: {stderr.Result}";

            SavedState? saved = StateFile.Load(statePath, fingerprint);   // throws if the file is unreadable
            long steps = saved?.Steps ?? 0;
            Assert.True(steps >= savedSteps, $"the state went back from step {savedSteps} to {steps}: {context}");
            if (saved is not null)
                AssertStatesEqual(prefixStates[steps], saved.Values, tolerance, $"state of step {steps}: {context}");
            if (lastForecast >= 0)
            {
                // The forecast of step k is written after the save due at k: the file holds at least the last save point
                // at or before the last forecast, and at most one step more (saved, then killed before writing).
                long lastSavePoint = lastForecast / saveEvery * saveEvery;
                Assert.True(steps >= lastSavePoint && steps <= lastForecast + 1, $"state file at step {steps}: {context}");
                maxLost = Math.Max(maxLost, (int)(lastForecast - steps));
            }
            else
            {
                beforeFirstForecast++;
            }
            savedSteps = steps;
        }

        // Then one run to the end of the input: the stream, however often interrupted, ends in the uninterrupted state.
        var rest = program.Run(folder.Path, string.Concat(lines.Skip((int)savedSteps).Select(l => l + "\n")), "--state", statePath, "--save-every", "1000");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Empty(Directory.GetFiles(folder.Path, ".sensor.state.*.tmp"));   // the start removed interrupted saves
        var final = StateFile.Load(statePath, fingerprint)!;
        Assert.Equal(input.Length, final.Steps);
        AssertStatesEqual(prefixStates[^1], final.Values, tolerance, "final state");
        return new KillStatistics(kills, beforeFirstForecast, duringSave, maxLost, savedSteps, clock.Elapsed);
    }

    /// <summary>Bit for bit when <paramref name="tolerance"/> is 0, else within it.</summary>
    public static void AssertStatesEqual(float[] expected, float[] actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        if (tolerance == 0)
        {
            Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())), $"{what}: not bit-identical");
            return;
        }
        float max = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(max <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{what}: max |Δ| {max:E2} > {tolerance:E0}"));
    }
}

public class KillRestoreTests(ITestOutputHelper output)
{
    [Fact]
    public void SigkillAtRandomMomentsAlwaysLeavesTheStateOfAPrefix()
    {
        // The JIT build here and the in-process kernel run the same code on the same machine: bit-identical states.
        var statistics = KillChecks.Run(ProgramUnderTest.Jit, kills: 30, seed: 2026, tolerance: 0);
        output.WriteLine(statistics.ToString());
    }

    [Fact]
    public void SigtermSavesTheStateOfEveryLineRead()
    {
        double[][] input = SampleModel.Observations(50, seed: 43);
        using var folder = new TempDirectory();
        string statePath = folder.File("sensor.state");
        using var process = ProgramUnderTest.Jit.Start(folder.Path, "--state", statePath, "--save-every", "1000");
        process.StandardInput.Write(SampleModel.Lines(input));
        process.StandardInput.Flush();   // stdin stays open: the program waits for more, as it would for a sensor

        // Wait for the 50th forecast: then all 50 lines are in the state, and no save is due before step 1000.
        Assert.Equal("step", process.StandardOutput.ReadLine()!.Split(',')[0]);
        for (int k = 1; k <= input.Length; k++)
            Assert.StartsWith($"{k},", process.StandardOutput.ReadLine(), StringComparison.Ordinal);
        Assert.Equal(0, Kill(process.Id, Sigterm));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        var saved = StateFile.Load(statePath, SampleModel.Fingerprint)!;
        Assert.Equal(input.Length, saved.Steps);
        KillChecks.AssertStatesEqual(SampleModel.PrefixStates(input)[^1], saved.Values, 0, "state saved on SIGTERM");
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
