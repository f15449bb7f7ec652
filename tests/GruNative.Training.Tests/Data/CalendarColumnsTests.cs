using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class CalendarColumnsTests
{
    private static TimeSeriesTable WithTimestamps(params string[] timestamps) =>
        TimeSeriesTable.FromColumns("test.csv", ["x"], [timestamps.Select((_, i) => (double)i).ToArray()], timestamps, "date");

    private static DataFormatException AppendFails(TimeSeriesTable table, params CalendarFeature[] features) =>
        Assert.Throws<DataFormatException>(() => CalendarColumns.Append(table, features));

    [Fact]
    public void Appends_sine_and_cosine_columns_after_the_data_columns()
    {
        // Friday 2016-07-01 from 04:00 to 07:00, then Saturday 06:30: hand-computed angles, through Math.Sin/Math.Cos.
        var table = WithTimestamps("2016-07-01 04:00:00", "2016-07-01 05:00:00", "2016-07-01 06:00:00", "2016-07-01 07:00:00", "2016-07-02 06:30:00");
        var result = CalendarColumns.Append(table, [CalendarFeature.Weekday, CalendarFeature.Hour]);

        Assert.Equal(["x", "calendar.hour_sin", "calendar.hour_cos", "calendar.weekday_sin", "calendar.weekday_cos"], result.ColumnNames);
        Assert.Equal(table.Column("x").ToArray(), result.Column("x").ToArray());
        Assert.Equal(table.Timestamps, result.Timestamps);
        Assert.Equal("date", result.TimestampColumn);
        double[] hours = [4, 5, 6, 7, 6.5];
        int[] weekdays = [4, 4, 4, 4, 5]; // Friday, Saturday with Monday = 0
        for (int r = 0; r < 5; r++)
        {
            Assert.Equal(Math.Sin(2 * Math.PI * hours[r] / 24), result.Column("calendar.hour_sin")[r], 1e-15);
            Assert.Equal(Math.Cos(2 * Math.PI * hours[r] / 24), result.Column("calendar.hour_cos")[r], 1e-15);
            Assert.Equal(Math.Sin(2 * Math.PI * weekdays[r] / 7), result.Column("calendar.weekday_sin")[r], 1e-15);
            Assert.Equal(Math.Cos(2 * Math.PI * weekdays[r] / 7), result.Column("calendar.weekday_cos")[r], 1e-15);
        }
        Assert.Equal(1.0, result.Column("calendar.hour_sin")[2]); // 06:00
    }

    [Fact]
    public void No_features_give_back_the_table_itself()
    {
        var table = SyntheticSeries.Create("sine");
        Assert.Same(table, CalendarColumns.Append(table, []));
    }

    [Theory]
    [InlineData("2016-07-01 00:00:00", 2016, 7, 1, 0, 0)]  // ETTh1
    [InlineData("1981-01-01", 1981, 1, 1, 0, 0)]           // daily-min-temperatures
    [InlineData("1949-01", 1949, 1, 1, 0, 0)]              // airline-passengers: the first of the month
    [InlineData("2016-07-01T13:45:00Z", 2016, 7, 1, 13, 45)]
    [InlineData("2016-07-01T13:45:00", 2016, 7, 1, 13, 45)]
    [InlineData("2016-07-01T13:45:00.250+02:00", 2016, 7, 1, 13, 45)] // the clock as written, the offset not applied
    [InlineData("2016-07-01T23:15-05:00", 2016, 7, 1, 23, 15)]
    [InlineData(" 2016-7-1 6:05 ", 2016, 7, 1, 6, 5)]
    public void Timestamps_of_every_accepted_shape_parse_to_their_clock_time(string text, int year, int month, int day, int hour, int minute)
    {
        Assert.True(CalendarColumns.TryParseTimestamp(text, out var time));
        Assert.Equal(new DateTime(year, month, day, hour, minute, 0), new DateTime(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0));
    }

    [Theory]
    [InlineData("07/01/2016")]
    [InlineData("2016-13-01")]
    [InlineData("2016-02-30")]
    [InlineData("2016")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Other_text_is_not_a_timestamp(string text) => Assert.False(CalendarColumns.TryParseTimestamp(text, out _));

    [Fact]
    public void The_airline_and_temperature_files_get_month_and_weekday_columns()
    {
        var airline = CsvTableReader.Read(SharedData.PathOf("airline-passengers.csv"), new CsvReadOptions { DateColumn = "Month" });
        var months = CalendarColumns.Append(airline, [CalendarFeature.Month]);
        // Row 3 is 1949-04: a quarter turn.
        Assert.Equal(1.0, months.Column("calendar.month_sin")[3], 1e-15);
        Assert.Equal(0.0, months.Column("calendar.month_cos")[3], 1e-15);

        var temperatures = CsvTableReader.Read(SharedData.PathOf("daily-min-temperatures.csv"), new CsvReadOptions { DateColumn = "Date" });
        var weekdays = CalendarColumns.Append(temperatures, [CalendarFeature.Weekday, CalendarFeature.Month]);
        // 1981-01-01 was a Thursday: index 3.
        Assert.Equal(Math.Sin(2 * Math.PI * 3 / 7), weekdays.Column("calendar.weekday_sin")[0], 1e-15);
        Assert.Equal(Math.Cos(0.0), weekdays.Column("calendar.month_cos")[0], 1e-15);
    }

    [Fact]
    public void Without_timestamps_the_message_says_calendar_needs_a_date_column()
    {
        var table = TimeSeriesTable.FromColumns("plain.csv", ["x"], [new double[10]]);
        var e = AppendFails(table, CalendarFeature.Hour);
        Assert.Equal("plain.csv: calendar features (hour) are computed from timestamps, but the data has no date column (--calendar needs --date-column naming it)", e.Message);
    }

    [Fact]
    public void An_unparsable_timestamp_is_named_with_its_row()
    {
        var e = AppendFails(WithTimestamps("2016-07-01 00:00:00", "2016-07-01 01:00:00", "July 1st, 2am"), CalendarFeature.Hour);
        Assert.Equal("date", e.Column);
        Assert.Equal(
            "test.csv: column 'date': data row 3: 'July 1st, 2am' is not a timestamp calendar features can be computed from; "
            + "expected one of 2016-07-01 00:00:00, 2016-07-01T00:00:00Z (ISO 8601), 1981-01-01 or 1949-01",
            e.Message);
    }

    [Theory]
    [InlineData(CalendarFeature.Hour, "calendar feature 'hour' is constant over all 3 row(s): every timestamp has the same time of day (daily or coarser data?)")]
    [InlineData(CalendarFeature.Weekday, "calendar feature 'weekday' is constant over all 3 row(s): every timestamp falls on the same day of the week (weekly data?)")]
    [InlineData(CalendarFeature.Month, "calendar feature 'month' is constant over all 3 row(s): every timestamp falls in the same month (yearly data, or less than a month of it?)")]
    public void A_feature_that_never_changes_is_rejected_with_the_reason(CalendarFeature feature, string reason)
    {
        // Weekly, at noon, in January: hour, weekday and month are each constant.
        var weekly = WithTimestamps("2024-01-01 12:00", "2024-01-08 12:00", "2024-01-15 12:00");
        var e = AppendFails(weekly, feature);
        Assert.Equal($"test.csv: column 'date': {reason}, so it would tell the model nothing; drop it from --calendar", e.Message);
    }

    [Fact]
    public void Hour_on_daily_data_is_rejected_but_weekday_and_month_are_not()
    {
        var daily = WithTimestamps(Enumerable.Range(0, 40).Select(d => new DateTime(1981, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Contains("'hour' is constant", AppendFails(daily, CalendarFeature.Hour, CalendarFeature.Weekday).Message);
        Assert.Equal(5, CalendarColumns.Append(daily, [CalendarFeature.Weekday, CalendarFeature.Month]).ColumnCount);
    }

    [Fact]
    public void A_data_column_with_the_calendar_prefix_is_refused()
    {
        var table = TimeSeriesTable.FromColumns("test.csv", ["calendar.hour_sin"], [new double[3]], ["2024-01-01 00:00", "2024-01-01 01:00", "2024-01-01 02:00"], "date");
        var e = AppendFails(table, CalendarFeature.Hour);
        Assert.Equal("test.csv: column 'calendar.hour_sin': the prefix 'calendar.' is reserved for calendar features computed from the timestamps; rename the column", e.Message);
    }

    [Fact]
    public void The_features_of_a_models_columns_are_found_by_name()
    {
        Assert.Equal([CalendarFeature.Weekday, CalendarFeature.Hour],
            CalendarColumns.FeaturesOf(["OT", "calendar.weekday_cos", "calendar.hour_sin", "calendar.weekday_sin", "calendar.hour_cos"]));
        Assert.Empty(CalendarColumns.FeaturesOf(["OT", "HUFL"]));
        var e = Assert.Throws<ArgumentException>(() => CalendarColumns.FeaturesOf(["calendar.moon_sin"]));
        Assert.Contains("'calendar.moon_sin' is not a calendar column this version can compute", e.Message);
    }
}
