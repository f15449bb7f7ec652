using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Training.Tests.Fitting;

public class IntervalVariantSelectionTests
{
    private static readonly double[] Levels = [0.8, 0.95];

    [Fact]
    public void The_split_leaves_a_gap_of_horizon_minus_one_windows_and_halves_the_rest()
    {
        // Hand-worked: 100 windows, horizon 6 → gap 5; 95 remain: 47 calibrate (0–46), 48 are scored (52–99).
        var split = IntervalCheckSplit.Of(100, 6)!;
        Assert.Equal(new IntervalCheckSplit(47, 5, 52, 48), split);
        Assert.Equal(100, split.CheckEnd);
        Assert.Equal(new IntervalCheckSplit(1, 0, 1, 1), IntervalCheckSplit.Of(2, 1));
        Assert.Null(IntervalCheckSplit.Of(6, 6));   // the gap of 5 leaves one window: nothing to split
    }

    [Theory]
    [InlineData(100, 6, 24)]
    [InlineData(359, 7, 365)]
    [InlineData(2785, 96, 336)]
    [InlineData(40, 1, 3)]
    public void No_target_row_is_in_both_parts_and_a_smaller_gap_would_share_one(int windows, int horizon, int lookback)
    {
        // Window w (one row after window w − 1) forecasts rows w + L … w + L + H − 1: enumerate them, no formula reused.
        var split = IntervalCheckSplit.Of(windows, horizon)!;
        var calibrationRows = new HashSet<int>();
        for (int w = 0; w < split.CalibrationWindows; w++)
            calibrationRows.UnionWith(Enumerable.Range(w + lookback, horizon));
        var checkRows = new HashSet<int>();
        for (int w = split.CheckStart; w < split.CheckEnd; w++)
            checkRows.UnionWith(Enumerable.Range(w + lookback, horizon));
        Assert.Empty(calibrationRows.Intersect(checkRows));
        Assert.Equal(windows, split.CheckEnd);
        // Every window outside the gap is used, and the gap is no larger than it must be: one window fewer shares a row.
        Assert.Equal(windows - (horizon - 1), split.CalibrationWindows + split.CheckWindows);
        if (split.Gap > 0)
            Assert.Contains(split.CheckStart - 1 + lookback, calibrationRows);
    }

    [Fact]
    public void A_random_walk_whose_noise_grows_gets_scale_adaptive_bands_which_cover_the_check_windows_at_their_levels()
    {
        // y_t = y_{t−1} + σ_t ε_t with σ growing from 0.5 to 2 over the validation rows: the recent window shows the scale
        // (its mean absolute change is σ √(2/π)), and repeat-last's residuals grow with it. Fixed bands calibrated on the
        // earlier, quieter half must under-cover the later half; bands in units of the recent change hold their level.
        var data = RandomWalk(t => 0.5 + 1.5 * Math.Clamp((t - 4000) / 8000.0, 0, 1), seed: 11);
        var check = IntervalVariantSelection.Select(new RepeatLast(data.Task), data, DatasetSplit.Validation, Levels, [null, 24]);

        Assert.Equal(24, check.ChosenScaleSteps);
        Assert.Equal(24, check.Intervals.ScaleSteps);
        var (fixedScores, adaptive) = (check.Candidates[0], check.Candidates[1]);
        Assert.True(fixedScores.Scores[0].Coverage < 0.75, $"fixed covered {fixedScores.Scores[0].Coverage:P1} of the check windows at 80%");
        Assert.Equal(0.80, adaptive.Scores[0].Coverage, 0.03);
        Assert.Equal(0.95, adaptive.Scores[1].Coverage, 0.02);
        Assert.Equal("the lowest coverage error", check.Reason);
        // The shipped offsets are the winner calibrated on every validation window, as plain calibration makes them.
        Assert.Equal(IntervalCalibration.Calibrate(new RepeatLast(data.Task), data, DatasetSplit.Validation, Levels, 24), check.Intervals);
    }

    [Fact]
    public void On_a_random_walk_of_constant_noise_fixed_bands_are_kept()
    {
        // Same walk, σ = 1 throughout: both variants cover the check windows at their levels; the adaptive band only adds
        // the noise of a 24-step scale estimate to its width, so the interval score keeps the fixed one.
        var data = RandomWalk(_ => 1.0, seed: 12);
        var check = IntervalVariantSelection.Select(new RepeatLast(data.Task), data, DatasetSplit.Validation, Levels, [null, 24]);

        Assert.Null(check.ChosenScaleSteps);
        Assert.Null(check.Intervals.ScaleSteps);
        Assert.All(check.Candidates, c => Assert.True(c.CoverageError < 0.02, $"k = {c.ScaleSteps}: coverage error {c.CoverageError:P2}"));
        Assert.True(check.Candidates[0].MeanWinkler < check.Candidates[1].MeanWinkler);
        Assert.Equal(IntervalCalibration.Calibrate(new RepeatLast(data.Task), data, DatasetSplit.Validation, Levels), check.Intervals);
    }

    [Fact]
    public void Coverage_on_the_check_windows_is_counted_against_the_offset_times_the_window_scale()
    {
        // Hand-worked: 1 output, horizon 1 (no gap), 40 windows → 20 calibrate, 20 are scored; level 0.5 only.
        // Calibration residuals 1..20 with scale 1: rank ⌈21 · 0.5⌉ = 11 → offset 11 (fixed and adaptive alike).
        // Check residuals all 15; fixed: none covered (15 > 11); adaptive with scale 2 there: 15 ≤ 22, all covered.
        var residuals = new double[40];
        var scales = new double[40];
        for (int w = 0; w < 20; w++)
            (residuals[w], scales[w]) = (w + 1, 1);
        for (int w = 20; w < 40; w++)
            (residuals[w], scales[w]) = (15, 2);
        var check = IntervalVariantSelection.Select([residuals], targets: 1, horizon: 1, [0.5], [null, 3], [null, scales]);

        Assert.Equal(new IntervalCheckSplit(20, 0, 20, 20), check.Split);
        Assert.Equal(new IntervalScore(0.5, 0, 22, 22 + 2 / 0.5 * 4), check.Candidates[0].Scores[0]);
        Assert.Equal(new IntervalScore(0.5, 1, 44, 44), check.Candidates[1].Scores[0]);
        Assert.Equal(0.5, check.Candidates[0].CoverageError, 12);
        Assert.Equal(0.5, check.Candidates[1].CoverageError, 12);
        // Equal coverage errors (0.5 each): the Winkler score decides — fixed's 22 + 4 · 4 = 38 beats adaptive's 44.
        Assert.Null(check.ChosenScaleSteps);
        Assert.StartsWith("the lowest Winkler score of the 2 within 1 point", check.Reason);
    }

    [Fact]
    public void Too_few_windows_for_a_check_keep_the_first_candidate_and_say_why()
    {
        // 13 windows of horizon 12 (the airline recipe's validation): a gap of 11 leaves 2, and 95% needs 19 per part.
        var residuals = Enumerable.Range(0, 12).Select(j => Enumerable.Range(1, 13).Select(w => (double)w).ToArray()).ToArray();
        var check = IntervalVariantSelection.Select(residuals, targets: 1, horizon: 12, Levels, [null, 12], [null, Enumerable.Repeat(1.0, 13).ToArray()]);
        Assert.Null(check.ChosenScaleSteps);
        Assert.Empty(check.Candidates);
        Assert.Contains("each part needs 19", check.Reason);
        Assert.Equal(IntervalCalibration.FromResiduals(residuals, Levels), check.Intervals);
    }

    [Fact]
    public void Bad_candidates_are_refused()
    {
        double[][] residuals = [[1, 2, 3, 4]];
        Assert.Throws<ArgumentException>(() => IntervalVariantSelection.Select(residuals, 1, 1, Levels, [], []));
        Assert.Throws<ArgumentException>(() => IntervalVariantSelection.Select(residuals, 1, 1, Levels, [null, null], [null, null]));
        Assert.Throws<ArgumentException>(() => IntervalVariantSelection.Select(residuals, 1, 1, Levels, [null, 2], [null, null]));
        Assert.Throws<ArgumentException>(() => IntervalVariantSelection.Select(residuals, 1, 1, Levels, [null, 2], [null, new double[3]]));
    }

    /// <summary>A random walk with step scale σ(t), split 4000 / 8000 / 2000 rows; lookback 48, horizon 4.</summary>
    private static WindowedDataset RandomWalk(Func<int, double> sigma, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = new double[14000];
        for (int t = 1; t < values.Length; t++)
            values[t] = values[t - 1] + sigma(t) * Normal();
        var table = TimeSeriesTable.FromColumns("walk", ["y"], [values]);
        return WindowedDataset.Create(table, new ForecastTask(["y"], ["y"], 48, 4), SplitPlan.Counts(4000, 8000, 2000));
    }

    /// <summary>Forecasts every step as the window's last value: the random walk's best forecast.</summary>
    private sealed class RepeatLast(ForecastTask task) : IWindowForecaster
    {
        public ForecastTask Task { get; } = task;

        public void Forward(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
        {
            int lookback = Task.Lookback, horizon = Task.Horizon;
            for (int n = 0; n < count; n++)
                outputs.Slice(n * horizon, horizon).Fill(inputs[n * lookback + lookback - 1]);
        }
    }
}
