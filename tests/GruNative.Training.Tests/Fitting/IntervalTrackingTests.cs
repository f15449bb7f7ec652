using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Tests.Fitting;

public class IntervalTrackingTests
{
    private const int Horizon = 6;

    /// <summary>y = sin(2πt/24) + noise: N(0, 0.3²) before <paramref name="shiftAt"/>, N(0, (0.3 · factor)²) from there on.</summary>
    private static (WindowedDataset Data, NetworkParameters<float> Model) Trained(int shiftAt, double factor)
    {
        var random = new Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = Enumerable.Range(0, 8000).Select(t => Math.Sin(2 * Math.PI * t / 24) + (t < shiftAt ? 0.3 : 0.3 * factor) * Normal()).ToArray();
        var data = WindowedDataset.Create(TimeSeriesTable.FromColumns("noisy sine", ["y"], [values]), new ForecastTask(["y"], ["y"], 48, Horizon),
            SplitPlan.Ratios(0.5, 0.25, 0.25));
        var model = new Trainer(new ModelSpec(CellKind.Gru, 1, 8, 1, Horizon), new TrainingOptions { Epochs = 3, LearningRate = 1e-2, BatchSize = 32, Seed = 2 },
            data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "tracking").Run().Best;
        return (data, model);
    }

    [Fact]
    public void When_the_noise_doubles_after_validation_tracked_bands_still_cover_the_test_windows_at_their_levels()
    {
        // The test rows (6,000 on) are twice as noisy as the rows the bands were calibrated on: calibrated bands lose
        // about a third of their 80% coverage; bands tracked at γ = 0.05 from the first test window come within 2 points over
        // the 1,947 test windows (at γ = 0.01 the first ~200 windows, spent widening, cost about 3 points).
        var (data, model) = Trained(shiftAt: 6000, factor: 2);
        var calibrated = IntervalCalibration.Calibrate(model, data, DatasetSplit.Validation, [0.8, 0.95]);
        var fixedScores = ModelEvaluation.EvaluateIntervals(model, data, DatasetSplit.Test, calibrated);
        Assert.InRange(fixedScores[0].Coverage, 0.4, 0.65);

        var tracked = calibrated.WithTrackingRate(0.05);
        var scores = ModelEvaluation.EvaluateIntervals(model, data, DatasetSplit.Test, tracked);
        Assert.Equal(0.80, scores[0].Coverage, 0.02);
        Assert.Equal(0.95, scores[1].Coverage, 0.02);
        Assert.True(scores[1].MeanWidth > fixedScores[1].MeanWidth * 1.4);   // they widened to the new noise

        // Independently: the same replay written out on the model-scale residuals — the band of window w, output j was
        // drawn with the offset after every value before w's first forecast row; each value updates the offsets of the
        // windows that forecast it by q ← max(0, q + η (1[r > q] − α)), η = γ · (the 95% offset), levels kept nested.
        var residuals = ModelEvaluation.AbsoluteResiduals(model, data, DatasetSplit.Test);
        int windows = residuals[0].Length;
        var q = new double[2, Horizon];
        for (int j = 0; j < Horizon; j++)
        {
            q[0, j] = calibrated.Offset(0, j);
            q[1, j] = calibrated.Offset(1, j);
        }
        double[] alpha = [0.2, 0.05];
        var covered = new long[2];
        for (int w = 0; w < windows; w++)
        {
            // Window w's first forecast row is row w of the test targets: values of rows < w have arrived, each updating
            // (in row order, then step order) the forecast of origin row − s for step s.
            int row = w - 1;
            for (int s = 0; s < Horizon && row >= 0; s++)
            {
                int origin = row - s;
                if (origin < 0)
                    break;
                for (int l = 0; l < 2; l++)
                {
                    double step = 0.05 * calibrated.Offset(1, s);
                    q[l, s] = Math.Max(0, q[l, s] + step * ((residuals[s][origin] > q[l, s] ? 1 : 0) - alpha[l]));
                    if (l == 1)
                        q[1, s] = Math.Max(q[1, s], q[0, s]);
                }
            }
            for (int l = 0; l < 2; l++)
            {
                for (int j = 0; j < Horizon; j++)
                {
                    if (residuals[j][w] <= q[l, j])
                        covered[l]++;
                }
            }
        }
        Assert.Equal(covered[0] / (double)(windows * Horizon), scores[0].Coverage, 0.003);
        Assert.Equal(covered[1] / (double)(windows * Horizon), scores[1].Coverage, 0.003);
    }

    [Fact]
    public void The_check_replays_the_later_validation_windows_and_picks_a_rate_when_the_noise_grows_inside_validation()
    {
        // The noise doubles in the middle of the validation rows (5,000 of 4,000–6,000): offsets calibrated on the earlier
        // half under-cover the later half; tracking fixes that, so the check must choose a rate.
        var (data, model) = Trained(shiftAt: 5000, factor: 2);
        var forecaster = new NetworkForecaster(model, data.Task);
        var intervals = IntervalCalibration.Calibrate(model, data, DatasetSplit.Validation, [0.8, 0.95]);
        var check = IntervalTrackingSelection.Select(forecaster, data, DatasetSplit.Validation, intervals, IntervalTrackingSelection.DefaultCandidates);
        Assert.NotNull(check.Split);
        Assert.Equal(IntervalTrackingSelection.DefaultCandidates.Count, check.Candidates.Count);
        Assert.NotNull(check.ChosenRate);
        Assert.True(check.Candidates[0].CoverageError > 0.1);   // no tracking: far off
        Assert.True(check.Candidates.Single(c => c.Rate == check.ChosenRate).CoverageError < 0.03);

        // Each candidate's scores are those of the earlier half's offsets replayed over the later half — exactly: the check
        // replays forecasts it computed once (WindowOutputs), this replay runs the model again.
        var split = check.Split!;
        var earlier = IntervalCalibration.FromResiduals(
            ModelEvaluation.AbsoluteResiduals(model, data, DatasetSplit.Validation).Select(r => r[..split.CalibrationWindows]).ToList(), [0.8, 0.95]);
        var replay = ModelEvaluation.EvaluateIntervals(forecaster, data, DatasetSplit.Validation, earlier.WithTrackingRate(0.01), split.CheckStart, split.CheckEnd);
        Assert.Equal(replay, check.Candidates.Single(c => c.Rate == 0.01).Scores);
        var cached = new WindowOutputs(forecaster, data, DatasetSplit.Validation, split.CheckStart, split.CheckEnd);
        Assert.Throws<ArgumentException>(() => ModelEvaluation.EvaluateIntervals(forecaster, data, DatasetSplit.Validation, earlier, split.CheckStart - 1, split.CheckEnd, cached));
        Assert.Throws<ArgumentException>(() => ModelEvaluation.EvaluateIntervals(forecaster, data, DatasetSplit.Test, earlier, split.CheckStart, split.CheckEnd, cached));
    }

    [Fact]
    public void With_too_few_windows_the_check_keeps_the_first_candidate_and_says_why()
    {
        var (data, model) = Trained(shiftAt: 8000, factor: 1);
        var forecaster = new NetworkForecaster(model, data.Task);
        var intervals = IntervalCalibration.Calibrate(model, data, DatasetSplit.Validation, [0.8, 0.999]);   // 99.9% needs 999 per part
        var check = IntervalTrackingSelection.Select(forecaster, data, DatasetSplit.Validation, intervals, [null, 0.01]);
        Assert.Empty(check.Candidates);
        Assert.Null(check.ChosenRate);
        Assert.Contains("no check", check.Reason);
        Assert.Throws<ArgumentException>(() => IntervalTrackingSelection.Select(forecaster, data, DatasetSplit.Validation, intervals, [0.01, 0.01]));
        Assert.Throws<ArgumentException>(() => IntervalTrackingSelection.Select(forecaster, data, DatasetSplit.Validation, intervals, [null, 2.0]));
    }
}
