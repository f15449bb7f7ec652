using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class SplitPlanTests
{
    [Fact]
    public void The_ETT_protocol_on_ETTh1_gives_12_4_4_months_and_leaves_the_rest()
    {
        var layout = SplitPlan.Ett().Resolve(SharedData.EttH1.RowCount, 96, 24, "ETTh1.csv");
        Assert.Equal(new RowRange(0, 8640), layout.Train);
        Assert.Equal(new RowRange(8640, 2880), layout.Validation);
        Assert.Equal(new RowRange(11520, 2880), layout.Test);
        Assert.Equal(14400, layout.UsedRows);
    }

    [Theory]
    [InlineData(96, 24)]
    [InlineData(96, 48)]
    [InlineData(96, 168)]
    [InlineData(336, 336)]
    [InlineData(336, 720)]
    [InlineData(1, 1)]
    public void Every_window_whose_targets_fall_in_a_split_belongs_to_it(int lookback, int horizon)
    {
        var layout = SplitPlan.Ett().Resolve(17420, lookback, horizon, "ETTh1.csv");
        // The Informer/Autoformer data loader: border1s = [0, 8640 − L, 11520 − L], border2s = [8640, 11520, 14400],
        // windows = border2 − border1 − L − T + 1.
        int[] border1 = [0, 8640 - lookback, 11520 - lookback], border2 = [8640, 11520, 14400];
        var splits = new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test };
        for (int i = 0; i < 3; i++)
        {
            var windows = layout.Windows(splits[i]);
            Assert.Equal(border1[i], windows.Start);
            Assert.Equal(border2[i] - border1[i] - lookback - horizon + 1, windows.Count);
        }
        // The same, by brute force over every start row.
        foreach (var split in splits)
        {
            var rows = layout.Rows(split);
            var starts = Enumerable.Range(0, 17420).Where(s => s + lookback >= rows.Start && s + lookback + horizon <= rows.End).ToArray();
            Assert.Equal(starts.Length, layout.Windows(split).Count);
            Assert.Equal(starts[0], layout.Windows(split).Start);
            Assert.Equal(starts[^1], layout.Windows(split).End - 1);
        }
    }

    [Fact]
    public void Ratios_follow_the_Autoformer_convention()
    {
        // num_train = int(n·0.7), num_test = int(n·0.2), num_vali = n − num_train − num_test.
        var layout = SplitPlan.Default.Resolve(17420, 96, 24, "x");
        Assert.Equal((12194, 1742, 3484), (layout.Train.Count, layout.Validation.Count, layout.Test.Count));
        Assert.Equal(17420, layout.UsedRows);

        var noValidation = SplitPlan.Ratios(0.8, 0, 0.2).Resolve(101, 5, 1, "x");
        Assert.Equal((81, 0, 20), (noValidation.Train.Count, noValidation.Validation.Count, noValidation.Test.Count));
        Assert.Equal(0, noValidation.Windows(DatasetSplit.Validation).Count);
    }

    [Fact]
    public void Last_rows_as_test_for_the_classic_series()
    {
        var airline = SplitPlan.LastRows(24).Resolve(144, 12, 1, "airline");
        Assert.Equal((new RowRange(0, 120), new RowRange(120, 0), new RowRange(120, 24)), (airline.Train, airline.Validation, airline.Test));
        Assert.Equal(new RowRange(108, 24), airline.Windows(DatasetSplit.Test));

        var temperatures = SplitPlan.LastRows(365, 365).Resolve(3650, 30, 7, "temps");
        Assert.Equal((2920, 365, 365), (temperatures.Train.Count, temperatures.Validation.Count, temperatures.Test.Count));
        Assert.Equal(365 - 7 + 1, temperatures.Windows(DatasetSplit.Test).Count);
    }

    [Fact]
    public void Too_few_rows_for_ratios_states_rows_available_needed_and_per_split()
    {
        // L = 10, T = 5: train needs 15, validation and test 5 each. By hand: n = 33 gives 23 / 4 / 6 (validation short),
        // n = 34 gives 23 / 5 / 6, the first length that fits (every n below fails one split).
        var e = Assert.Throws<DataFormatException>(() => SplitPlan.Default.Resolve(33, 10, 5, "s.csv"));
        Assert.Equal("s.csv", e.SourceName);
        Assert.Contains("33 rows available, 34 needed", e.Message);
        Assert.Contains("train 23 rows (lookback 10 + horizon 5), validation 4 rows, needs 5, test 6 rows", e.Message);
        var fits = SplitPlan.Default.Resolve(34, 10, 5, "s.csv");
        Assert.Equal((23, 5, 6), (fits.Train.Count, fits.Validation.Count, fits.Test.Count));

        var tiny = Assert.Throws<DataFormatException>(() => SplitPlan.Default.Resolve(100, 96, 24, "s.csv"));
        Assert.Contains("100 rows available", tiny.Message);
        Assert.Contains("train 70 rows, needs 120", tiny.Message);
    }

    [Fact]
    public void Too_few_rows_for_fixed_counts_states_the_numbers()
    {
        var ett = Assert.Throws<DataFormatException>(() => SplitPlan.Ett().Resolve(10000, 96, 24, "short.csv"));
        Assert.Contains("10000 rows available, 14400 needed", ett.Message);
        Assert.Contains("train 8640 rows", ett.Message);

        var last = Assert.Throws<DataFormatException>(() => SplitPlan.LastRows(24).Resolve(144, 200, 1, "airline"));
        Assert.Contains("144 rows available, 225 needed", last.Message);
        Assert.Contains("train 120 rows, needs 201", last.Message);

        var counts = Assert.Throws<DataFormatException>(() => SplitPlan.Counts(50, 10, 10).Resolve(1000, 96, 24, "c"));
        Assert.Contains("no number of rows is enough", counts.Message);
        Assert.Contains("train 50 rows, needs 120", counts.Message);
        Assert.Contains("validation 10 rows, needs 24", counts.Message);
    }

    [Theory]
    [InlineData("0.7/0.1/0.2", "0.7/0.1/0.2")]
    [InlineData("ratios:0.6/0.2/0.2", "0.6/0.2/0.2")]
    [InlineData("ett", "ett")]
    [InlineData("ETT:4", "ett:4")]
    [InlineData("counts:100/20/30", "counts:100/20/30")]
    [InlineData("last:24", "last:24")]
    [InlineData(" last:365/365 ", "last:365/365")]
    public void The_text_form_round_trips(string text, string canonical)
    {
        var plan = SplitPlan.Parse(text);
        Assert.Equal(canonical, plan.ToString());
        Assert.Equal(canonical, SplitPlan.Parse(plan.ToString()).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0.7/0.1")]
    [InlineData("0.7/0.2/0.2")]
    [InlineData("counts:1/2")]
    [InlineData("last:-3")]
    [InlineData("last:x")]
    [InlineData("fifty-fifty")]
    public void Bad_text_is_a_format_error(string text) => Assert.Throws<FormatException>(() => SplitPlan.Parse(text));

    [Fact]
    public void ETT_minutely_is_four_times_the_hourly_rows()
    {
        var layout = SplitPlan.Ett(4).Resolve(69680, 96, 24, "ETTm1.csv");
        Assert.Equal((34560, 11520, 11520), (layout.Train.Count, layout.Validation.Count, layout.Test.Count));
    }
}
