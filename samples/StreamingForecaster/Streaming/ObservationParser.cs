using System;
using System.Globalization;
using System.Text;
using GruNative;

namespace StreamingForecaster.Streaming;

/// <summary>What is wrong with a line, if anything.</summary>
internal enum LineProblem
{
    None,
    FieldCount,
    NotANumber,
    NotFinite,
    OutOfRange,
    OutsideTransform,
}

/// <summary>The outcome of parsing a line: <see cref="LineProblem.None"/>, or the problem and the field (from 0) it is in.</summary>
internal readonly record struct LineCheck(LineProblem Problem, int Field = 0, int FieldsFound = 0)
{
    public bool IsGood => Problem == LineProblem.None;
}

/// <summary>
/// Parses one CSV line of numbers — the invariant culture's: '.' for the decimal point, an optional exponent, no
/// thousands separators — straight from its UTF-8 bytes, and standardises them into the model's inputs with
/// <see cref="Preprocessing.StandardizeInputs{T}(ReadOnlySpan{double}, Span{T})"/>, so a line costs no string and no
/// allocation.
/// </summary>
internal static class ObservationParser
{
    /// <summary>
    /// Reads the fields of <paramref name="line"/> that feed the model into <paramref name="observation"/> (one raw value
    /// per input) and standardises them into <paramref name="inputs"/> with the model's preprocessing ((x − μ) / σ, in
    /// double, then rounded to float32). A gateway's line holds one observation per sensor (the layout's inputs are a
    /// multiple of the model's), each standardised on its own. Every field must be present and every used one a finite
    /// number whose standardised value is a finite float32; the first problem, in field order, is reported. On a bad line
    /// <paramref name="observation"/> and <paramref name="inputs"/> may be partly written and must not be used.
    /// </summary>
    public static LineCheck Parse(
        ReadOnlySpan<byte> line, ColumnLayout layout, Preprocessing preprocessing, Span<double> observation, Span<float> inputs)
    {
        int fields = line.Count((byte)',') + 1;
        if (fields != layout.FieldCount)
            return new LineCheck(LineProblem.FieldCount, FieldsFound: fields);
        LineCheck read = ReadFields(line, layout, observation);
        // Fields after a problem were not read (their places hold an earlier line's values, or nothing yet): only those
        // before it are checked, one by one, so a bad line is never standardised as a whole.
        int readFields = read.IsGood ? fields : read.Field;
        for (int field = 0; field < readFields; field++)
        {
            int input = layout.InputOfField(field);
            if (input < 0)
                continue;
            var column = preprocessing.InputColumns[input % preprocessing.InputColumns.Count];
            // A log or Box–Cox column cannot take every number (the runtime would throw): that is a bad line too.
            if (!column.IsInDomain(observation[input]))
                return new LineCheck(LineProblem.OutsideTransform, field);
            if (!float.IsFinite((float)column.Standardize(observation[input])))
                return new LineCheck(LineProblem.OutOfRange, field);
        }
        if (read.IsGood)
        {
            int size = preprocessing.InputColumns.Count;
            for (int start = 0; start < layout.InputCount; start += size)
                preprocessing.StandardizeInputs(observation.Slice(start, size), inputs.Slice(start, size));
        }
        return read;
    }

    /// <summary>True for a line of nothing but spaces and tabs; such lines are not observations and are passed over.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    /// <summary>Parses each field that feeds the model into its input's place in <paramref name="observation"/>, up to the first that is not a finite number.</summary>
    private static LineCheck ReadFields(ReadOnlySpan<byte> line, ColumnLayout layout, Span<double> observation)
    {
        for (int field = 0; ; field++)
        {
            int comma = line.IndexOf((byte)',');
            int input = layout.InputOfField(field);
            if (input >= 0)
            {
                ReadOnlySpan<byte> cell = comma < 0 ? line : line[..comma];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    return new LineCheck(LineProblem.NotANumber, field);
                if (!double.IsFinite(value))
                    return new LineCheck(LineProblem.NotFinite, field);
                observation[input] = value;
            }
            if (comma < 0)
                return default;
            line = line[(comma + 1)..];
        }
    }

    /// <summary>The problem in words, quoting the offending field (the bad-input path: this allocates).</summary>
    public static string Describe(LineCheck check, ReadOnlySpan<byte> line, ColumnLayout layout) => check.Problem switch
    {
        LineProblem.FieldCount => $"expected {layout.FieldCount} comma-separated values, found {check.FieldsFound}",
        LineProblem.NotANumber => $"value {check.Field + 1} ({Quote(FieldText(line, check.Field))}) is not a number",
        LineProblem.NotFinite => $"value {check.Field + 1} ({Quote(FieldText(line, check.Field))}) is not finite",
        LineProblem.OutOfRange => $"value {check.Field + 1} ({Quote(FieldText(line, check.Field))}) is beyond float32 range once standardised",
        LineProblem.OutsideTransform => $"value {check.Field + 1} ({Quote(FieldText(line, check.Field))}) is outside the model's log or Box–Cox transform of that column (log needs values > 0, Box–Cox values ≥ 0)",
        _ => "no problem",
    };

    private static ReadOnlySpan<byte> FieldText(ReadOnlySpan<byte> line, int field)
    {
        for (int i = 0; i < field; i++)
            line = line[(line.IndexOf((byte)',') + 1)..];
        int comma = line.IndexOf((byte)',');
        return comma < 0 ? line : line[..comma];
    }

    private static string Quote(ReadOnlySpan<byte> text)
    {
        const int Shown = 40;
        string shown = Encoding.UTF8.GetString(text.Length > Shown ? text[..Shown] : text);
        return $"'{shown}{(text.Length > Shown ? "…" : "")}'";
    }
}
