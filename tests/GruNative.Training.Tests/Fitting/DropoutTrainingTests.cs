using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Fitting;

/// <summary>
/// <see cref="TrainingOptions.Dropout"/> in the training loop: deterministic whatever the thread count, resumable
/// bit-identically, invisible when 0 (results and checkpoint fingerprints), validated, and actually changing training
/// but never evaluation.
/// </summary>
public class DropoutTrainingTests
{
    private static TrainingOptions Options(double dropout, int threads = 1) => new()
    {
        Epochs = 5, BatchSize = 16, LearningRate = 5e-3, Schedule = ScheduleKind.Cosine, Patience = 100, Seed = 11, Threads = threads, ShardSize = 4,
        Dropout = dropout,
    };

    private static Trainer NewTrainer(CellKind cell, TrainingOptions options, int layers = 2) =>
        ArrayWindows.Sine400Trainer(cell, options, layers);

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void One_thread_and_two_give_bit_identical_weights_with_dropout(CellKind cell) =>
        TrainerRuns.AssertThreadCountChangesNothing(threads => NewTrainer(cell, Options(0.3, threads)), h => (h.TrainMse, h.ValidationMse));

    [Theory]
    [InlineData(CellKind.Gru, 2)]
    [InlineData(CellKind.Lstm, 3)]
    public void A_run_with_dropout_stopped_and_resumed_ends_bit_identical(CellKind cell, int k)
    {
        var (straight, resumed) = TrainerRuns.StraightAndResumed(threads => NewTrainer(cell, Options(0.3, threads)), k);

        Assert.Equal(straight.Best.Values, resumed.Best.Values);
        Assert.Equal(straight.History.Select(h => (h.TrainMse, h.ValidationMse, h.LearningRate)),
            resumed.History.Select(h => (h.TrainMse, h.ValidationMse, h.LearningRate)));
    }

    [Fact]
    public void Dropout_changes_training_but_not_evaluation()
    {
        var plain = NewTrainer(CellKind.Gru, Options(0)).Run();
        var dropped = NewTrainer(CellKind.Gru, Options(0.3)).Run();
        Assert.NotEqual(plain.Best.Values, dropped.Best.Values);
        Assert.NotEqual(plain.History[0].TrainMse, dropped.History[0].TrainMse);

        // Scoring the same weights with workers built with and without dropout gives bit-identical errors.
        var (_, validation) = ArrayWindows.Sine400Windows();
        int[] windows = [.. Enumerable.Range(0, validation.Count)];
        float[] values = dropped.Best.Values;
        var spec = new ModelSpec(CellKind.Gru, 1, 6, 2, 3);
        var without = Trainer.Evaluate(new ShardedGradient(spec, 12, 16, 4, 1, values.Length), values, validation, windows);
        var with = Trainer.Evaluate(new ShardedGradient(spec, 12, 16, 4, 1, values.Length, dropout: 0.3), values, validation, windows);
        Assert.Equal(without, with);
        Assert.Equal(dropped.BestValidationMse, with.Mse);
    }

    [Fact]
    public void Dropout_zero_is_the_option_absent_and_one_layer_ignores_it()
    {
        // 0 is the default: same record, same fingerprint as before the option existed (no "dropout" entry).
        var absent = new TrainingOptions();
        Assert.Equal(absent, absent with { Dropout = 0 });
        Assert.Equal(
            ["batch_size", "clip_norm", "epochs", "learning_rate", "patience", "schedule", "seed", "shard_size", "warmup_epochs", "weight_decay"],
            (absent with { Dropout = 0 }).Fingerprint().Keys);
        Assert.Equal("0.3", (absent with { Dropout = 0.3 }).Fingerprint()["dropout"]);

        // With one layer there is nothing to drop between: bit-identical to no dropout.
        var plain = NewTrainer(CellKind.Lstm, Options(0), layers: 1).Run();
        var single = NewTrainer(CellKind.Lstm, Options(0.5), layers: 1).Run();
        Assert.Equal(plain.Best.Values, single.Best.Values);
    }

    [Fact]
    public void A_checkpoint_with_another_dropout_is_refused()
    {
        using var folder = new TempFolder();
        NewTrainer(CellKind.Gru, Options(0.3) with { Epochs = 2 }).Run(checkpointFolder: folder.Path);

        var other = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Gru, Options(0.2) with { Epochs = 2 }).Run(checkpointFolder: folder.Path, resume: true));
        Assert.Contains("option.dropout: checkpoint has '0.3', this run '0.2'", other.Message);
        var none = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Gru, Options(0) with { Epochs = 2 }).Run(checkpointFolder: folder.Path, resume: true));
        Assert.Contains("option.dropout: checkpoint has '0.3', this run '(absent)'", none.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FindProblem_rejects_a_rate_outside_zero_to_one(double dropout)
    {
        Assert.Contains("dropout must lie in [0, 1)", new TrainingOptions { Dropout = dropout }.FindProblem());
        var e = Assert.Throws<ArgumentException>(() => NewTrainer(CellKind.Gru, Options(dropout)));
        Assert.Contains("dropout", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void FindProblem_accepts_a_rate_in_zero_to_one(double dropout) =>
        Assert.Null(new TrainingOptions { Dropout = dropout }.FindProblem());
}
