namespace GruNative.Tests.Model;

/// <summary>
/// The calendar inputs against hand computations: angles from the calendar (2016-07-01 was a Friday, 2024-01-01 a
/// Monday), evaluated with Math.Sin/Math.Cos rather than the class's SinCosPi.
/// </summary>
public class CalendarFeaturesTests
{
    private const double Tolerance = 1e-15;

    [Fact]
    public void Hour_is_the_angle_of_the_time_of_day_at_minute_resolution()
    {
        // 06:00 is a quarter turn: sine exactly 1 and cosine exactly 0.
        var six = new DateTime(2016, 7, 1, 6, 0, 0);
        Assert.Equal(1.0, CalendarFeatures.Compute(six, CalendarFeatures.HourSin));
        Assert.Equal(0.0, CalendarFeatures.Compute(six, CalendarFeatures.HourCos));

        var midnight = new DateTime(2016, 7, 1);
        Assert.Equal(0.0, CalendarFeatures.Compute(midnight, CalendarFeatures.HourSin));
        Assert.Equal(1.0, CalendarFeatures.Compute(midnight, CalendarFeatures.HourCos));

        // 18:30:59 → (18 + 30/60) / 24 of a turn; the seconds do not count.
        var evening = new DateTime(2020, 2, 29, 18, 30, 59);
        double angle = 2 * Math.PI * 18.5 / 24;
        Assert.Equal(Math.Sin(angle), CalendarFeatures.Compute(evening, CalendarFeatures.HourSin), Tolerance);
        Assert.Equal(Math.Cos(angle), CalendarFeatures.Compute(evening, CalendarFeatures.HourCos), Tolerance);
    }

    [Theory]
    [InlineData(2024, 1, 1, 0)]   // a Monday
    [InlineData(2016, 7, 1, 4)]   // a Friday: the first row of ETTh1
    [InlineData(2016, 7, 2, 5)]   // Saturday
    [InlineData(2023, 12, 31, 6)] // a Sunday: the last day of the week, not the first
    public void Weekday_counts_from_Monday(int year, int month, int day, int index)
    {
        var time = new DateTime(year, month, day, 13, 0, 0);
        double angle = 2 * Math.PI * index / 7;
        Assert.Equal(index / 7.0, CalendarFeatures.Turns(time, CalendarFeature.Weekday));
        Assert.Equal(Math.Sin(angle), CalendarFeatures.Compute(time, CalendarFeatures.WeekdaySin), Tolerance);
        Assert.Equal(Math.Cos(angle), CalendarFeatures.Compute(time, CalendarFeatures.WeekdayCos), Tolerance);
    }

    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(4, 1.0, 0.0)]    // April: a quarter turn
    [InlineData(7, 0.0, -1.0)]   // July: half a turn
    [InlineData(10, -1.0, 0.0)]
    public void Month_is_a_twelfth_of_a_turn_per_month_from_January(int month, double sin, double cos)
    {
        var time = new DateTime(1949, month, 15);
        Assert.Equal(sin, CalendarFeatures.Compute(time, CalendarFeatures.MonthSin), Tolerance);
        Assert.Equal(cos, CalendarFeatures.Compute(time, CalendarFeatures.MonthCos), Tolerance);
    }

    [Fact]
    public void December_lies_as_close_to_January_as_February_does()
    {
        double Distance(int a, int b)
        {
            var (x, y) = (new DateTime(2001, a, 1), new DateTime(2001, b, 1));
            double ds = CalendarFeatures.Compute(x, CalendarFeatures.MonthSin) - CalendarFeatures.Compute(y, CalendarFeatures.MonthSin);
            double dc = CalendarFeatures.Compute(x, CalendarFeatures.MonthCos) - CalendarFeatures.Compute(y, CalendarFeatures.MonthCos);
            return Math.Sqrt(ds * ds + dc * dc);
        }
        Assert.Equal(Distance(1, 2), Distance(12, 1), 1e-12);
        Assert.Equal(2 * Math.Sin(Math.PI / 12), Distance(12, 1), 1e-12); // the chord of a twelfth of a turn
    }

    [Fact]
    public void The_kind_of_the_time_does_not_matter()
    {
        var utc = new DateTime(2016, 7, 1, 9, 15, 0, DateTimeKind.Utc);
        var local = new DateTime(2016, 7, 1, 9, 15, 0, DateTimeKind.Local);
        foreach (string name in CalendarFeatures.ColumnNames(CalendarFeatures.All))
            Assert.Equal(CalendarFeatures.Compute(utc, name), CalendarFeatures.Compute(local, name));
    }

    [Fact]
    public void Columns_come_in_one_order_sine_before_cosine_each_once()
    {
        Assert.Equal(
            ["calendar.hour_sin", "calendar.hour_cos", "calendar.weekday_sin", "calendar.weekday_cos", "calendar.month_sin", "calendar.month_cos"],
            CalendarFeatures.ColumnNames(CalendarFeatures.All));
        Assert.Equal(
            ["calendar.hour_sin", "calendar.hour_cos", "calendar.month_sin", "calendar.month_cos"],
            CalendarFeatures.ColumnNames([CalendarFeature.Month, CalendarFeature.Hour, CalendarFeature.Month]));
        Assert.Empty(CalendarFeatures.ColumnNames([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarFeatures.ColumnNames([(CalendarFeature)9]));
    }

    [Fact]
    public void Names_parse_and_classify()
    {
        Assert.True(CalendarFeatures.TryParse(" Weekday ", out var weekday));
        Assert.Equal(CalendarFeature.Weekday, weekday);
        Assert.True(CalendarFeatures.TryParse("HOUR", out var hour));
        Assert.Equal(CalendarFeature.Hour, hour);
        Assert.False(CalendarFeatures.TryParse("year", out _));
        Assert.Equal(["hour", "weekday", "month"], CalendarFeatures.All.Select(CalendarFeatures.Name));

        Assert.True(CalendarFeatures.IsCalendarColumn("calendar.month_cos"));
        Assert.True(CalendarFeatures.IsCalendarColumn("calendar.day_of_year_sin")); // reserved, though unknown here
        Assert.False(CalendarFeatures.IsCalendarColumn("Calendar.hour_sin"));
        Assert.False(CalendarFeatures.IsCalendarColumn("OT"));

        Assert.True(CalendarFeatures.TryGetFeature("calendar.weekday_cos", out var feature, out bool cosine));
        Assert.Equal((CalendarFeature.Weekday, true), (feature, cosine));
        Assert.True(CalendarFeatures.TryGetFeature("calendar.month_sin", out feature, out cosine));
        Assert.Equal((CalendarFeature.Month, false), (feature, cosine));
        Assert.False(CalendarFeatures.TryGetFeature("calendar.day_of_year_sin", out _, out _));

        var e = Assert.Throws<ArgumentException>(() => CalendarFeatures.Compute(DateTime.Now, "OT"));
        Assert.Contains("'OT' is not a calendar column", e.Message);
    }

    [Fact]
    public void Fill_writes_the_standardised_calendar_inputs_and_leaves_the_others()
    {
        ColumnScaler[] columns =
        [
            new("OT", 30, 5),
            new(CalendarFeatures.HourSin, 0.25, 0.5),
            new(CalendarFeatures.WeekdayCos, -0.125, 2),
        ];
        var inputs = new float[] { 7, 7, 7, 7 };
        var time = new DateTime(2016, 7, 1, 6, 0, 0); // 06:00 on a Friday
        Assert.Equal(2, CalendarFeatures.Fill(time, columns, inputs));
        Assert.Equal(7f, inputs[0]);
        Assert.Equal((float)((1 - 0.25) / 0.5), inputs[1]);
        Assert.Equal((float)((Math.Cos(2 * Math.PI * 4 / 7) + 0.125) / 2), inputs[2], 1e-6f);
        Assert.Equal(7f, inputs[3]);
        Assert.Throws<ArgumentException>(() => CalendarFeatures.Fill(time, columns, new float[2]));
        Assert.Throws<ArgumentException>(() => CalendarFeatures.Fill(time, [new("calendar.moon_sin", 0, 1)], new float[1]));
    }

    [Fact]
    public void Fill_allocates_nothing()
    {
        IReadOnlyList<ColumnScaler> columns = CalendarFeatures.ColumnNames(CalendarFeatures.All).Select(n => new ColumnScaler(n, 0, 1)).Append(new("OT", 0, 1)).ToArray();
        var inputs = new float[columns.Count];
        var time = new DateTime(2017, 3, 9, 22, 45, 0);
        CalendarFeatures.Fill(time, columns, inputs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            CalendarFeatures.Fill(time.AddHours(i), columns, inputs);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
