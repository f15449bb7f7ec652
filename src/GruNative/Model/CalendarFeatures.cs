using System;
using System.Collections.Generic;
using System.Numerics;

namespace GruNative;

/// <summary>A cycle of the clock or the calendar that a model can read as two inputs, its sine and cosine.</summary>
public enum CalendarFeature
{
    /// <summary>The time of day: one turn per 24 hours, at minute resolution.</summary>
    Hour,

    /// <summary>The day of the week: one turn per 7 days, Monday at angle 0.</summary>
    Weekday,

    /// <summary>The month of the year: one turn per 12 months, January at angle 0.</summary>
    Month,
}

/// <summary>
/// Calendar inputs derived from each row's timestamp, defined once for the trainer and for devices: each
/// <see cref="CalendarFeature"/> is two input columns, the sine and cosine of its angle, so that 23:00 lies next to
/// 00:00 and December next to January.
/// </summary>
/// <remarks>
/// <para>Columns (all in [−1, 1]):</para>
/// <list type="table">
/// <item><term><c>calendar.hour_sin</c>, <c>calendar.hour_cos</c></term><description>angle 2π · (hour + minute / 60) / 24</description></item>
/// <item><term><c>calendar.weekday_sin</c>, <c>calendar.weekday_cos</c></term><description>angle 2π · d / 7, d = 0 for Monday … 6 for Sunday</description></item>
/// <item><term><c>calendar.month_sin</c>, <c>calendar.month_cos</c></term><description>angle 2π · (month − 1) / 12</description></item>
/// </list>
/// <para>The prefix <c>calendar.</c> is reserved: such columns are computed, never read from data. They are inputs only
/// (never forecast), are standardised like any input by the <see cref="ColumnScaler"/> the weights file stores for them,
/// and are exempt from <see cref="WindowNormalization"/>: subtracting a window's level from a phase would erase the very
/// position in the cycle the model needs.</para>
/// <para>The timestamp is taken as a wall clock, its <see cref="DateTime.Kind"/> ignored: a device must pass the clock
/// the training data was recorded in (local time for most sensor logs). The angles are computed in double with
/// <see cref="double.SinCosPi(double)"/>, so quarter turns are exact (hour 6 gives sine 1 and cosine 0).</para>
/// </remarks>
public static class CalendarFeatures
{
    /// <summary>The prefix that marks a calendar column: <c>calendar.</c>.</summary>
    public const string Prefix = "calendar.";

    /// <summary><c>calendar.hour_sin</c>: sin(2π · (hour + minute / 60) / 24).</summary>
    public const string HourSin = Prefix + "hour_sin";

    /// <summary><c>calendar.hour_cos</c>: cos(2π · (hour + minute / 60) / 24).</summary>
    public const string HourCos = Prefix + "hour_cos";

    /// <summary><c>calendar.weekday_sin</c>: sin(2π · d / 7), d = 0 for Monday.</summary>
    public const string WeekdaySin = Prefix + "weekday_sin";

    /// <summary><c>calendar.weekday_cos</c>: cos(2π · d / 7), d = 0 for Monday.</summary>
    public const string WeekdayCos = Prefix + "weekday_cos";

    /// <summary><c>calendar.month_sin</c>: sin(2π · (month − 1) / 12).</summary>
    public const string MonthSin = Prefix + "month_sin";

    /// <summary><c>calendar.month_cos</c>: cos(2π · (month − 1) / 12).</summary>
    public const string MonthCos = Prefix + "month_cos";

    /// <summary>Every feature, in the order their columns are listed: hour, weekday, month.</summary>
    public static IReadOnlyList<CalendarFeature> All { get; } = [CalendarFeature.Hour, CalendarFeature.Weekday, CalendarFeature.Month];

    /// <summary>The feature's lower-case name as options and column names spell it: <c>hour</c>, <c>weekday</c> or <c>month</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined feature.</exception>
    public static string Name(CalendarFeature feature) => feature switch
    {
        CalendarFeature.Hour => "hour",
        CalendarFeature.Weekday => "weekday",
        CalendarFeature.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown calendar feature."),
    };

    /// <summary>The feature named <paramref name="name"/> (<c>hour</c>, <c>weekday</c> or <c>month</c>, any case).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out CalendarFeature feature)
    {
        foreach (var candidate in All)
        {
            if (name.Trim().Equals(Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                feature = candidate;
                return true;
            }
        }
        feature = default;
        return false;
    }

    /// <summary>
    /// True when <paramref name="name"/> carries the reserved prefix <c>calendar.</c> — including names this version does
    /// not know (<see cref="TryGetFeature"/> then returns false), so that such a column is never mistaken for data.
    /// </summary>
    public static bool IsCalendarColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(Prefix, StringComparison.Ordinal);
    }

    /// <summary>The feature of a calendar column, and whether it is the cosine; false for any other name.</summary>
    public static bool TryGetFeature(string columnName, out CalendarFeature feature, out bool cosine)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        (feature, cosine) = (default, false);
        switch (columnName)
        {
            case HourSin: feature = CalendarFeature.Hour; break;
            case HourCos: (feature, cosine) = (CalendarFeature.Hour, true); break;
            case WeekdaySin: feature = CalendarFeature.Weekday; break;
            case WeekdayCos: (feature, cosine) = (CalendarFeature.Weekday, true); break;
            case MonthSin: feature = CalendarFeature.Month; break;
            case MonthCos: (feature, cosine) = (CalendarFeature.Month, true); break;
            default: return false;
        }
        return true;
    }

    /// <summary>
    /// The columns of <paramref name="features"/>: sine then cosine of each, in the order of <see cref="All"/> whatever
    /// the order given, each once — so the same features always give a model the same inputs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature is not defined.</exception>
    public static IReadOnlyList<string> ColumnNames(IEnumerable<CalendarFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        bool hour = false, weekday = false, month = false;
        foreach (var feature in features)
        {
            switch (feature)
            {
                case CalendarFeature.Hour: hour = true; break;
                case CalendarFeature.Weekday: weekday = true; break;
                case CalendarFeature.Month: month = true; break;
                default: throw new ArgumentOutOfRangeException(nameof(features), feature, "Unknown calendar feature.");
            }
        }
        var names = new List<string>(6);
        if (hour)
            names.AddRange([HourSin, HourCos]);
        if (weekday)
            names.AddRange([WeekdaySin, WeekdayCos]);
        if (month)
            names.AddRange([MonthSin, MonthCos]);
        return names;
    }

    /// <summary>
    /// The feature's position in its cycle at <paramref name="time"/>, in turns, in [0, 1): (hour + minute / 60) / 24,
    /// d / 7 with Monday = 0, or (month − 1) / 12. The angle is 2π times it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined feature.</exception>
    public static double Turns(DateTime time, CalendarFeature feature) => feature switch
    {
        CalendarFeature.Hour => (time.Hour + time.Minute / 60.0) / 24,
        // DayOfWeek counts from Sunday = 0; ISO 8601 (and most calendars in use) start the week on Monday.
        CalendarFeature.Weekday => ((int)time.DayOfWeek + 6) % 7 / 7.0,
        CalendarFeature.Month => (time.Month - 1) / 12.0,
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown calendar feature."),
    };

    /// <summary>The value of calendar column <paramref name="columnName"/> at <paramref name="time"/>, unstandardised. Allocates nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="columnName"/> is not one of the calendar columns.</exception>
    public static double Compute(DateTime time, string columnName)
    {
        if (!TryGetFeature(columnName, out var feature, out bool cosine))
            throw new ArgumentException($"'{columnName}' is not a calendar column this version can compute.", nameof(columnName));
        // sin(πx) and cos(πx) with x = 2 · turns: exact at quarter turns, where sin(2π · turns) would leave 1e-16.
        var (sin, cos) = double.SinCosPi(2 * Turns(time, feature));
        return cosine ? cos : sin;
    }

    /// <summary>
    /// Writes the standardised value at <paramref name="time"/> of every calendar column among
    /// <paramref name="inputColumns"/> (a model's <see cref="Preprocessing.InputColumns"/>) to the same position of
    /// <paramref name="inputs"/> — computed in double, then rounded to <typeparamref name="T"/> — leaving the other inputs
    /// alone: a device fills its sensor values, then calls this with the observation's time
    /// (<see cref="Preprocessing.StandardizeInputs{T}(ReadOnlySpan{double}, DateTime, Span{T})"/> does both). Allocates
    /// nothing. Returns the number of calendar inputs written.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> is shorter than <paramref name="inputColumns"/>, or a column has the calendar prefix but is
    /// not one this version can compute.
    /// </exception>
    public static int Fill<T>(DateTime time, IReadOnlyList<ColumnScaler> inputColumns, Span<T> inputs) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        if (inputs.Length < inputColumns.Count)
            throw new ArgumentException($"{inputs.Length} input(s) for {inputColumns.Count} column(s).", nameof(inputs));
        int written = 0;
        // An indexed loop: foreach over an IReadOnlyList would allocate an enumerator on every call.
        for (int i = 0; i < inputColumns.Count; i++)
        {
            var column = inputColumns[i];
            if (!IsCalendarColumn(column.Name))
                continue;
            inputs[i] = T.CreateTruncating(column.Standardize(Compute(time, column.Name)));
            written++;
        }
        return written;
    }
}
