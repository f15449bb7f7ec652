using System;
using System.Globalization;
using System.IO;
using System.Text;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Streaming;

/// <summary>A line that is not a good observation, or a header without the model's column; the message names the line.</summary>
internal sealed class BadInputException(string message) : Exception(message);

/// <summary>
/// Reads observations of the model's one column from a stream, line by line as they arrive, and standardises each with
/// the weights' scaler (<see cref="Preprocessing.StandardizeInputs{T}(ReadOnlySpan{double}, Span{T})"/>: (x − μ) / σ in
/// double, then rounded to float32, which is what the History holds). Without a header each line is one number; with
/// one, the header names the columns and the model's (OT) is picked by name, the others (a date, other sensors) read
/// past. Numbers are parsed from the line's UTF-8 bytes in the invariant culture: a good line costs no allocation.
/// </summary>
internal sealed class ObservationReader(Preprocessing preprocessing, string source)
{
    private readonly LineReader _lines = new();
    private readonly double[] _raw = new double[1];
    private readonly float[] _standardised = new float[1];
    private string _source = source;
    private int _field;        // the model's column among the line's fields
    private int _fieldCount;   // fields a line must have

    /// <summary>The model's column name (OT).</summary>
    public string Column => preprocessing.InputColumns[0].Name;

    /// <summary>Starts reading <paramref name="input"/>; with <paramref name="header"/>, reads its header line first.</summary>
    /// <exception cref="BadInputException">The header is missing or does not name the model's column once.</exception>
    public void Start(Stream input, string source, bool header)
    {
        _lines.Reset(input);
        _source = source;
        (_field, _fieldCount) = (0, 1);
        if (header)
            ReadHeader();
    }

    /// <summary>The last observation <see cref="TryRead"/> returned, as the line gave it (the data's units).</summary>
    public double LastValue => _raw[0];

    /// <summary>
    /// The next observation, standardised, or false at the end of the input. Blank lines are passed over.
    /// </summary>
    /// <exception cref="BadInputException">The line is not one finite number in the model's range (the message says which line and why).</exception>
    public bool TryRead(out float standardised)
    {
        while (true)
        {
            LineKind kind = _lines.Read(out ReadOnlySpan<byte> line);
            if (kind == LineKind.End)
            {
                standardised = 0;
                return false;
            }
            if (kind == LineKind.TooLong)
                throw Bad($"longer than {_lines.Capacity} bytes");
            if (line.Trim(" \t"u8).IsEmpty)
                continue;
            standardised = Parse(line);
            return true;
        }
    }

    private float Parse(ReadOnlySpan<byte> line)
    {
        int fields = line.Count((byte)',') + 1;
        if (fields != _fieldCount)
            throw Bad($"expected {_fieldCount} comma-separated value(s), found {fields}");
        ReadOnlySpan<byte> cell = Field(line, _field).Trim(" \t"u8);
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Bad($"{Quote(cell)} is not a number");
        if (!double.IsFinite(value))
            throw Bad($"{Quote(cell)} is not finite");
        ColumnScaler scaler = preprocessing.InputColumns[0];
        // A log or Box–Cox column cannot take every number (the runtime would throw); this model has neither, but the
        // check keeps the program right for any weights file it is rebuilt with.
        if (!scaler.IsInDomain(value))
            throw Bad($"{Quote(cell)} is outside the model's transform of {Column}");
        _raw[0] = value;
        preprocessing.StandardizeInputs<float>(_raw, _standardised);
        if (!float.IsFinite(_standardised[0]))
            throw Bad($"{Quote(cell)} is beyond float32 range once standardised");
        return _standardised[0];
    }

    private void ReadHeader()
    {
        LineKind kind = _lines.Read(out ReadOnlySpan<byte> line);
        if (kind != LineKind.Line)
            throw new BadInputException($"{_source} has no header line naming the column {Column}");
        string[] names = Encoding.UTF8.GetString(line).Split(',');
        int found = -1;
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Trim() != Column)
                continue;
            if (found >= 0)
                throw new BadInputException($"{_source} line 1: the header names the column {Column} twice");
            found = i;
        }
        if (found < 0)
            throw new BadInputException($"{_source} line 1: the header ({Shorten(string.Join(",", names))}) has no column {Column}, the model's input");
        (_field, _fieldCount) = (found, names.Length);
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int field)
    {
        for (int i = 0; i < field; i++)
            line = line[(line.IndexOf((byte)',') + 1)..];
        int comma = line.IndexOf((byte)',');
        return comma < 0 ? line : line[..comma];
    }

    // The bad-input path: these allocate, once, just before the program stops.
    private BadInputException Bad(string problem) => new($"{_source} line {_lines.LineNumber}: {problem}");

    private static string Quote(ReadOnlySpan<byte> text) => $"'{Shorten(Encoding.UTF8.GetString(text[..Math.Min(text.Length, 41)]))}'";

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
