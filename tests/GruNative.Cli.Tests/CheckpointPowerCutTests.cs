using GruNative.TestKit;
using GruNative.TestKit.PowerCut;

namespace GruNative.Cli.Tests;

/// <summary>
/// The training checkpoint survives a power cut at any moment: `grunative train --checkpoint-dir` runs as its own
/// process under the LD_PRELOAD power-cut shim, and the replay (PowerCutJournal) cuts the power after every call
/// touching the checkpoint folder, drops what was not synced, and checks that checkpoint.safetensors is always a whole
/// epoch's checkpoint, never older than the last epoch whose progress line had been printed.
/// </summary>
public class CheckpointPowerCutTests
{
    [PowerCutFact]
    public void The_checkpoint_is_a_whole_epoch_and_never_older_than_the_last_reported_epoch_after_any_power_cut()
    {
        using var dir = new TempFolder();
        string folder = Directory.CreateDirectory(dir.File("ckpt")).FullName;

        var (journal, exit, stdout, stderr) = PowerCutShim.Run(folder, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "GruNative.Cli.dll"), "train", "--builtin", "sine", "--lookback", "24", "--horizon", "6",
             "--hidden", "8", "--epochs", "4", "--batch-size", "16", "--lr", "0.01", "--output", dir.File("model"), "--checkpoint-dir", folder]);

        Assert.True(exit == 0, $"exit code {exit}\n{stderr}\n{stdout}");
        var report = journal.Check("checkpoint.safetensors");
        Assert.True(report.Violations.Count == 0, report.ToString());
        Assert.Equal(4, report.Saves);             // one checkpoint per epoch
        Assert.Equal(4, report.SavesReturned);     // each epoch's line was printed after its checkpoint returned
    }
}
