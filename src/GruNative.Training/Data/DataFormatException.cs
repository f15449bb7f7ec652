using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative.Training.Data;

/// <summary>
/// The data cannot be used as asked: a malformed CSV, a missing or non-numeric cell, an unknown column, or too few rows
/// for the windows and splits. The only exception type the data layer throws for bad data (I/O failures still surface as
/// <see cref="System.IO.IOException"/>, and bad arguments from code as <see cref="ArgumentException"/>).
/// </summary>
/// <remarks>
/// The message always starts with the source (file path or a caller-given name), then the line and the column when the
/// problem is in one place, then what is wrong and, where there is one, what to do about it. Lines are counted in the
/// file, 1-based, so the header is line 1 (a quoted field spanning lines counts every line).
/// </remarks>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="line"/> and <paramref name="column"/> are null when not about one place.</summary>
    public DataFormatException(string source, int? line, string? column, string problem, Exception? innerException = null)
        : base(Compose(source, line, column, problem), innerException)
    {
        SourceName = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file path, or a caller-given name for in-memory data.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line in the file (header = line 1), or null when the problem is not on one line.</summary>
    public int? Line { get; }

    /// <summary>The column at fault, or null when the problem is not about one column.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the source, line and column prefix.</summary>
    public string Problem { get; }

    /// <summary>
    /// "no column 'x'", listing the available columns, and naming a column that differs only in case or surrounding
    /// spaces when there is one.
    /// </summary>
    internal static DataFormatException UnknownColumn(string source, string name, IEnumerable<string> available)
    {
        var names = available.ToArray();
        string? near = names.FirstOrDefault(n => string.Equals(n.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        string hint = near is null ? "" : $" (did you mean '{near}'?)";
        string list = names.Length == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));
        return new DataFormatException(source, null, name, $"no such column{hint}; the columns are: {list}");
    }

    private static string Compose(string source, int? line, string? column, string problem) => (line, column) switch
    {
        (int l, string c) => $"{source}: line {l}, column '{c}': {problem}",
        (int l, null) => $"{source}: line {l}: {problem}",
        (null, string c) => $"{source}: column '{c}': {problem}",
        _ => $"{source}: {problem}",
    };
}
