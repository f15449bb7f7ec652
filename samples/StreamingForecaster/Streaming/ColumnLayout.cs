using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace StreamingForecaster.Streaming;

/// <summary>A header that does not name the model's input columns, or names one twice.</summary>
internal sealed class HeaderException(string message) : Exception(message);

/// <summary>
/// Which CSV field of a line feeds which model input. Without a header the fields are the inputs, in the model's
/// order; with one, each input is the column of its name (the names the model was trained with) and the other
/// columns — a timestamp, say — are read past.
/// </summary>
internal sealed class ColumnLayout
{
    private readonly int[] _inputOfField;

    private ColumnLayout(int[] inputOfField, int inputCount)
    {
        _inputOfField = inputOfField;
        InputCount = inputCount;
    }

    /// <summary>Fields per line.</summary>
    public int FieldCount => _inputOfField.Length;

    /// <summary>Values per observation: the model's input size.</summary>
    public int InputCount { get; }

    /// <summary>The model input that field <paramref name="field"/> (from 0) feeds, or −1 when it is read past.</summary>
    public int InputOfField(int field) => _inputOfField[field];

    /// <summary>Lines of exactly <paramref name="inputCount"/> fields, in the model's input order.</summary>
    public static ColumnLayout Positional(int inputCount) => new(Enumerable.Range(0, inputCount).ToArray(), inputCount);

    /// <summary>The layout a header line gives: each of <paramref name="inputNames"/> must be a column, exactly once.</summary>
    /// <exception cref="HeaderException">An input column is missing or repeated; the message names <paramref name="source"/>.</exception>
    public static ColumnLayout FromHeader(ReadOnlySpan<byte> header, IReadOnlyList<string> inputNames, string source)
    {
        if (header.StartsWith("\uFEFF"u8))
            header = header[3..];
        string[] columns = Encoding.UTF8.GetString(header).Split(',').Select(Unquote).ToArray();
        var inputOfField = new int[columns.Length];
        for (int field = 0; field < columns.Length; field++)
            inputOfField[field] = IndexOf(inputNames, columns[field]);

        for (int input = 0; input < inputNames.Count; input++)
        {
            int count = inputOfField.Count(i => i == input);
            if (count != 1)
            {
                throw new HeaderException(
                    $"{source} line 1: the header {(count == 0 ? "lacks" : "repeats")} the model's input column '{inputNames[input]}' "
                    + $"(the model reads {string.Join(", ", inputNames)}; the header has {string.Join(", ", columns)})");
            }
        }
        return new ColumnLayout(inputOfField, inputNames.Count);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    // A header cell as the trainer's CSV writer quotes it: "name", with "" for a quote inside.
    private static string Unquote(string cell)
    {
        cell = cell.Trim();
        return cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"' ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;
    }
}
