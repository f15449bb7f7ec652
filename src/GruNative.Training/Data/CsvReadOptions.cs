using System.Collections.Generic;

namespace GruNative.Training.Data;

/// <summary>How <see cref="CsvTableReader"/> reads a CSV file with a header line.</summary>
public sealed record CsvReadOptions
{
    /// <summary>
    /// The column holding each row's timestamp, kept as text (not parsed); null when the file has none. A date column
    /// that is not named here is read as a number and fails on its first cell.
    /// </summary>
    public string? DateColumn { get; init; }

    /// <summary>
    /// The numeric columns to read, in the order the table will hold them; null (the default) reads every column but the
    /// date column, in file order. Columns not listed are not parsed at all.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>What to do with empty, NaN or infinite cells (default: an error).</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Error;

    /// <summary>The field separator (default ','). Quotes are '"', doubled inside a quoted field.</summary>
    public char Delimiter { get; init; } = ',';
}
