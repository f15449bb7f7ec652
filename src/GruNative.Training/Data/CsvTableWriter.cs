using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GruNative.Training.Data;

/// <summary>
/// Writes a <see cref="TimeSeriesTable"/> as CSV that <see cref="CsvTableReader"/> reads back exactly: a header line,
/// the timestamp column first when there is one, numbers in the shortest form that round-trips (invariant culture),
/// '\n' line endings, and quotes only where a field needs them.
/// </summary>
public static class CsvTableWriter
{
    /// <summary>Writes <paramref name="table"/> to the file at <paramref name="path"/> (UTF-8 without byte-order mark).</summary>
    public static void Write(TimeSeriesTable table, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(table, writer);
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="writer"/> (not disposed).</summary>
    public static void Write(TimeSeriesTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        var line = new StringBuilder();
        if (table.TimestampColumn is { } dateColumn)
            line.Append(Quote(dateColumn)).Append(',');
        line.AppendJoin(',', table.ColumnNames.Select(Quote));
        writer.Write(line.Append('\n'));
        for (int r = 0; r < table.RowCount; r++)
        {
            line.Clear();
            if (table.Timestamps is { } timestamps)
                line.Append(Quote(timestamps[r])).Append(',');
            for (int c = 0; c < table.ColumnCount; c++)
            {
                if (c > 0)
                    line.Append(',');
                line.Append(table.Column(c)[r].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>The field as written: quoted (quotes doubled) when it holds a comma, quote, line break or edge space.</summary>
    private static string Quote(string field)
    {
        bool needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
