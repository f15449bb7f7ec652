using GruNative.Reference;
using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Fitting;

public class TrainerTests
{
    private static TrainingOptions Options(int threads = 1) => new()
    {
        Epochs = 6, BatchSize = 16, LearningRate = 5e-3, Schedule = ScheduleKind.Cosine, Patience = 100, Seed = 11, Threads = threads, ShardSize = 4,
    };

    private static Trainer NewTrainer(CellKind cell, TrainingOptions options, int layers = 1) =>
        ArrayWindows.Sine400Trainer(cell, options, layers);

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void One_thread_and_two_give_bit_identical_weights(CellKind cell) =>
        TrainerRuns.AssertThreadCountChangesNothing(threads => NewTrainer(cell, Options(threads), layers: 2), h => h.ValidationMse);

    [Theory]
    [InlineData(CellKind.Gru, 2)]
    [InlineData(CellKind.Lstm, 4)]
    public void A_run_stopped_after_k_epochs_and_resumed_ends_bit_identical(CellKind cell, int k)
    {
        var (straight, resumed) = TrainerRuns.StraightAndResumed(threads => NewTrainer(cell, Options(threads)), k);

        Assert.Equal(straight.Best.Values, resumed.Best.Values);
        Assert.Equal(straight.BestEpoch, resumed.BestEpoch);
        Assert.Equal(straight.History.Select(h => (h.TrainMse, h.ValidationMse, h.LearningRate)),
            resumed.History.Select(h => (h.TrainMse, h.ValidationMse, h.LearningRate)));
    }

    [Fact]
    public void The_best_weights_score_the_reported_validation_error_in_the_reference()
    {
        var (train, validation) = ArrayWindows.Sine400Windows();
        var spec = new ModelSpec(CellKind.Gru, 1, 6, 1, 3);
        var result = new Trainer(spec, Options() with { Patience = 2, Epochs = 30, LearningRate = 2e-2 }, train, validation, "x").Run();

        // Re-score the returned weights with the float64 reference, window by window.
        var model = new ReferenceModel<double>(result.Best.ToWeights());
        var inputs = new float[validation.Lookback];
        var targets = new float[3];
        var forecast = new double[3];
        double sum = 0;
        for (int w = 0; w < validation.Count; w++)
        {
            validation.Gather([w], inputs, targets);
            model.Forecast(inputs.Select(v => (double)v).ToArray(), forecast);
            for (int i = 0; i < 3; i++)
                sum += (forecast[i] - targets[i]) * (forecast[i] - targets[i]);
        }
        Assert.Equal(result.BestValidationMse, sum / (validation.Count * 3.0), 1e-5);
        Assert.Equal(result.History.Min(h => h.ValidationMse), result.BestValidationMse);
        Assert.True(result.History[result.BestEpoch - 1].IsBest);
    }

    [Fact]
    public void A_damaged_checkpoint_is_a_clear_error()
    {
        using var folder = new TempFolder();
        NewTrainer(CellKind.Gru, Options() with { Epochs = 2 }).Run(checkpointFolder: folder.Path);
        string path = Path.Combine(folder.Path, "checkpoint.safetensors");
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^9]);

        var e = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Gru, Options() with { Epochs = 2 }).Run(checkpointFolder: folder.Path, resume: true));
        Assert.Contains("cannot be read", e.Message);
    }

    [Fact]
    public void A_checkpoint_of_a_newer_format_version_is_a_clear_error()
    {
        using var folder = new TempFolder();
        NewTrainer(CellKind.Gru, Options() with { Epochs = 2 }).Run(checkpointFolder: folder.Path);
        string path = Path.Combine(folder.Path, "checkpoint.safetensors");
        var file = GruNative.SafeTensorsFile.Read(path);
        var metadata = new SortedDictionary<string, string>(file.Metadata.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        string formatKey = metadata.Keys.Single(k => k.EndsWith(".format", StringComparison.Ordinal));
        metadata[formatKey] = "2";
        new GruNative.SafeTensorsFile(file.Tensors, metadata).Save(path);

        var e = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Gru, Options() with { Epochs = 2 }).Run(checkpointFolder: folder.Path, resume: true));
        Assert.Contains("format version '2'", e.Message);
        Assert.Contains("newer version", e.Message);
    }

    [Fact]
    public void A_checkpoint_of_other_options_or_model_is_refused_with_the_differences()
    {
        using var folder = new TempFolder();
        NewTrainer(CellKind.Gru, Options() with { Epochs = 2 }).Run(checkpointFolder: folder.Path);

        var options = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Gru, Options() with { Epochs = 2, LearningRate = 0.1 }).Run(checkpointFolder: folder.Path, resume: true));
        Assert.Contains("option.learning_rate: checkpoint has '0.005', this run '0.1'", options.Message);
        var model = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Lstm, Options() with { Epochs = 2 }).Run(checkpointFolder: folder.Path, resume: true));
        Assert.Contains("model: checkpoint has 'gru", model.Message);
        var missing = Assert.Throws<CheckpointException>(() => NewTrainer(CellKind.Gru, Options()).Run(checkpointFolder: Path.Combine(folder.Path, "none"), resume: true));
        Assert.Contains("no checkpoint", missing.Message);
    }

    [Fact]
    public void Checkpoints_are_written_atomically_without_leftovers()
    {
        using var folder = new TempFolder();
        NewTrainer(CellKind.Lstm, Options() with { Epochs = 3 }).Run(checkpointFolder: folder.Path);
        Assert.Equal(["checkpoint.safetensors"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Bad_options_and_mismatched_windows_are_refused()
    {
        var (train, validation) = ArrayWindows.Sine400Windows();
        var spec = new ModelSpec(CellKind.Gru, 1, 6, 1, 3);
        Assert.Contains("batch size", Assert.Throws<ArgumentException>(() => new Trainer(spec, Options() with { BatchSize = 0 }, train, validation, "x")).Message);
        Assert.Contains("needs 1 and 4", Assert.Throws<ArgumentException>(() => new Trainer(new ModelSpec(CellKind.Gru, 1, 6, 1, 4), Options(), train, validation, "x")).Message);
    }
}
