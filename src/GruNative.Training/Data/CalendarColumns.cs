using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GruNative.Training.Data;

/// <summary>
/// Adds <see cref="CalendarFeatures"/> columns to a table, computed from its timestamps: the trainer's side of the
/// calendar inputs a device computes from its clock with the same <see cref="CalendarFeatures.Compute"/>.
/// </summary>
/// <remarks>
/// Timestamps are parsed in the invariant culture, as written: <c>2016-07-01 00:00:00</c>, <c>1981-01-01</c>,
/// <c>1949-01</c> (the first of the month), and ISO 8601 with <c>T</c>, fractional seconds and <c>Z</c> or an offset.
/// The clock time is the one written; an offset is read but not applied, because the cycles that calendar features
/// capture (working hours, weekends) follow the local clock of the place the data was recorded.
/// </remarks>
public static class CalendarColumns
{
    // Single-letter M, d, H and m also accept two digits, so these cover zero-padded and unpadded fields alike.
    private static readonly string[] Formats =
    [
        "yyyy-M-d H:m:s", "yyyy-M-d H:m", "yyyy-M-d H:m:s.FFFFFFF",
        "yyyy-M-d'T'H:m:s", "yyyy-M-d'T'H:m", "yyyy-M-d'T'H:m:s.FFFFFFF",
        "yyyy-M-d'T'H:m:sK", "yyyy-M-d'T'H:mK", "yyyy-M-d'T'H:m:s.FFFFFFFK",
        "yyyy-M-d H:m:sK", "yyyy-M-d",
        "yyyy-M",
    ];

    /// <summary>The timestamp shapes accepted, as error messages list them.</summary>
    public const string AcceptedShapes = "2016-07-01 00:00:00, 2016-07-01T00:00:00Z (ISO 8601), 1981-01-01 or 1949-01";

    /// <summary>
    /// A copy of <paramref name="table"/> with the columns of <paramref name="features"/> appended after its own (in the
    /// order of <see cref="CalendarFeatures.ColumnNames"/>), computed from its timestamps. No features: the table itself.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The table has no timestamps, a timestamp cannot be parsed, a feature does not vary over the table, or the table
    /// already has a column of a calendar name.
    /// </exception>
    public static TimeSeriesTable Append(TimeSeriesTable table, IEnumerable<CalendarFeature> features)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(features);
        var chosen = features.Distinct().ToArray();
        if (chosen.Length == 0)
            return table;
        var names = CalendarFeatures.ColumnNames(chosen);
        if (table.Timestamps is null)
        {
            throw new DataFormatException(table.SourceName, null, null,
                $"calendar features ({string.Join(", ", chosen.Select(CalendarFeatures.Name))}) are computed from timestamps, "
                + "but the data has no date column (--calendar needs --date-column naming it)");
        }
        foreach (string name in table.ColumnNames)
        {
            if (CalendarFeatures.IsCalendarColumn(name))
            {
                throw new DataFormatException(table.SourceName, null, name,
                    $"the prefix '{CalendarFeatures.Prefix}' is reserved for calendar features computed from the timestamps; rename the column");
            }
        }

        var times = Parse(table);
        foreach (var feature in CalendarFeatures.All.Where(chosen.Contains))
            CheckVaries(table, times, feature);
        int rows = table.RowCount, existing = table.ColumnCount;
        var values = new double[(existing + names.Count) * rows];
        for (int c = 0; c < existing; c++)
            table.Column(c).CopyTo(values.AsSpan(c * rows, rows));
        for (int c = 0; c < names.Count; c++)
        {
            var column = values.AsSpan((existing + c) * rows, rows);
            for (int r = 0; r < rows; r++)
                column[r] = CalendarFeatures.Compute(times[r], names[c]);
        }
        return new TimeSeriesTable(
            table.SourceName, table.ColumnNames.Concat(names).ToArray(), values, table.Timestamps.ToArray(), table.TimestampColumn,
            table.FilledCellCount);
    }

    /// <summary>The calendar features whose columns are among <paramref name="columnNames"/> (a model's input columns, say).</summary>
    /// <exception cref="ArgumentException">A name has the calendar prefix but is not a column this version can compute.</exception>
    public static IReadOnlyList<CalendarFeature> FeaturesOf(IEnumerable<string> columnNames)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        var features = new List<CalendarFeature>();
        foreach (string name in columnNames.Where(CalendarFeatures.IsCalendarColumn))
        {
            if (!CalendarFeatures.TryGetFeature(name, out var feature, out _))
                throw new ArgumentException($"'{name}' is not a calendar column this version can compute (it knows {string.Join(", ", CalendarFeatures.ColumnNames(CalendarFeatures.All))}).", nameof(columnNames));
            if (!features.Contains(feature))
                features.Add(feature);
        }
        return features;
    }

    /// <summary>Parses one timestamp in one of the accepted shapes; false when it is none of them.</summary>
    public static bool TryParseTimestamp(string text, out DateTime time)
    {
        ArgumentNullException.ThrowIfNull(text);
        // AssumeUniversal only keeps the machine's time zone out of it; .DateTime is then the clock time as written.
        if (DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.DateTime;
            return true;
        }
        time = default;
        return false;
    }

    private static DateTime[] Parse(TimeSeriesTable table)
    {
        var timestamps = table.Timestamps!;
        var times = new DateTime[timestamps.Count];
        for (int r = 0; r < times.Length; r++)
        {
            if (!TryParseTimestamp(timestamps[r], out times[r]))
            {
                throw new DataFormatException(table.SourceName, null, table.TimestampColumn,
                    $"data row {r + 1}: '{timestamps[r]}' is not a timestamp calendar features can be computed from; expected one of {AcceptedShapes}");
            }
        }
        return times;
    }

    /// <summary>
    /// Rejects a feature that takes one value on every row: its columns would carry nothing, and their training σ of 0
    /// would only be papered over by the scaler.
    /// </summary>
    private static void CheckVaries(TimeSeriesTable table, DateTime[] times, CalendarFeature feature)
    {
        double first = CalendarFeatures.Turns(times[0], feature);
        for (int r = 1; r < times.Length; r++)
        {
            if (CalendarFeatures.Turns(times[r], feature) != first)
                return;
        }
        string why = feature switch
        {
            CalendarFeature.Hour => "every timestamp has the same time of day (daily or coarser data?)",
            CalendarFeature.Weekday => "every timestamp falls on the same day of the week (weekly data?)",
            _ => "every timestamp falls in the same month (yearly data, or less than a month of it?)",
        };
        throw new DataFormatException(table.SourceName, null, table.TimestampColumn,
            $"calendar feature '{CalendarFeatures.Name(feature)}' is constant over all {times.Length} row(s): {why}, so it would tell the model nothing; drop it from --calendar");
    }
}
