using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Optimization;
using GruNative.Training.Segments;
using static GruNative.Training.Tests.Segments.SegmentDatasets;

namespace GruNative.Training.Tests.Segments;

/// <summary>
/// The segment trainer's checkpoints (the plain trainer's format): a run stopped after epoch k and resumed, on another
/// thread count, ends bit-identical to an uninterrupted one; a checkpoint of another run is refused with the
/// differences; and a fixed-length run (the refit) trains without validation windows.
/// </summary>
public class SegmentCheckpointTests
{
    private const string Fingerprint = "seasonal 3 × 400";

    private static SegmentTrainingOptions Options(int threads, ScheduleKind schedule = ScheduleKind.Cosine, ForecastLoss loss = ForecastLoss.AbsoluteError,
        int patience = 10, double learningRate = 0.005, int epochs = 5) => new()
    {
        Optimization = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 32, ShardSize = 8, Threads = threads, LearningRate = learningRate, Patience = patience,
            Schedule = schedule, Seed = 5, WeightDecay = 0.01,
        },
        Dropout = 0.2,
        Loss = loss,
        Quantile = loss == ForecastLoss.Pinball ? 0.9 : 0.5,
    };

    private static WindowedDataset Data() => Seasonal(channels: 3, rows: 400);

    [Theory]
    [InlineData(1, ScheduleKind.Cosine, ForecastLoss.AbsoluteError, true)]
    [InlineData(3, ScheduleKind.Plateau, ForecastLoss.Huber, false)]
    [InlineData(2, ScheduleKind.Plateau, ForecastLoss.Pinball, true)]   // chosen, and the plateau schedule driven, by the pinball loss
    public void A_run_stopped_after_k_epochs_and_resumed_on_another_thread_count_ends_bit_identical(int k, ScheduleKind schedule, ForecastLoss loss, bool channelIds)
    {
        var data = Data();
        var shape = Shape(data, channelIds);
        SegmentTrainer Trainer(int threads) => new(shape, Options(threads, schedule, loss), data, Fingerprint);
        using var folder = new TempFolder();

        var straight = Trainer(1).Run();

        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer(1).Run(
            report => { if (report.Epoch == k) stop.Cancel(); }, folder.Path, cancellation: stop.Token));
        var resumedReports = new List<EpochReport>();
        var resumed = Trainer(2).Run(resumedReports.Add, folder.Path, resume: true);

        Bits.Equal(straight.Parameters, resumed.Parameters, $"weights straight vs stopped after epoch {k} and resumed");
        Assert.Equal(straight.BestEpoch, resumed.BestEpoch);
        Assert.Equal(straight.BestValidationMse, resumed.BestValidationMse);
        Assert.Equal(straight.History.Select(h => (h.Epoch, h.TrainMse, h.ValidationMse, h.LearningRate, h.GradientNorm, h.IsBest, h.ValidationLoss)),
            resumed.History.Select(h => (h.Epoch, h.TrainMse, h.ValidationMse, h.LearningRate, h.GradientNorm, h.IsBest, h.ValidationLoss)));
        Assert.All(resumed.History, h => Assert.Equal(loss == ForecastLoss.Pinball, h.ValidationLoss is not null));
        // The resumed run trained only the epochs after k; the history before them came from the checkpoint.
        Assert.Equal(Enumerable.Range(k + 1, straight.History.Count - k), resumedReports.Select(r => r.Epoch));
        Assert.Equal(["checkpoint.safetensors"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_checkpoint_written_before_runs_had_a_criterion_of_their_own_still_resumes()
    {
        // Such checkpoints lack checkpoint.best_criterion (it was the validation MSE) and hold 7 numbers per epoch.
        var data = Data();
        var shape = Shape(data);
        SegmentTrainer Trainer() => new(shape, Options(1, ScheduleKind.Plateau), data, Fingerprint);
        using var folder = new TempFolder();
        var straight = Trainer().Run();

        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer().Run(report => { if (report.Epoch == 2) stop.Cancel(); }, folder.Path, cancellation: stop.Token));
        string path = Path.Combine(folder.Path, Checkpoint.FileName);
        var file = SafeTensorsFile.Read(path);
        Assert.Equal(file.Metadata["checkpoint.best_validation_mse"], file.Metadata["checkpoint.best_criterion"]);
        var older = file.Metadata.Where(kv => kv.Key != "checkpoint.best_criterion").ToDictionary(kv => kv.Key, kv => kv.Value);
        new SafeTensorsFile(file.Tensors, older).Save(path);

        var resumed = Trainer().Run(checkpointFolder: folder.Path, resume: true);
        Bits.Equal(straight.Parameters, resumed.Parameters, "weights straight vs resumed from a checkpoint without best_criterion");
        Assert.Equal(straight.BestEpoch, resumed.BestEpoch);
    }

    [Fact]
    public void An_early_stopped_run_resumed_after_its_last_epoch_trains_nothing_and_returns_the_best_weights()
    {
        var data = Data();
        var shape = Shape(data);
        // A constant, too-high rate makes the validation error wander: early stopping ends the run with the best epoch behind it.
        var options = Options(1, ScheduleKind.Constant, learningRate: 0.05, patience: 2, epochs: 30);
        using var folder = new TempFolder();
        var straight = new SegmentTrainer(shape, options, data, Fingerprint).Run(checkpointFolder: folder.Path);
        Assert.True(straight.StoppedEarly);

        var reports = new List<EpochReport>();
        var resumed = new SegmentTrainer(shape, options, data, Fingerprint).Run(reports.Add, folder.Path, resume: true);
        Assert.Empty(reports);
        Assert.True(resumed.StoppedEarly);
        Assert.Equal(straight.BestEpoch, resumed.BestEpoch);
        Bits.Equal(straight.Parameters, resumed.Parameters, "best weights restored from the checkpoint");
    }

    [Fact]
    public void A_checkpoint_of_another_model_data_options_or_family_is_refused_with_the_differences()
    {
        var data = Data();
        var shape = Shape(data);
        using var folder = new TempFolder();
        new SegmentTrainer(shape, Options(1, epochs: 2), data, Fingerprint).Run(checkpointFolder: folder.Path);

        CheckpointException Resume(SegmentModelSpec s, SegmentTrainingOptions o, string fingerprint = Fingerprint) =>
            Assert.Throws<CheckpointException>(() => new SegmentTrainer(s, o, data, fingerprint).Run(checkpointFolder: folder.Path, resume: true));

        Assert.Contains("option.learning_rate: checkpoint has '0.005', this run '0.1'",
            Resume(shape, Options(1, epochs: 2, learningRate: 0.1)).Message);
        Assert.Contains("option.loss: checkpoint has 'mae', this run 'mse'",
            Resume(shape, Options(1, epochs: 2, loss: ForecastLoss.SquaredError)).Message);
        Assert.Contains("option.loss: checkpoint has 'mae', this run 'pinball'",
            Resume(shape, Options(1, epochs: 2, loss: ForecastLoss.Pinball)).Message);
        Assert.Contains("option.quantile: checkpoint has '(absent)', this run '0.9'",
            Resume(shape, Options(1, epochs: 2, loss: ForecastLoss.Pinball)).Message);
        Assert.Contains("option.dropout: checkpoint has '0.2', this run '(absent)'",
            Resume(shape, Options(1, epochs: 2) with { Dropout = 0 }).Message);
        var wider = new SegmentModelSpec(CellKind.Gru, Lookback, Horizon, SegmentLength, hiddenSize: 8, SegmentDecoding.Parallel, channels: 3);
        Assert.Contains($"model: checkpoint has '{shape}', this run '{wider}'", Resume(wider, Options(1, epochs: 2)).Message);
        Assert.Contains("data: checkpoint has 'seasonal 3 × 400', this run 'other'", Resume(shape, Options(1, epochs: 2), "other").Message);
        Assert.Contains("the checkpoint belongs to another run", Resume(shape, Options(1, epochs: 3)).Message);
        // The thread count is not part of the identity: another one resumes.
        new SegmentTrainer(shape, Options(2, epochs: 2), data, Fingerprint).Run(checkpointFolder: folder.Path, resume: true);

        // A plain model's checkpoint in the same format is another model's.
        using var plain = new TempFolder();
        Fitting.ArrayWindows.Sine400Trainer(CellKind.Gru, new TrainingOptions { Epochs = 1, BatchSize = 16, Threads = 1 }, layers: 1).Run(checkpointFolder: plain.Path);
        var foreign = Assert.Throws<CheckpointException>(() => new SegmentTrainer(shape, Options(1, epochs: 2), data, Fingerprint).Run(checkpointFolder: plain.Path, resume: true));
        Assert.Contains("model: checkpoint has 'gru I=1 ", foreign.Message);

        var missing = Assert.Throws<CheckpointException>(() => new SegmentTrainer(shape, Options(1), data, Fingerprint).Run(checkpointFolder: Path.Combine(folder.Path, "none"), resume: true));
        Assert.Contains("no checkpoint", missing.Message);
    }

    [Fact]
    public void A_fixed_length_run_needs_no_validation_windows_and_scores_its_history_on_its_training_windows()
    {
        var table = new SeasonalSeries(3, 400, seed: 2, noise: 0.1).ToTable();
        var task = new ForecastTask(table.ColumnNames, table.ColumnNames, Lookback, Horizon);
        var noValidation = WindowedDataset.Create(table, task, SplitPlan.Counts(320, 0, 80), WindowNormalization.None);
        Assert.Equal(0, noValidation.WindowCount(DatasetSplit.Validation));
        var shape = Shape(noValidation);

        var refused = Assert.Throws<ArgumentException>(() => new SegmentTrainer(shape, Options(1), noValidation, Fingerprint));
        Assert.Contains("Validation split holds no window", refused.Message);

        var options = Options(1) with { Optimization = Options(1).Optimization with { StopAfterEpochs = 3 } };
        var result = new SegmentTrainer(shape, options, noValidation, Fingerprint).Run();
        Assert.Equal(3, result.History.Count);
        Assert.Equal(3, result.BestEpoch);
        Assert.False(result.StoppedEarly);
        // The final weights, and the "validation" error of the history is theirs on the training windows.
        var (mse, _) = ScoreByHand(shape, result.Parameters, noValidation, DatasetSplit.Train);
        Assert.Equal(result.History[^1].ValidationMse, mse, 1e-6 * mse);
        Assert.Equal(result.BestValidationMse, result.History[^1].ValidationMse);
    }
}
