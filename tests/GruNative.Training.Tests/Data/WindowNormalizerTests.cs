using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class WindowNormalizerTests
{
    private static readonly ForecastTask Task = new(["x", "y", "z"], ["z", "x"], 4, 2);

    /// <summary>Two windows of 4 steps × 3 inputs, and their 2 steps × 2 targets (z, x).</summary>
    private static (double[] Inputs, double[] Targets) Batch()
    {
        double[] inputs =
        [
            1, 10, 100,   2, 20, 200,   3, 30, 300,   4, 40, 400,
            -1, 0, 5,     -2, 0, 6,     -3, 0, 7,     -6, 0, 8,
        ];
        double[] targets = [401, 5, 402, 6, 9, -7, 10, -8];
        return (inputs, targets);
    }

    /// <summary><see cref="Batch"/> normalised in place by <paramref name="mode"/>, with the levels it subtracted.</summary>
    private static (double[] Inputs, double[] Targets, double[] Levels) Normalized(WindowNormalization mode)
    {
        var (inputs, targets) = Batch();
        var levels = new double[6];
        new WindowNormalizer(Task, mode).Normalize<double>(inputs, targets, levels);
        return (inputs, targets, levels);
    }

    [Fact]
    public void Last_value_subtracts_each_columns_last_input_from_its_inputs_and_targets()
    {
        var (inputs, targets, levels) = Normalized(WindowNormalization.LastValue);
        Assert.Equal([4.0, 40, 400, -6, 0, 8], levels);
        Assert.Equal([-3.0, -30, -300, -2, -20, -200, -1, -10, -100, 0, 0, 0], inputs.Take(12));
        Assert.Equal([5.0, 0, -3, 4, 0, -2, 3, 0, -1, 0, 0, 0], inputs.Skip(12));
        // targets are (z, x) per step: z − level(z), x − level(x).
        Assert.Equal([1.0, 1, 2, 2, 1, -1, 2, -2], targets);
    }

    [Fact]
    public void Mean_subtracts_each_columns_window_mean()
    {
        var (inputs, targets, levels) = Normalized(WindowNormalization.Mean);
        Assert.Equal([2.5, 25, 250, -3, 0, 6.5], levels);
        Assert.Equal([401 - 250.0, 5 - 2.5, 402 - 250, 6 - 2.5, 9 - 6.5, -7 + 3, 10 - 6.5, -8 + 3], targets);
        for (int b = 0; b < 2; b++)
        {
            for (int i = 0; i < 3; i++)
                Assert.Equal(0, Enumerable.Range(0, 4).Sum(t => inputs[b * 12 + t * 3 + i]), 12);
        }
    }

    [Theory]
    [InlineData(WindowNormalization.LastValue)]
    [InlineData(WindowNormalization.Mean)]
    public void Denormalising_normalised_targets_gives_back_the_targets(WindowNormalization mode)
    {
        var table = SyntheticSeries.Sensor(600, 4);
        var task = ForecastTask.ForMode(ForecastMode.M, table, null, 24, 12);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default, mode);
        int[] windows = [0, 5, 48, 5]; // the validation split has 60 − 12 + 1 = 49 windows
        var (inputs, targets) = (new double[4 * 72], new double[4 * 36]);
        data.Gather<double>(DatasetSplit.Validation, windows, inputs, targets);
        var original = targets.ToArray();
        var levels = new double[12];
        data.Normalizer.Normalize<double>(inputs, targets, levels);
        Assert.NotEqual(original, targets);
        data.Normalizer.Denormalize<double>(targets, levels);
        for (int i = 0; i < targets.Length; i++)
            Assert.Equal(original[i], targets[i], 12);

        var (inputsF, targetsF) = (new float[4 * 72], new float[4 * 36]);
        data.Gather<float>(DatasetSplit.Validation, windows, inputsF, targetsF);
        var originalF = targetsF.ToArray();
        var levelsF = new float[12];
        data.Normalizer.Normalize<float>(inputsF, targetsF, levelsF);
        data.Normalizer.Denormalize<float>(targetsF, levelsF);
        for (int i = 0; i < targetsF.Length; i++)
            Assert.Equal(originalF[i], targetsF[i], 5);
    }

    [Fact]
    public void Forecasts_get_the_level_of_the_input_column_of_the_same_name()
    {
        var levels = new double[] { 1, 2, 3, -1, -2, -3 }; // per window: x, y, z
        var forecasts = new double[8];                    // 2 windows × 2 steps × (z, x), all zero
        new WindowNormalizer(Task, WindowNormalization.LastValue).Denormalize<double>(forecasts, levels);
        Assert.Equal([3.0, 1, 3, 1, -3, -1, -3, -1], forecasts);
    }

    [Fact]
    public void Inputs_alone_can_be_normalised()
    {
        var (inputs, _) = Batch();
        new WindowNormalizer(Task, WindowNormalization.LastValue).Normalize<double>(inputs, [], []);
        Assert.Equal(0, inputs[9]);
    }

    [Fact]
    public void None_leaves_windows_alone_and_levels_zero()
    {
        var (inputs, targets) = Batch();
        var (copyInputs, copyTargets) = Batch();
        var levels = Enumerable.Repeat(9.0, 6).ToArray();
        var normalizer = new WindowNormalizer(Task, WindowNormalization.None);
        normalizer.Normalize<double>(inputs, targets, levels);
        normalizer.Denormalize<double>(targets, levels);
        Assert.Equal(copyInputs, inputs);
        Assert.Equal(copyTargets, targets);
        Assert.Equal(new double[6], levels);
    }

    [Fact]
    public void Normalisation_needs_every_target_among_the_inputs()
    {
        var task = new ForecastTask(["x"], ["y"], 4, 2);
        var e = Assert.Throws<ArgumentException>(() => new WindowNormalizer(task, WindowNormalization.Mean));
        Assert.Contains("target 'y' is not an input column", e.Message);
        _ = new WindowNormalizer(task, WindowNormalization.None);
        Assert.Throws<ArgumentException>(() =>
            WindowedDataset.Create(TimeSeriesTable.FromColumns("t", ["x", "y"], [new double[50], new double[50]]), task, SplitPlan.Default, WindowNormalization.LastValue));
    }

    [Theory]
    [InlineData(WindowNormalization.LastValue)]
    [InlineData(WindowNormalization.Mean)]
    public void Calendar_columns_are_left_alone_while_the_others_are_normalised(WindowNormalization mode)
    {
        // Inputs x, calendar.hour_sin, y, calendar.month_cos; targets y, x. 3 windows of 5 steps, distinct values.
        var task = new ForecastTask(["x", "calendar.hour_sin", "y", "calendar.month_cos"], ["y", "x"], 5, 2);
        const int Windows = 3, Width = 4, Lookback = 5, Outputs = 4;
        var inputs = Enumerable.Range(0, Windows * Lookback * Width).Select(i => Math.Sin(i * 0.7) * 3 + i % 5).ToArray();
        var targets = Enumerable.Range(0, Windows * Outputs).Select(i => Math.Cos(i * 1.3) + i).ToArray();
        var (originalInputs, originalTargets) = (inputs.ToArray(), targets.ToArray());
        var levels = new double[Windows * Width];
        new WindowNormalizer(task, mode).Normalize<double>(inputs, targets, levels);

        // Independently: the level of each observed column by its definition; the calendar columns (1 and 3) keep theirs.
        int[] targetInput = [2, 0];
        for (int b = 0; b < Windows; b++)
        {
            for (int i = 0; i < Width; i++)
            {
                bool calendar = i is 1 or 3;
                var column = Enumerable.Range(0, Lookback).Select(t => originalInputs[(b * Lookback + t) * Width + i]).ToArray();
                double level = calendar ? 0 : mode == WindowNormalization.LastValue ? column[^1] : column.Average();
                Assert.Equal(level, levels[b * Width + i], 1e-12);
                for (int t = 0; t < Lookback; t++)
                {
                    int at = (b * Lookback + t) * Width + i;
                    if (calendar)
                        Assert.Equal(originalInputs[at], inputs[at]);
                    else
                        Assert.Equal(originalInputs[at] - level, inputs[at], 1e-12);
                }
            }
            for (int step = 0; step < 2; step++)
            {
                for (int k = 0; k < 2; k++)
                {
                    int at = b * Outputs + step * 2 + k;
                    Assert.Equal(originalTargets[at] - levels[b * Width + targetInput[k]], targets[at], 1e-12);
                }
            }
        }
        Assert.NotEqual(originalInputs, inputs);
    }

    [Fact]
    public void Mismatched_buffers_are_rejected()
    {
        var normalizer = new WindowNormalizer(Task, WindowNormalization.LastValue);
        Assert.Throws<ArgumentException>(() => normalizer.Normalize<double>(new double[13], [], []));
        Assert.Throws<ArgumentException>(() => normalizer.Normalize<double>(new double[12], new double[3], []));
        Assert.Throws<ArgumentException>(() => normalizer.Normalize<double>(new double[12], new double[4], new double[2]));
        Assert.Throws<ArgumentException>(() => normalizer.Denormalize<double>(new double[4], new double[6]));
    }
}
