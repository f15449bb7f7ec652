using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative.Training.Data;

/// <summary>
/// A time series as read from a file or generated in memory: named numeric columns of equal length, every value
/// finite, optionally with one timestamp (kept as text, exactly as in the file) per row. Immutable.
/// </summary>
/// <remarks>
/// Values are stored column-major: column c occupies <c>[c · RowCount, (c + 1) · RowCount)</c>, so
/// <see cref="Column(int)"/> is a contiguous span. Rows are in time order; nothing checks that the timestamps are.
/// </remarks>
public sealed class TimeSeriesTable
{
    private readonly double[] _values;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a table from column-major values (copied).</summary>
    /// <param name="sourceName">The file path or a name for in-memory data; error messages start with it.</param>
    /// <param name="columnNames">Distinct, non-empty names of the numeric columns.</param>
    /// <param name="columnMajorValues">RowCount · ColumnCount values, column after column; every value finite.</param>
    /// <param name="timestamps">One label per row, or null.</param>
    /// <param name="timestampColumn">The timestamps' column name (required when <paramref name="timestamps"/> is given).</param>
    /// <exception cref="ArgumentException">A name is empty or repeated, the sizes disagree, or a value is not finite.</exception>
    public TimeSeriesTable(
        string sourceName,
        IReadOnlyList<string> columnNames,
        ReadOnlySpan<double> columnMajorValues,
        IReadOnlyList<string>? timestamps = null,
        string? timestampColumn = null)
        : this(sourceName, columnNames, columnMajorValues.ToArray(), timestamps?.ToArray(), timestampColumn, filledCells: 0)
    {
    }

    /// <summary>Takes ownership of <paramref name="values"/>; the public constructors copy.</summary>
    internal TimeSeriesTable(
        string sourceName, IReadOnlyList<string> columnNames, double[] values, string[]? timestamps, string? timestampColumn, int filledCells)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(columnNames);
        if (columnNames.Count == 0)
            throw new ArgumentException("A table needs at least one column.", nameof(columnNames));
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < columnNames.Count; c++)
        {
            string name = columnNames[c];
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"Column {c} has no name.", nameof(columnNames));
            if (!_indexByName.TryAdd(name, c))
                throw new ArgumentException($"Column '{name}' appears twice.", nameof(columnNames));
        }
        if (values.Length == 0 || values.Length % columnNames.Count != 0)
            throw new ArgumentException(
                $"{values.Length} value(s) do not fill {columnNames.Count} column(s) of at least one row.", nameof(values));
        int rows = values.Length / columnNames.Count;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"Column '{columnNames[i / rows]}', row {i % rows}: {values[i]} is not finite.", nameof(values));
        }
        if (timestamps is not null)
        {
            if (timestamps.Length != rows)
                throw new ArgumentException($"{timestamps.Length} timestamp(s) for {rows} row(s).", nameof(timestamps));
            ArgumentException.ThrowIfNullOrEmpty(timestampColumn);
            if (_indexByName.ContainsKey(timestampColumn))
                throw new ArgumentException($"The timestamp column '{timestampColumn}' is also a numeric column.", nameof(timestampColumn));
        }
        else if (timestampColumn is not null)
        {
            throw new ArgumentException("A timestamp column name without timestamps.", nameof(timestampColumn));
        }
        SourceName = sourceName;
        ColumnNames = columnNames.ToArray();
        _values = values;
        RowCount = rows;
        Timestamps = timestamps;
        TimestampColumn = timestampColumn;
        FilledCellCount = filledCells;
    }

    /// <summary>Builds a table from one array per column (copied), all of one length.</summary>
    /// <exception cref="ArgumentException">The names and columns disagree in number, or a column's length differs.</exception>
    public static TimeSeriesTable FromColumns(
        string sourceName,
        IReadOnlyList<string> columnNames,
        IReadOnlyList<double[]> columns,
        IReadOnlyList<string>? timestamps = null,
        string? timestampColumn = null)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != columnNames.Count || columns.Count == 0)
            throw new ArgumentException($"{columnNames.Count} name(s) for {columns.Count} column(s).", nameof(columns));
        int rows = columns[0].Length;
        var values = new double[rows * columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c].Length != rows)
                throw new ArgumentException($"Column '{columnNames[c]}' has {columns[c].Length} rows, '{columnNames[0]}' {rows}.", nameof(columns));
            columns[c].CopyTo(values, c * rows);
        }
        return new TimeSeriesTable(sourceName, columnNames, values, timestamps?.ToArray(), timestampColumn, filledCells: 0);
    }

    /// <summary>The file path, or the name given to in-memory data.</summary>
    public string SourceName { get; }

    /// <summary>The numeric columns' names, in file order (the timestamp column is not among them).</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Numeric columns.</summary>
    public int ColumnCount => ColumnNames.Count;

    /// <summary>Rows (time steps), at least 1.</summary>
    public int RowCount { get; }

    /// <summary>One label per row as written in the file, or null when the table has no timestamp column.</summary>
    public IReadOnlyList<string>? Timestamps { get; }

    /// <summary>The timestamp column's name, or null.</summary>
    public string? TimestampColumn { get; }

    /// <summary>Cells that were missing in the file and filled by the reader's missing-value policy (0 otherwise).</summary>
    public int FilledCellCount { get; }

    /// <summary>The values of column <paramref name="index"/>, in row order.</summary>
    public ReadOnlySpan<double> Column(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ColumnCount);
        return _values.AsSpan(index * RowCount, RowCount);
    }

    /// <summary>The values of the column named <paramref name="name"/>, in row order.</summary>
    /// <exception cref="DataFormatException">No such column (the message lists the columns).</exception>
    public ReadOnlySpan<double> Column(string name) => Column(GetColumnIndex(name));

    /// <summary>The index of the column named <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out int index) ? index : -1;

    /// <summary>The index of the column named <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">No such column (the message lists the columns).</exception>
    public int GetColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int index = IndexOf(name);
        if (index < 0)
            throw DataFormatException.UnknownColumn(SourceName, name, ColumnNames);
        return index;
    }

    /// <summary>For example <c>ETTh1.csv: 17420 rows × 7 columns (HUFL, …, OT), timestamps 'date'</c>.</summary>
    public override string ToString() =>
        $"{SourceName}: {RowCount} rows × {ColumnCount} columns ({string.Join(", ", ColumnNames)})"
        + (TimestampColumn is null ? "" : $", timestamps '{TimestampColumn}'");
}
