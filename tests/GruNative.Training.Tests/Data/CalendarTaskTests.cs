using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

/// <summary>Calendar columns in the forecasting modes: read in every mode, forecast in none.</summary>
public class CalendarTaskTests
{
    private static readonly string[] Observed = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"];
    private static readonly string[] Calendar = ["calendar.hour_sin", "calendar.hour_cos", "calendar.weekday_sin", "calendar.weekday_cos"];

    private static TimeSeriesTable EttWithCalendar() => CalendarColumns.Append(SharedData.EttH1, [CalendarFeature.Hour, CalendarFeature.Weekday]);

    [Fact]
    public void S_reads_the_targets_then_the_calendar_columns_and_forecasts_the_targets()
    {
        var s = ForecastTask.ForMode(ForecastMode.S, EttWithCalendar(), ["OT"], 96, 24);
        Assert.Equal(["OT", .. Calendar], s.InputColumns);
        Assert.Equal(["OT"], s.TargetColumns);
        Assert.Equal(0, s.InputIndexOfTarget(0));
        Assert.Equal(24, s.OutputSize);
    }

    [Fact]
    public void M_reads_every_column_and_forecasts_every_column_but_the_calendar_ones()
    {
        var m = ForecastTask.ForMode(ForecastMode.M, EttWithCalendar(), null, 96, 24);
        Assert.Equal([.. Observed, .. Calendar], m.InputColumns);
        Assert.Equal(Observed, m.TargetColumns);
        Assert.Equal(7 * 24, m.OutputSize);
    }

    [Fact]
    public void MS_reads_every_column_and_forecasts_the_targets()
    {
        var ms = ForecastTask.ForMode(ForecastMode.MS, EttWithCalendar(), ["OT", "HUFL"], 96, 24);
        Assert.Equal([.. Observed, .. Calendar], ms.InputColumns);
        Assert.Equal(["OT", "HUFL"], ms.TargetColumns);
        Assert.Equal((6, 0), (ms.InputIndexOfTarget(0), ms.InputIndexOfTarget(1)));
    }

    [Theory]
    [InlineData(ForecastMode.S)]
    [InlineData(ForecastMode.M)]
    [InlineData(ForecastMode.MS)]
    public void A_calendar_column_is_never_a_target(ForecastMode mode)
    {
        var e = Assert.Throws<ArgumentException>(() => ForecastTask.ForMode(mode, EttWithCalendar(), ["OT", "calendar.hour_cos"], 96, 24));
        Assert.StartsWith("'calendar.hour_cos' is a calendar column: calendar columns are inputs only, never forecast.", e.Message);
    }

    [Fact]
    public void M_needs_a_column_besides_the_calendar_ones()
    {
        var only = TimeSeriesTable.FromColumns("t", ["calendar.hour_sin"], [new double[10]]);
        var e = Assert.Throws<ArgumentException>(() => ForecastTask.ForMode(ForecastMode.M, only, null, 2, 1));
        Assert.Contains("no other", e.Message);
    }

    [Fact]
    public void Windows_carry_the_standardised_calendar_columns_unnormalised()
    {
        // The dataset path end to end: ETT split, training-split scalers, LastValue normalisation; checked against the
        // columns computed here from the formulas and the timestamps, standardised by hand.
        var table = EttWithCalendar();
        var task = ForecastTask.ForMode(ForecastMode.S, table, ["OT"], 24, 4);
        var data = WindowedDataset.Create(table, task, SplitPlan.Ett(), WindowNormalization.LastValue);
        int train = data.Splits.Train.Count;
        var hourSin = Enumerable.Range(0, table.RowCount).Select(r => Math.Sin(2 * Math.PI * (r % 24) / 24)).ToArray(); // hourly from 00:00
        double mean = hourSin.Take(train).Average();
        double sigma = Math.Sqrt(hourSin.Take(train).Sum(v => (v - mean) * (v - mean)) / train);
        Assert.Equal(mean, data.InputScalers[1].Mean, 1e-12);
        Assert.Equal(sigma, data.InputScalers[1].StandardDeviation, 1e-12);

        var (inputs, targets, levels) = (new double[24 * 5], new double[4], new double[5]);
        data.Windows(DatasetSplit.Test).Gather<double>([10], inputs, targets, levels);
        int start = data.WindowStart(DatasetSplit.Test, 10);
        for (int t = 0; t < 24; t++)
            Assert.Equal((hourSin[start + t] - mean) / sigma, inputs[t * 5 + 1], 1e-9);
        Assert.Equal(0, inputs[23 * 5]); // OT: its last value subtracted
        Assert.Equal([0.0, 0, 0, 0], levels.Skip(1));
    }
}
