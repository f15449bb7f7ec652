using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Tests.Fitting;

public class IntervalCalibrationTests
{
    [Fact]
    public void The_offset_is_the_conformal_rank_of_the_residuals()
    {
        // 9 residuals 1..9: level 0.8 → rank ⌈10 · 0.8⌉ = 8 → 8; level 0.5 → rank 5 → 5; level 0.95 → rank ⌈9.5⌉ = 10 > 9 → the largest, 9.
        double[] residuals = [9, 1, 8, 2, 7, 3, 6, 4, 5];
        var intervals = IntervalCalibration.FromResiduals([residuals, residuals.Select(r => 2 * r).ToArray()], [0.5, 0.8, 0.95]);
        Assert.Equal([5.0, 10], intervals.OffsetsOf(0).ToArray());
        Assert.Equal([8.0, 16], intervals.OffsetsOf(1).ToArray());
        Assert.Equal([9.0, 18], intervals.OffsetsOf(2).ToArray());
        Assert.Equal(4, IntervalCalibration.MinimumResiduals(0.8));
        Assert.Equal(19, IntervalCalibration.MinimumResiduals(0.95));
    }

    [Fact]
    public void Gaussian_residuals_give_the_normal_quantiles_and_cover_fresh_ones()
    {
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        const double sigma = 0.7;
        var calibration = Enumerable.Range(0, 4000).Select(_ => Math.Abs(sigma * Normal())).ToArray();
        var intervals = IntervalCalibration.FromResiduals([calibration], [0.8, 0.95]);
        Assert.Equal(1.2816 * sigma, intervals.Offset(0, 0), 0.05);
        Assert.Equal(1.9600 * sigma, intervals.Offset(1, 0), 0.08);
        var fresh = Enumerable.Range(0, 20000).Select(_ => sigma * Normal()).ToArray();
        Assert.Equal(0.80, fresh.Count(r => Math.Abs(r) <= intervals.Offset(0, 0)) / (double)fresh.Length, 0.02);
        Assert.Equal(0.95, fresh.Count(r => Math.Abs(r) <= intervals.Offset(1, 0)) / (double)fresh.Length, 0.02);
    }

    [Fact]
    public void A_trained_model_on_a_known_signal_plus_gaussian_noise_covers_the_test_windows_at_its_levels()
    {
        // y = sin(2πt/24) + N(0, 0.3²): stationary, so the validation windows' residuals describe the test windows'.
        var random = new Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = Enumerable.Range(0, 8000).Select(t => Math.Sin(2 * Math.PI * t / 24) + 0.3 * Normal()).ToArray();
        var table = TimeSeriesTable.FromColumns("noisy sine", ["y"], [values]);
        var task = new ForecastTask(["y"], ["y"], 48, 6);
        var data = WindowedDataset.Create(table, task, SplitPlan.Ratios(0.5, 0.25, 0.25));
        var spec = new ModelSpec(CellKind.Gru, 1, 8, 1, 6);
        var options = new TrainingOptions { Epochs = 3, LearningRate = 1e-2, BatchSize = 32, Seed = 2 };
        var model = new Trainer(spec, options, data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "coverage").Run().Best;

        var intervals = IntervalCalibration.Calibrate(model, data, DatasetSplit.Validation, [0.8, 0.95]);
        var test = ModelEvaluation.EvaluateIntervals(model, data, DatasetSplit.Test, intervals);
        Assert.Equal(0.80, test[0].Coverage, 0.02);
        Assert.Equal(0.95, test[1].Coverage, 0.02);
        // Near the noise: a 95% band of a good forecaster is about ±1.96 σ wide (σ = 0.3, standardised by the series' σ ≈ 0.76).
        Assert.InRange(test[1].MeanWidth, 2 * 1.96 * 0.3 / 0.77, 2 * 1.96 * 0.3 / 0.77 * 1.6);
        Assert.True(test[1].MeanWidth > test[0].MeanWidth);
        Assert.True(test[1].Winkler >= test[1].MeanWidth);
    }

    [Fact]
    public void Scale_adaptive_offsets_rank_the_residuals_divided_by_each_windows_recent_change_and_cover_the_test_windows()
    {
        var random = new Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = Enumerable.Range(0, 8000).Select(t => Math.Sin(2 * Math.PI * t / 24) + 0.3 * Normal()).ToArray();
        var data = WindowedDataset.Create(TimeSeriesTable.FromColumns("noisy sine", ["y"], [values]), new ForecastTask(["y"], ["y"], 48, 6), SplitPlan.Ratios(0.5, 0.25, 0.25));
        var spec = new ModelSpec(CellKind.Gru, 1, 8, 1, 6);
        var model = new Trainer(spec, new TrainingOptions { Epochs = 3, LearningRate = 1e-2, BatchSize = 32, Seed = 2 },
            data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "adaptive").Run().Best;

        var intervals = IntervalCalibration.Calibrate(model, data, DatasetSplit.Validation, [0.8, 0.95], scaleSteps: 12);
        Assert.Equal(12, intervals.ScaleSteps);

        // Independently: each validation window's scale by a plain loop over the standardised series, and the conformal rank.
        var residuals = ModelEvaluation.AbsoluteResiduals(model, data, DatasetSplit.Validation);
        int first = data.WindowStart(DatasetSplit.Validation, 0), n = data.WindowCount(DatasetSplit.Validation);
        var normalised = new double[n];
        for (int w = 0; w < n; w++)
        {
            int last = first + w + 47;
            double change = 0;
            for (int t = last - 11; t <= last; t++)
                change += Math.Abs(data.StandardizedInputs[t] - data.StandardizedInputs[t - 1]);
            normalised[w] = residuals[3][w] / (change / 12);
        }
        Array.Sort(normalised);
        Assert.Equal(normalised[(int)Math.Ceiling((n + 1) * 0.8) - 1], intervals.Offset(0, 3), 9);

        var test = ModelEvaluation.EvaluateIntervals(model, data, DatasetSplit.Test, intervals);
        Assert.Equal(0.80, test[0].Coverage, 0.02);
        Assert.Equal(0.95, test[1].Coverage, 0.02);

        // One test window's band, as forecast.png draws it: 2 · q · (that window's scale) · σ wide in the data's units.
        int testStart = data.WindowStart(DatasetSplit.Test, 5), testLast = testStart + 47;
        double testChange = 0;
        for (int t = testLast - 11; t <= testLast; t++)
            testChange += Math.Abs(data.StandardizedInputs[t] - data.StandardizedInputs[t - 1]);
        var (lower, upper) = ModelEvaluation.IntervalOfWindow(model, data, DatasetSplit.Test, 5, intervals, 1);
        Assert.Equal(2 * intervals.Offset(1, 3) * (testChange / 12) * data.TargetScalers[0].StandardDeviation, upper[3] - lower[3], 6);
    }
}
