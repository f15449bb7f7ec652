using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class WindowedDatasetTests
{
    /// <summary>Columns a, b, c with distinct values: row r of column c is 100·c + r + r²/1000.</summary>
    private static TimeSeriesTable Distinct(int rows) => TimeSeriesTable.FromColumns("distinct",
        ["a", "b", "c"], Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, rows).Select(r => 100.0 * c + r + r * r / 1000.0).ToArray()).ToArray());

    /// <summary>(x − μ) / σ with μ, σ of the first <paramref name="trainRows"/> values, computed here.</summary>
    private static double[] StandardizeIndependently(ReadOnlySpan<double> column, int trainRows)
    {
        var values = column.ToArray();
        double mean = values.Take(trainRows).Sum() / trainRows;
        double std = Math.Sqrt(values.Take(trainRows).Sum(x => (x - mean) * (x - mean)) / trainRows);
        return values.Select(x => (x - mean) / std).ToArray();
    }

    public static TheoryData<string[], string[]> Tasks => new()
    {
        { ["a", "b", "c"], ["a", "b", "c"] }, // M
        { ["a", "b", "c"], ["c"] },           // MS
        { ["b"], ["b"] },                     // S
        { ["c", "a"], ["a", "c"] },           // targets in another order than inputs
        { ["a"], ["c", "b"] },                // targets the model does not read
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Gathered_batches_equal_naive_indexing(string[] inputColumns, string[] targetColumns)
    {
        var table = Distinct(200);
        var task = new ForecastTask(inputColumns, targetColumns, 7, 3);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        int train = data.Splits.Train.Count;
        var z = table.ColumnNames.ToDictionary(n => n, n => StandardizeIndependently(table.Column(n), train));
        var random = new Random(5);
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test })
        {
            int count = data.WindowCount(split);
            int[] windows = [0, count - 1, .. Enumerable.Range(0, 9).Select(_ => random.Next(count)), 0];
            var inputs = new double[windows.Length * 7 * inputColumns.Length];
            var targets = new double[windows.Length * 3 * targetColumns.Length];
            data.Gather<double>(split, windows, inputs, targets);
            var inputsF = new float[inputs.Length];
            var targetsF = new float[targets.Length];
            data.Gather<float>(split, windows, inputsF, targetsF);
            for (int b = 0; b < windows.Length; b++)
            {
                int start = data.Splits.Windows(split).Start + windows[b];
                for (int t = 0; t < 7; t++)
                {
                    for (int i = 0; i < inputColumns.Length; i++)
                    {
                        double expected = z[inputColumns[i]][start + t];
                        int index = (b * 7 + t) * inputColumns.Length + i;
                        Assert.Equal(expected, inputs[index], 12);
                        Assert.Equal((float)expected, inputsF[index], 5);
                    }
                }
                for (int h = 0; h < 3; h++)
                {
                    for (int k = 0; k < targetColumns.Length; k++)
                    {
                        double expected = z[targetColumns[k]][start + 7 + h];
                        int index = b * 3 * targetColumns.Length + h * targetColumns.Length + k;
                        Assert.Equal(expected, targets[index], 12);
                        Assert.Equal((float)expected, targetsF[index], 5);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_range_gathers_what_the_same_indices_gather()
    {
        var data = WindowedDataset.Create(Distinct(120), new ForecastTask(["a", "b"], ["b"], 5, 4), SplitPlan.Default);
        int n = data.WindowCount(DatasetSplit.Validation);
        var (inputs, targets) = (new double[n * 10], new double[n * 4]);
        data.GatherRange<double>(DatasetSplit.Validation, 0, n, inputs, targets);
        var (inputs2, targets2) = (new double[n * 10], new double[n * 4]);
        data.Gather<double>(DatasetSplit.Validation, Enumerable.Range(0, n).ToArray(), inputs2, targets2);
        Assert.Equal(inputs2, inputs);
        Assert.Equal(targets2, targets);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GatherRange<double>(DatasetSplit.Validation, 1, n, inputs, targets));
    }

    [Fact]
    public void Validation_and_test_windows_look_back_into_the_previous_split()
    {
        var table = SharedData.EttH1;
        var data = WindowedDataset.Create(table, ForecastTask.ForMode(ForecastMode.S, table, ["OT"], 96, 24), SplitPlan.Ett());
        Assert.Equal((8521, 2857, 2857), (data.WindowCount(DatasetSplit.Train), data.WindowCount(DatasetSplit.Validation), data.WindowCount(DatasetSplit.Test)));
        Assert.Equal(8640 - 96, data.WindowStart(DatasetSplit.Validation, 0));
        Assert.Equal(11520 - 96, data.WindowStart(DatasetSplit.Test, 0));
        Assert.Equal(14400 - 96 - 24, data.WindowStart(DatasetSplit.Test, 2856));

        var inputs = new float[96];
        var targets = new float[24];
        data.Gather<float>(DatasetSplit.Test, [2856], inputs, targets);
        var ot = SharedData.EttH1ColumnIndependently("OT");
        double mean = ot.Take(8640).Average(), std = Math.Sqrt(ot.Take(8640).Sum(x => (x - mean) * (x - mean)) / 8640);
        Assert.Equal((float)((ot[14399] - mean) / std), targets[23], 5); // the last used row
        Assert.Equal((float)((ot[14280] - mean) / std), inputs[0], 5);
    }

    [Theory]
    [MemberData(nameof(EttH1Shapes.All), MemberType = typeof(EttH1Shapes))]
    public void ETTh1_window_counts_per_split(int lookback, int horizon)
    {
        var table = SharedData.EttH1;
        var data = WindowedDataset.Create(table, ForecastTask.ForMode(ForecastMode.M, table, null, lookback, horizon), SplitPlan.Ett());
        Assert.Equal(8640 - lookback - horizon + 1, data.WindowCount(DatasetSplit.Train));
        Assert.Equal(2880 - horizon + 1, data.WindowCount(DatasetSplit.Validation));
        Assert.Equal(2880 - horizon + 1, data.WindowCount(DatasetSplit.Test));
    }

    [Fact]
    public void Modes_choose_inputs_and_targets()
    {
        var table = SharedData.EttH1;
        var s = ForecastTask.ForMode(ForecastMode.S, table, ["OT"], 96, 24);
        Assert.Equal(["OT"], s.InputColumns);
        Assert.Equal(["OT"], s.TargetColumns);
        var m = ForecastTask.ForMode(ForecastMode.M, table, null, 96, 24);
        Assert.Equal(table.ColumnNames, m.InputColumns);
        Assert.Equal(table.ColumnNames, m.TargetColumns);
        Assert.Equal(7 * 24, m.OutputSize);
        var ms = ForecastTask.ForMode(ForecastMode.MS, table, ["OT"], 96, 24);
        Assert.Equal(table.ColumnNames, ms.InputColumns);
        Assert.Equal(["OT"], ms.TargetColumns);
        Assert.Equal(6, ms.InputIndexOfTarget(0));
        Assert.Throws<ArgumentException>(() => ForecastTask.ForMode(ForecastMode.MS, table, null, 96, 24));
    }

    [Fact]
    public void Unknown_task_columns_are_errors_listing_the_table_columns()
    {
        var e = Assert.Throws<DataFormatException>(() => ForecastTask.ForMode(ForecastMode.S, SharedData.EttH1, ["oil"], 96, 24));
        Assert.Equal("oil", e.Column);
        Assert.Contains("'HUFL', 'HULL', 'MUFL', 'MULL', 'LUFL', 'LULL', 'OT'", e.Message);

        var custom = Assert.Throws<DataFormatException>(() =>
            WindowedDataset.Create(Distinct(50), new ForecastTask(["a", "z"], ["a"], 3, 1), SplitPlan.Default));
        Assert.Equal("distinct: column 'z': no such column; the columns are: 'a', 'b', 'c'", custom.Message);
    }

    [Fact]
    public void Too_few_rows_is_a_data_error_naming_the_source()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            WindowedDataset.Create(Distinct(50), new ForecastTask(["a"], ["a"], 40, 10), SplitPlan.Default));
        Assert.StartsWith("distinct: too few rows", e.Message);
        Assert.Contains("50 rows available", e.Message);
    }

    [Fact]
    public void Bad_indices_and_buffers_are_rejected()
    {
        var data = WindowedDataset.Create(Distinct(100), new ForecastTask(["a", "b"], ["a"], 4, 2), SplitPlan.Default);
        int count = data.WindowCount(DatasetSplit.Test);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Gather<double>(DatasetSplit.Test, [count], new double[8], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Gather<double>(DatasetSplit.Test, [-1], new double[8], new double[2]));
        Assert.Throws<ArgumentException>(() => data.Gather<double>(DatasetSplit.Test, [0], new double[9], new double[2]));
        Assert.Throws<ArgumentException>(() => data.Gather<double>(DatasetSplit.Test, [0], new double[8], new double[1]));
    }

    [Fact]
    public void Split_windows_are_gathered_then_normalised()
    {
        var table = SyntheticSeries.Sensor(400, 2);
        var task = ForecastTask.ForMode(ForecastMode.MS, table, ["temperature"], 12, 4);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default, WindowNormalization.Mean);
        var split = data.Windows(DatasetSplit.Train);
        Assert.Equal((data.WindowCount(DatasetSplit.Train), 12, 3, 4), (split.Count, split.Lookback, split.InputSize, split.OutputSize));
        int[] windows = [3, 100, 7];
        var (inputs, targets, levels) = (new float[3 * 36], new float[12], new float[9]);
        split.Gather<float>(windows, inputs, targets, levels);
        var (expectedInputs, expectedTargets) = (new float[3 * 36], new float[12]);
        data.Gather<float>(DatasetSplit.Train, windows, expectedInputs, expectedTargets);
        data.Normalizer.Normalize<float>(expectedInputs, expectedTargets, []);
        Assert.Equal(expectedInputs, inputs);
        Assert.Equal(expectedTargets, targets);
        Assert.NotEqual(new float[9], levels);
    }
}
