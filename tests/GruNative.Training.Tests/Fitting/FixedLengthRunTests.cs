using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Fitting;

/// <summary><see cref="TrainingOptions.StopAfterEpochs"/>: the refit's fixed-length run, which keeps its final weights.</summary>
public class FixedLengthRunTests
{
    private static TrainingOptions Options => new()
    {
        Epochs = 12, BatchSize = 16, LearningRate = 5e-3, Schedule = ScheduleKind.Cosine, Patience = 1, Seed = 5, Threads = 1, ShardSize = 4,
    };

    [Fact]
    public void Runs_exactly_its_epochs_and_keeps_the_final_weights_whatever_the_validation_says()
    {
        var (train, validation) = ArrayWindows.Sine400Windows();
        var spec = new ModelSpec(CellKind.Gru, 1, 6, 1, 3);
        // A validation source whose targets are far off the series: every epoch looks worse than the first to it.
        var misleading = new ShiftedTargets(validation, 50);

        var fixedOnTrue = new Trainer(spec, Options with { StopAfterEpochs = 5 }, train, validation, "fixed").Run();
        var fixedOnMisleading = new Trainer(spec, Options with { StopAfterEpochs = 5 }, train, misleading, "fixed").Run();
        Assert.Equal(5, fixedOnTrue.History.Count);
        Assert.Equal(5, fixedOnTrue.BestEpoch);
        Assert.False(fixedOnTrue.StoppedEarly);
        // The validation source changes nothing in a fixed-length run: the weights are the fifth epoch's.
        Assert.Equal(fixedOnTrue.Best.Values, fixedOnMisleading.Best.Values);
        Assert.Equal(fixedOnTrue.History[^1].ValidationMse, fixedOnTrue.BestValidationMse);

        // Early stopping on the misleading source stops and keeps an earlier epoch: different weights.
        var early = new Trainer(spec, Options, train, misleading, "early").Run();
        Assert.True(early.History.Count < 5 || early.BestEpoch < 5);
        Assert.NotEqual(fixedOnTrue.Best.Values, early.Best.Values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Epochs_outside_one_to_epochs_are_refused(int stop) =>
        Assert.Contains("stop after", (Options with { StopAfterEpochs = stop }).FindProblem());

    [Fact]
    public void The_fixed_length_is_part_of_the_fingerprint() =>
        Assert.Equal("5", (Options with { StopAfterEpochs = 5 }).Fingerprint()["stop_after_epochs"]);

    /// <summary>Another source's windows with every target moved by <c>shift</c>.</summary>
    private sealed class ShiftedTargets(IWindowSource inner, float shift) : IWindowSource
    {
        public int Count => inner.Count;
        public int Lookback => inner.Lookback;
        public int InputSize => inner.InputSize;
        public int OutputSize => inner.OutputSize;

        public void Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets)
        {
            inner.Gather(windows, inputs, targets);
            for (int i = 0; i < targets.Length; i++)
                targets[i] += shift;
        }
    }
}
