using GruNative.Training.Fitting;

namespace GruNative.Training.Tests.Fitting;

/// <summary>The runs the determinism tests compare, for any trainer: <c>trainer(threads)</c> builds a fresh one.</summary>
internal static class TrainerRuns
{
    /// <summary>One thread and two give bit-identical weights, and the same history as <paramref name="record"/> sees it.</summary>
    public static void AssertThreadCountChangesNothing<T>(Func<int, Trainer> trainer, Func<EpochReport, T> record)
    {
        var one = trainer(1).Run();
        var two = trainer(2).Run();
        Assert.Equal(one.Best.Values, two.Best.Values);
        Assert.Equal(one.History.Select(record), two.History.Select(record));
    }

    /// <summary>
    /// A run straight through on one thread, and one stopped after epoch <paramref name="k"/> (checkpointing) and
    /// resumed on two threads; the stop must surface as a cancellation.
    /// </summary>
    public static (TrainingResult Straight, TrainingResult Resumed) StraightAndResumed(Func<int, Trainer> trainer, int k)
    {
        using var folder = new TempFolder();
        var straight = trainer(1).Run();

        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => trainer(1).Run(
            report => { if (report.Epoch == k) stop.Cancel(); }, folder.Path, resume: false, cancellation: stop.Token));
        var resumed = trainer(2).Run(checkpointFolder: folder.Path, resume: true);
        return (straight, resumed);
    }
}
