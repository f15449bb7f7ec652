using System.Globalization;
using GruNative.TestKit.PowerCut;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The state file survives a power cut at any moment: the program runs under an LD_PRELOAD shim that journals every
/// write, sync, rename and line of output touching the state file's folder, and the replay cuts the power after each
/// call, drops everything not yet synced (every order in which unsynced folder changes could have reached the disk),
/// and checks that the state file is always a whole save, never older than the last save whose forecast was printed.
/// </summary>
public class PowerCutTests
{
    [PowerCutFact]
    public void The_state_file_is_a_whole_save_and_never_older_than_the_last_forecast_after_any_power_cut()
    {
        using var dir = new TempDirectory();
        string folder = Directory.CreateDirectory(dir.File("state")).FullName;
        var lines = Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{18 + 3 * Math.Sin(i / 4.0):F2},{60 + i % 7},{2 + 0.1 * (i % 5):F1}\n"));

        var (journal, exit, stdout, stderr) = PowerCutShim.Run(folder, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "StreamingForecaster.dll"), "--state", Path.Combine(folder, "state.bin"), "--save-every", "1"],
            string.Concat(lines));

        Assert.True(exit == 0, $"exit code {exit}\n{stderr}");
        Assert.Equal(40, RunResult.ParseForecasts(stdout).Count);
        var report = journal.Check("state.bin");
        Assert.True(report.Violations.Count == 0, report.ToString());
        Assert.Equal(40, report.Saves);            // --save-every 1: a save per observation
        Assert.Equal(40, report.SavesReturned);    // each forecast was printed after its save returned
    }

    // The replay itself, on journals written by hand: each protocol's flaw is found, so the test above can fail.
    private static readonly string[] Prefix = ["N state.bin.tmp1 1 1 0", "W 1 0 3|one", "S 1", "R state.bin.tmp1 state.bin 9", "D", "O 1 9"];

    [Fact]
    public void The_replay_accepts_write_sync_rename_sync_folder()
    {
        var report = PowerCutJournal.FromRecords([.. Prefix, "N state.bin.tmp2 2 1 0", "W 2 0 3|two", "S 2", "R state.bin.tmp2 state.bin 9", "D", "O 1 9"]).Check("state.bin");

        Assert.Empty(report.Violations);
        Assert.Equal((2, 2), (report.Saves, report.SavesReturned));
    }

    [Fact]
    public void The_replay_finds_a_save_lost_when_the_folder_is_not_synced()
    {
        var report = PowerCutJournal.FromRecords([.. Prefix, "N state.bin.tmp2 2 1 0", "W 2 0 3|two", "S 2", "R state.bin.tmp2 state.bin 9", "O 1 9"]).Check("state.bin");

        Assert.Contains(report.Violations, v => v.Contains("holds save 1, but save 2 had returned", StringComparison.Ordinal));
    }

    [Fact]
    public void The_replay_finds_an_empty_file_when_the_data_is_not_synced_before_the_rename()
    {
        var report = PowerCutJournal.FromRecords([.. Prefix, "N state.bin.tmp2 2 1 0", "W 2 0 3|two", "R state.bin.tmp2 state.bin 9", "D", "S 2", "O 1 9"]).Check("state.bin");

        Assert.Contains(report.Violations, v => v.Contains("state.bin holds an empty file", StringComparison.Ordinal));
    }

    [Fact]
    public void The_replay_finds_a_torn_file_when_a_save_rewrites_the_file_in_place()
    {
        var report = PowerCutJournal.FromRecords([.. Prefix, "N state.bin 1 0 0", "W 1 0 2|TW", "S 1", "W 1 2 1|O", "S 1", "O 1 9"]).Check("state.bin");

        Assert.Contains(report.Violations, v => v.Contains("content that no save wrote (torn)", StringComparison.Ordinal));
    }
}
