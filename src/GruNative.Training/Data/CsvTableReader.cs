using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Sylvan.Data.Csv;

namespace GruNative.Training.Data;

/// <summary>
/// Reads a CSV file with a header line into a <see cref="TimeSeriesTable"/>: an optional date column kept as text, and
/// numeric columns parsed in the invariant culture. Every problem is a <see cref="DataFormatException"/> naming the file,
/// the line (1-based, header = line 1) and the column.
/// </summary>
/// <remarks>
/// Fields follow RFC 4180 (parsed by Sylvan.Data.Csv): quoted fields may hold the delimiter, doubled quotes and line
/// breaks. Empty lines are skipped; any other line must have as many fields as the header. A numeric cell is a
/// number (leading and trailing spaces, a sign and an exponent allowed; no thousands separators), or missing (see
/// <see cref="MissingValuePolicy"/>), or an error.
/// </remarks>
public static class CsvTableReader
{
    private const NumberStyles NumberStyle = NumberStyles.Float;

    /// <summary>Reads the file at <paramref name="path"/> (UTF-8 unless a byte-order mark says otherwise).</summary>
    /// <exception cref="DataFormatException">The content cannot be read as asked.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static TimeSeriesTable Read(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/> (not disposed); messages name it <paramref name="sourceName"/>.</summary>
    /// <exception cref="DataFormatException">The content cannot be read as asked.</exception>
    public static TimeSeriesTable Read(TextReader reader, string sourceName, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= new CsvReadOptions();
        if (!Enum.IsDefined(options.MissingValues))
            throw new ArgumentOutOfRangeException(nameof(options), options.MissingValues, "Unknown missing-value policy.");

        var csvOptions = new CsvDataReaderOptions { HasHeaders = true, Delimiter = options.Delimiter, OwnsReader = false };
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(reader, csvOptions);
        }
        catch (CsvMissingHeadersException e)
        {
            throw new DataFormatException(sourceName, null, null, "no header line: the file is empty; its first line must name the columns", e);
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(sourceName, 1, null, $"malformed header: {e.Message}", e);
        }
        using (csv)
            return ReadRecords(csv, sourceName, options);
    }

    private static TimeSeriesTable ReadRecords(CsvDataReader csv, string source, CsvReadOptions options)
    {
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
            throw new DataFormatException(source, 1, null, "no header line: the first line must name the columns");
        var (dateOrdinal, names, ordinals) = ResolveColumns(header, source, options);

        // Line bookkeeping: Sylvan counts records, the user counts lines. A quoted field may span several lines, so the
        // line of each record is 1 + every line break read before it: the header's (one, plus any inside quoted names),
        // then each record's own.
        int line = 2 + header.Sum(name => CountLineBreaks(name));
        var columns = names.Select(_ => new List<double>()).ToArray();
        var lines = new List<int>();
        List<string>? timestamps = dateOrdinal >= 0 ? new List<string>() : null;
        int missingCount = 0;
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                throw new DataFormatException(source, line, null, $"malformed CSV record: {e.Message}", e);
            }
            if (!more)
                break;
            var raw = csv.GetRawRecordSpan();
            int recordLine = line;
            line += CountLineBreaks(raw);
            if (raw.Trim("\r\n").IsEmpty)
                continue;
            if (csv.RowFieldCount != header.Length)
                throw new DataFormatException(source, recordLine, null,
                    $"{csv.RowFieldCount} field(s), but the header has {header.Length} (is a delimiter or a quote missing or extra?)");
            for (int c = 0; c < ordinals.Length; c++)
            {
                var cell = csv.GetFieldSpan(ordinals[c]);
                double value = ParseCell(cell, options.MissingValues, source, recordLine, names[c]);
                if (double.IsNaN(value))
                    missingCount++;
                columns[c].Add(value);
            }
            timestamps?.Add(csv.GetString(dateOrdinal));
            lines.Add(recordLine);
        }
        if (lines.Count == 0)
            throw new DataFormatException(source, null, null, "no data rows after the header");

        int rows = lines.Count;
        var values = new double[rows * names.Length];
        for (int c = 0; c < names.Length; c++)
        {
            var column = values.AsSpan(c * rows, rows);
            CollectionsMarshal.AsSpan(columns[c]).CopyTo(column);
            if (missingCount > 0)
                MissingValueFiller.Fill(column, options.MissingValues, CollectionsMarshal.AsSpan(lines), source, names[c]);
        }
        return new TimeSeriesTable(source, names, values, timestamps?.ToArray(),
            dateOrdinal >= 0 ? header[dateOrdinal] : null, missingCount);
    }

    /// <summary>The date column's ordinal (−1 for none), and the names and ordinals of the numeric columns to read.</summary>
    private static (int DateOrdinal, string[] Names, int[] Ordinals) ResolveColumns(string[] header, string source, CsvReadOptions options)
    {
        var ordinalByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (!ordinalByName.TryAdd(header[i], i))
                repeated.Add(header[i]);
        }
        int Find(string name)
        {
            if (!ordinalByName.TryGetValue(name, out int ordinal))
                throw DataFormatException.UnknownColumn(source, name, header);
            if (repeated.Contains(name))
                throw new DataFormatException(source, 1, name, "the header names this column more than once; rename one of them");
            return ordinal;
        }

        int dateOrdinal = options.DateColumn is { } date ? Find(date) : -1;
        // A timestamp column needs a name (the table records it): an empty header cell chosen as the date column is the
        // file's problem, like any other unnamed column (fuzz finding csv-1).
        if (dateOrdinal >= 0 && header[dateOrdinal].Trim().Length == 0)
            throw new DataFormatException(source, 1, null,
                $"the date column has no name in the header (field {dateOrdinal + 1}); name it");
        string[] names;
        if (options.Columns is { } selected)
        {
            names = selected.ToArray();
            if (names.Length == 0)
                throw new DataFormatException(source, null, null, "no columns selected; select at least one numeric column");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in names)
            {
                ArgumentNullException.ThrowIfNull(name, nameof(options));
                if (!seen.Add(name))
                    throw new DataFormatException(source, null, name, "the column is selected twice");
                if (name == options.DateColumn)
                    throw new DataFormatException(source, null, name, "the column is the date column and cannot also be read as numbers");
            }
        }
        else
        {
            names = header.Where((_, i) => i != dateOrdinal).ToArray();
            if (names.Length == 0)
                throw new DataFormatException(source, 1, null, "the header names no column besides the date column");
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].Trim().Length == 0)
                    throw new DataFormatException(source, 1, null,
                        $"a column has no name in the header (field {Array.IndexOf(header, names[i]) + 1}); name it, or select the columns to read");
            }
        }
        return (dateOrdinal, names, names.Select(Find).ToArray());
    }

    /// <summary>The cell's value; NaN marks a missing cell (kept for <see cref="MissingValueFiller"/>) unless the policy is Error.</summary>
    private static double ParseCell(ReadOnlySpan<char> cell, MissingValuePolicy policy, string source, int line, string column)
    {
        var text = cell.Trim();
        bool missing = text.IsEmpty || IsMissingMarker(text);
        if (!missing)
        {
            if (!double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out double value))
                throw new DataFormatException(source, line, column,
                    $"'{Shorten(cell)}' is not a number (numbers are read in the invariant culture: '.' as the decimal point, no thousands separators)");
            if (!double.IsFinite(value))
                throw new DataFormatException(source, line, column, $"'{Shorten(cell)}' is beyond the range of a double");
            return value;
        }
        if (policy == MissingValuePolicy.Error)
        {
            string what = text.IsEmpty ? "an empty cell" : $"'{Shorten(cell)}' counts as missing";
            throw new DataFormatException(source, line, column,
                $"missing value ({what}); choose a missing-value policy (forward fill or linear interpolation) to fill gaps");
        }
        return double.NaN;
    }

    private static readonly string[] MissingMarkers = ["nan", "na", "n/a", "#n/a", "#na", "<na>", "null", "none", "inf", "infinity", "∞"];

    private static bool IsMissingMarker(ReadOnlySpan<char> text)
    {
        if (text[0] is '+' or '-')
            text = text[1..];
        foreach (string marker in MissingMarkers)
        {
            if (text.Equals(marker, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Line breaks in <paramref name="text"/>: each "\r\n", lone "\n" or lone "\r" counts once.</summary>
    private static int CountLineBreaks(ReadOnlySpan<char> text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                count++;
        }
        return count;
    }

    private static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : cell[..37].ToString() + "...";
}
