using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Metrics;
using GruNative.Training.Network;
using GruNative.Training.Optimization;
using GruNative.Training.Segments;
using Xunit.Abstractions;
using static GruNative.Training.Tests.Segments.SegmentDatasets;

namespace GruNative.Training.Tests.Segments;

/// <summary>
/// The segment trainer: deterministic across thread counts, keeps the best validation epoch's weights, and learns a
/// seasonal multichannel series better than repeating the last value.
/// </summary>
public class SegmentTrainerTests(ITestOutputHelper output)
{
    private static SegmentTrainingOptions Options(int epochs, int threads = 2, double learningRate = 0.005, int patience = 10, double dropout = 0.2,
        ForecastLoss loss = ForecastLoss.AbsoluteError, ScheduleKind schedule = ScheduleKind.Cosine, int? stopAfter = null) => new()
    {
        Optimization = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 32, ShardSize = 8, Threads = threads, LearningRate = learningRate, Patience = patience,
            Schedule = schedule, Seed = 7, StopAfterEpochs = stopAfter,
        },
        Dropout = dropout,
        Loss = loss,
    };

    [Theory]
    [InlineData(ForecastLoss.AbsoluteError, true)]
    [InlineData(ForecastLoss.Huber, false)]
    public void The_same_seed_gives_bit_identical_weights_with_1_or_2_threads(ForecastLoss loss, bool channelIds)
    {
        var data = Seasonal(channels: 3, rows: 600);
        var shape = Shape(data, channelIds);
        SegmentTrainingResult Train(int threads) => new SegmentTrainer(shape, Options(epochs: 3, threads, loss: loss), data, "seasonal").Run();

        var one = Train(1);
        var two = Train(2);
        Bits.Equal(one.Parameters, two.Parameters, "weights with 1 vs 2 threads");
        Assert.Equal(one.History.Select(e => (e.TrainMse, e.ValidationMse, e.GradientNorm)), two.History.Select(e => (e.TrainMse, e.ValidationMse, e.GradientNorm)));
        Assert.Equal(one.BestEpoch, two.BestEpoch);

        // Another seed moves them: the seed reaches the weights.
        var other = new SegmentTrainer(shape, Options(epochs: 3, loss: loss) with { Optimization = Options(3).Optimization with { Seed = 8 } }, data, "seasonal").Run();
        Assert.NotEqual(one.History[^1].ValidationMse, other.History[^1].ValidationMse);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch_s_weights_and_reports_their_true_validation_MSE()
    {
        // A constant, too-high learning rate makes the validation error wander, so the best epoch is not the last.
        var data = Seasonal(channels: 3, rows: 600);
        var shape = Shape(data);
        var options = Options(epochs: 30, learningRate: 0.05, patience: 3, dropout: 0, schedule: ScheduleKind.Constant);
        var reports = new List<EpochReport>();
        var result = new SegmentTrainer(shape, options, data, "seasonal").Run(reports.Add);
        foreach (var epoch in result.History)
            output.WriteLine($"epoch {epoch.Epoch}: train MSE {epoch.TrainMse:F4}, validation MSE {epoch.ValidationMse:F4}{(epoch.IsBest ? " *" : "")}");

        Assert.Equal(reports, result.History);
        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + options.Optimization.Patience, result.History.Count);
        Assert.Equal(result.History.Min(e => e.ValidationMse), result.BestValidationMse);
        Assert.True(result.History[result.BestEpoch - 1].IsBest);
        Assert.True(result.History.Skip(result.BestEpoch).All(e => e.ValidationMse >= result.BestValidationMse && !e.IsBest));

        // The weights returned are those the best validation error was measured on: an independent forward pass over
        // every validation window and column finds it again, and it is not the last epoch's.
        var (mse, _) = ScoreByHand(shape, result.Parameters, data, DatasetSplit.Validation);
        Assert.Equal(result.BestValidationMse, mse, 1e-6 * mse);
        Assert.NotEqual(result.History[^1].ValidationMse, mse, 1e-6 * mse);

        // A run of exactly BestEpoch epochs (same schedule span) keeps its final weights: they are the same, bit for bit.
        var replay = new SegmentTrainer(shape, options with { Optimization = options.Optimization with { StopAfterEpochs = result.BestEpoch } }, data, "seasonal").Run();
        Assert.False(replay.StoppedEarly);
        Assert.Equal(result.BestEpoch, replay.BestEpoch);
        Bits.Equal(result.Parameters, replay.Parameters, "best weights vs a run stopped after the best epoch");
    }

    [Fact]
    public void A_short_run_on_a_seasonal_multichannel_series_beats_repeating_the_last_value_on_validation()
    {
        var data = Seasonal(channels: 4, rows: 1200, noise: 0.2);
        var shape = Shape(data);
        var result = new SegmentTrainer(shape, Options(epochs: 8, learningRate: 0.005, dropout: 0.1), data, "seasonal").Run();
        double naive = NaiveForecast.Evaluate(data, DatasetSplit.Validation, period: 1).MeanSquaredError;
        var scores = Scoreboard.Score(data, new SegmentForecaster(shape, result.Parameters, data), period: null, classical: false)[0].Splits[DatasetSplit.Validation];
        output.WriteLine($"{shape}: validation MSE {scores.Mse:F4} (epoch {result.BestEpoch}), repeat-last {naive:F4}; MAE {scores.Mae:F4}");
        Assert.Equal(result.BestValidationMse, scores.Mse);
        Assert.True(scores.Mse < 0.5 * naive, $"validation MSE {scores.Mse:F4} against repeat-last's {naive:F4}");
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.1)]
    public void A_pinball_loss_run_forecasts_its_quantile_and_is_chosen_by_its_validation_pinball_loss(double quantile)
    {
        // The channels are a deterministic daily and weekly cycle plus uniform noise on [−a, a], a = 0.5: the τ-quantile of
        // the next value is the cycle + a (2τ − 1). A model of it leaves about τ of the held-out values at or below its
        // forecasts (a model of the mean, or one whose pinball slopes were exchanged, would leave 1/2 or 1 − τ).
        var data = Seasonal(channels: 4, rows: 1200, noise: 0.5);
        var shape = Shape(data);
        var options = Options(epochs: 8, learningRate: 0.005, dropout: 0) with { Loss = ForecastLoss.Pinball, Quantile = quantile };
        var result = new SegmentTrainer(shape, options, data, "seasonal").Run();

        // Early stopping followed the pinball loss, which every epoch reports beside its MSE, and kept that epoch's weights.
        Assert.All(result.History, epoch => Assert.NotNull(epoch.ValidationLoss));
        var best = result.History.MinBy(epoch => epoch.ValidationLoss)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationMse, result.BestValidationMse);

        double below = ShareAtOrBelow(shape, result.Parameters, data, DatasetSplit.Test);
        output.WriteLine($"τ = {quantile}: best epoch {result.BestEpoch}, validation pinball loss {best.ValidationLoss:F4}; {below:P1} of the test values at or below the forecast");
        Assert.InRange(below, quantile - 0.03, quantile + 0.03);
    }

    [Fact]
    public void It_refuses_options_and_data_it_cannot_train_on()
    {
        var data = Seasonal(channels: 3, rows: 600);
        var shape = Shape(data);
        var stacked = new SegmentTrainingOptions { Optimization = new TrainingOptions { Dropout = 0.1 } };
        Assert.Contains("segment dropout", Assert.Throws<ArgumentException>(() => new SegmentTrainer(shape, stacked, data, "seasonal")).Message);
        Assert.Throws<ArgumentException>(() => new SegmentTrainer(shape, new SegmentTrainingOptions { Dropout = 1 }, data, "seasonal"));
        Assert.Throws<ArgumentException>(() => new SegmentTrainer(shape, new SegmentTrainingOptions { HuberDelta = 0 }, data, "seasonal"));
        foreach (double quantile in new[] { 0, 1, double.NaN })
        {
            var pinball = new SegmentTrainingOptions { Loss = ForecastLoss.Pinball, Quantile = quantile };
            Assert.Contains("quantile level must lie in (0, 1)", Assert.Throws<ArgumentException>(() => new SegmentTrainer(shape, pinball, data, "seasonal")).Message);
        }
        var normalised = Seasonal(channels: 3, rows: 600, normalization: WindowNormalization.Mean);
        Assert.Contains("subtracts each window's last value", Assert.Throws<ArgumentException>(() => new SegmentTrainer(shape, new SegmentTrainingOptions(), normalised, "seasonal")).Message);
    }
}
