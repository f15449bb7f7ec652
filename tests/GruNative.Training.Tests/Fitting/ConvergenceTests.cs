using System.Diagnostics;
using Xunit.Abstractions;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Fitting;

/// <summary>
/// Training reaches stated errors on series whose best achievable error is known in closed form, in a fixed number of
/// epochs, deterministically, in well under 30 s each.
/// </summary>
public class ConvergenceTests(ITestOutputHelper log)
{
    private double TestMse(TimeSeriesTable table, CellKind cell, int lookback, int horizon, int hidden, int epochs, double rate)
    {
        var task = ForecastTask.ForMode(ForecastMode.S, table, ["value"], lookback, horizon);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        var spec = new ModelSpec(cell, 1, hidden, 1, horizon);
        var options = new TrainingOptions { Epochs = epochs, BatchSize = 32, LearningRate = rate, Schedule = ScheduleKind.Cosine, Patience = epochs, Seed = 3 };
        var clock = Stopwatch.StartNew();
        var result = new Trainer(spec, options, data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "convergence").Run();
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 30);
        double mse = ModelEvaluation.Evaluate(result.Best, data, DatasetSplit.Test).MeanSquaredError;
        log.WriteLine($"{cell} H={hidden}: test MSE {mse:F5} after {epochs} epochs, {clock.Elapsed.TotalSeconds:F1} s");
        return mse;
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void A_noisy_sine_is_learnt_down_to_its_noise(CellKind cell)
    {
        // sin(2πt/24) + 0.1 ε: the series' variance is 0.5 + 0.01, so the unpredictable part is 0.01 / 0.51 ≈ 0.0196 of
        // it on the standardised scale — the floor of any forecaster's MSE.
        var table = SyntheticSeries.NoisySine(2000, seed: 4, period: 24, noise: 0.1);
        double mse = TestMse(table, cell, lookback: 48, horizon: 6, hidden: 16, epochs: 20, rate: 1e-2);
        Assert.InRange(mse, 0.0196 * 0.9, 0.0196 * 1.25);
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void An_AR2_process_is_forecast_one_step_ahead_near_the_optimum(CellKind cell)
    {
        // y_t = 0.6 y_{t−1} − 0.3 y_{t−2} + ε: the best one-step forecast leaves exactly ε, whose variance relative to the
        // process's, γ₀ = 1.3 / (0.7 · (1.3² − 0.6²)) ≈ 1.396, is 1 / γ₀ ≈ 0.716 on the standardised scale.
        var table = SyntheticSeries.AutoRegressive(4000, seed: 8);
        double optimum = 0.7 * (1.3 * 1.3 - 0.36) / 1.3;
        double mse = TestMse(table, cell, lookback: 16, horizon: 1, hidden: 8, epochs: 15, rate: 5e-3);
        Assert.InRange(mse, optimum * 0.85, optimum * 1.05);
    }
}
