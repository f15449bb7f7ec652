using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Optimization;
using Xunit.Abstractions;

namespace GruNative.Training.Tests.Fitting;

/// <summary>
/// The plain trainer on the pinball loss learns the quantile of a series whose conditional distribution is known in
/// closed form, and chooses its epoch by the validation pinball loss.
/// </summary>
public class QuantileTrainingTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.1, -1.2815515655446004)]
    public void A_noisy_sine_s_quantile_is_learnt(double quantile, double z)
    {
        // sin(2πt/24) + σ ε with Gaussian ε, σ = 0.3: the τ-quantile of the next values is the sine + σ z_τ, z_0.9 = 1.2816.
        // On the standardised scale (the series' standard deviation is √(0.5 + σ²)) a model of it forecasts σ z_τ / √0.59
        // above the actual value on average, and leaves τ of the values at or below its forecasts. A model of the mean
        // would leave half, and one whose pinball slopes were exchanged 1 − τ.
        const double sigma = 0.3;
        var table = SyntheticSeries.NoisySine(2000, seed: 4, period: 24, noise: sigma);
        var task = ForecastTask.ForMode(ForecastMode.S, table, ["value"], lookback: 48, horizon: 6);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        var spec = new ModelSpec(CellKind.Gru, 1, 16, 1, 6);
        var options = new TrainingOptions
        {
            Epochs = 20, BatchSize = 32, LearningRate = 1e-2, Schedule = ScheduleKind.Cosine, Patience = 20, Seed = 3,
            Loss = ForecastLoss.Pinball, Quantile = quantile,
        };
        var result = new Trainer(spec, options, data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "quantile").Run();

        // The epoch kept is the one with the lowest validation pinball loss, which every epoch reports beside its MSE.
        Assert.All(result.History, epoch => Assert.NotNull(epoch.ValidationLoss));
        var best = result.History.MinBy(epoch => epoch.ValidationLoss)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationMse, result.BestValidationMse);

        var windows = data.Windows(DatasetSplit.Test);
        var inputs = new float[windows.Count * task.InputValuesPerWindow];
        var targets = new float[windows.Count * task.OutputSize];
        var forecasts = new float[targets.Length];
        windows.Gather<float>([.. Enumerable.Range(0, windows.Count)], inputs, targets);
        new Network<float>(spec, task.Lookback, windows.Count).Forward(result.Best, inputs, windows.Count, forecasts);
        double below = forecasts.Zip(targets).Count(p => p.Second <= p.First) / (double)targets.Length;
        double offset = forecasts.Zip(targets).Average(p => (double)p.First - p.Second);
        double expected = sigma * z / Math.Sqrt(0.5 + sigma * sigma);
        log.WriteLine($"τ = {quantile}: best epoch {result.BestEpoch}; {below:P1} of the test values at or below the forecast; mean forecast − actual {offset:F3} (the quantile's: {expected:F3})");
        Assert.InRange(below, quantile - 0.03, quantile + 0.03);
        Assert.InRange(offset, expected - 0.1, expected + 0.1);   // a model of the mean: 0
    }

    [Fact]
    public void Options_with_a_loss_parameter_out_of_range_are_refused()
    {
        Assert.Contains("quantile level must lie in (0, 1)", new TrainingOptions { Loss = ForecastLoss.Pinball, Quantile = 1 }.FindProblem());
        Assert.Contains("Huber delta must be positive", new TrainingOptions { Loss = ForecastLoss.Huber, HuberDelta = 0 }.FindProblem());
        // The loss reaches a checkpoint's identity only when it is not the MSE, so checkpoints of MSE runs keep theirs.
        Assert.False(new TrainingOptions().Fingerprint().ContainsKey("loss"));
        var pinball = new TrainingOptions { Loss = ForecastLoss.Pinball, Quantile = 0.9 }.Fingerprint();
        Assert.Equal("pinball", pinball["loss"]);
        Assert.Equal("0.9", pinball["quantile"]);
    }
}
