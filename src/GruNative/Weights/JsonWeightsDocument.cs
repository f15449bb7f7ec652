using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

// The source generator links this file and targets netstandard2.0, which has no span-based parsing overloads.
#pragma warning disable CA1846

namespace GruNative;

/// <summary>
/// GruNative's text weights file: the safetensors header's structure with the numbers inline, so the source
/// generator (which Roslyn hands text, not bytes) can bake the weights. One JSON object whose optional
/// <c>__metadata__</c> entry maps strings to strings and whose other entries are tensors:
/// <code>
/// { "__metadata__": { "grunative.cell": "gru", ... },
///   "rnn.weight_ih_l0": { "dtype": "F32", "shape": [96, 1], "data": [0.0123, -0.25, ...] }, ... }
/// </code>
/// <c>data</c> is flat, in C (row-major) order. Numbers are converted exactly (<see cref="ExactFloatParser"/>).
/// </summary>
/// <remarks>
/// This file is linked into the source generator, so it compiles for netstandard2.0 and reports errors as values
/// (with line and column) instead of throwing. It accepts strict JSON only (no comments, no trailing commas,
/// no duplicate keys) and, because it reads a fixed schema, never recurses into arbitrary nesting.
/// </remarks>
internal sealed class JsonWeightsDocument
{
    private JsonWeightsDocument(Dictionary<string, string> metadata, List<JsonTensor> tensors)
    {
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The <c>__metadata__</c> map (empty when absent).</summary>
    public Dictionary<string, string> Metadata { get; }

    /// <summary>The tensors, in file order.</summary>
    public List<JsonTensor> Tensors { get; }

    /// <summary>Parses <paramref name="text"/>; returns null and sets <paramref name="error"/> when it is not a valid weights document.</summary>
    public static JsonWeightsDocument? Parse(string text, out JsonWeightsError? error)
    {
        var parser = new Parser(text);
        try
        {
            var document = parser.ParseDocument();
            error = null;
            return document;
        }
        catch (ParseException ex)
        {
            error = ex.Error;
            return null;
        }
    }

    /// <summary>Parses a JSON array of strings (a metadata value such as <c>["HUFL","OT"]</c>).</summary>
    public static List<string>? ParseStringArray(string text, out string? error) =>
        ParseArray(text, parser => parser.ReadStringElement(), out error);

    /// <summary>Parses a JSON array of numbers (a metadata value such as <c>[1.5,-0.25]</c>) as doubles.</summary>
    public static List<double>? ParseNumberArray(string text, out string? error) =>
        ParseArray(text, parser => parser.ReadNumberElement(), out error);

    private static List<T>? ParseArray<T>(string text, Func<Parser, T> readElement, out string? error)
    {
        try
        {
            var values = new Parser(text).ParseArray(readElement);
            error = null;
            return values;
        }
        catch (ParseException ex)
        {
            error = ex.Error.Message;
            return null;
        }
    }

    private sealed class ParseException : Exception
    {
        public ParseException(JsonWeightsError error) : base(error.Message) => Error = error;

        public JsonWeightsError Error { get; }
    }

    private sealed class Parser
    {
        private readonly string _text;
        private int _position, _line = 1, _lineStart;
        private readonly List<int> _lineStarts = new() { 0 };

        public Parser(string text) => _text = text;

        public JsonWeightsDocument ParseDocument()
        {
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<JsonTensor>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            bool sawMetadata = false;

            SkipWhitespace();
            if (_position < _text.Length && _text[_position] == '\uFEFF')
            {
                _position++;
                SkipWhitespace();
            }
            Expect('{', "a weights file is one JSON object");
            if (!TryConsume('}'))
            {
                do
                {
                    SkipWhitespace();
                    int line = _line, column = Column, position = _position;
                    string name = ReadString("a tensor name or \"__metadata__\"");
                    Expect(':', "':' after a key");
                    if (name == "__metadata__")
                    {
                        if (sawMetadata)
                            throw Fail(line, column, "\"__metadata__\" appears twice", name);
                        sawMetadata = true;
                        ReadMetadata(metadata);
                    }
                    else
                    {
                        if (!names.Add(name))
                            throw Fail(line, column, "the tensor appears twice", name);
                        tensors.Add(ReadTensor(name, line, column, position));
                    }
                }
                while (TryConsume(','));
                Expect('}', "',' or '}' after an entry");
            }
            SkipWhitespace();
            if (_position != _text.Length)
                throw Fail(_line, Column, "content after the JSON object", null);
            return new JsonWeightsDocument(metadata, tensors);
        }

        public List<T> ParseArray<T>(Func<Parser, T> readElement)
        {
            var values = new List<T>();
            Expect('[', "a JSON array");
            if (!TryConsume(']'))
            {
                do
                {
                    values.Add(readElement(this));
                }
                while (TryConsume(','));
                Expect(']', "',' or ']' in the array");
            }
            SkipWhitespace();
            if (_position != _text.Length)
                throw Fail(_line, Column, "content after the JSON array", null);
            return values;
        }

        public string ReadStringElement() => ReadString("a string");

        public double ReadNumberElement()
        {
            SkipWhitespace();
            int start = _position, length = ScanNumber();
            // TryParse: .NET Framework hosts (the generator in Visual Studio) throw on overflow instead of returning ∞.
            if (!double.TryParse(_text.Substring(start, length), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || double.IsInfinity(value))
                throw Fail(_line, Column, $"{_text.Substring(start, length)} lies outside the range of a double", null, nonFinite: true);
            return value;
        }

        private void ReadMetadata(Dictionary<string, string> metadata)
        {
            Expect('{', "\"__metadata__\" must be an object mapping strings to strings");
            if (TryConsume('}'))
                return;
            do
            {
                SkipWhitespace();
                int line = _line, column = Column;
                string key = ReadString("a metadata key");
                Expect(':', "':' after a key");
                string value = ReadString("a string value (metadata values are strings)");
                if (metadata.ContainsKey(key))
                    throw Fail(line, column, "the metadata key appears twice", key);
                metadata.Add(key, value);
            }
            while (TryConsume(','));
            Expect('}', "',' or '}' in \"__metadata__\"");
        }

        private JsonTensor ReadTensor(string name, int line, int column, int position)
        {
            Expect('{', "a tensor entry is an object with dtype, shape and data");
            string? dtype = null;
            long[]? shape = null;
            float[]? data = null;
            int dataLine = line, dataColumn = column;
            if (!TryConsume('}'))
            {
                do
                {
                    SkipWhitespace();
                    int fieldLine = _line, fieldColumn = Column;
                    string field = ReadString("a field name (dtype, shape or data)");
                    Expect(':', "':' after a key");
                    if (field == "dtype" && dtype is null)
                    {
                        dtype = ReadString("a dtype string");
                        if (dtype != "F32")
                            throw Fail(fieldLine, fieldColumn, $"dtype \"{dtype}\" is not supported; GruNative weights are F32", name);
                    }
                    else if (field == "shape" && shape is null)
                    {
                        shape = ReadShape(name);
                    }
                    else if (field == "data" && data is null)
                    {
                        SkipWhitespace();
                        dataLine = _line;
                        dataColumn = Column;
                        data = ReadData(name);
                    }
                    else
                    {
                        throw Fail(fieldLine, fieldColumn,
                            field is "dtype" or "shape" or "data" ? $"field \"{field}\" appears twice" : $"unknown field \"{field}\" (expected dtype, shape, data)", name);
                    }
                }
                while (TryConsume(','));
                Expect('}', "',' or '}' in a tensor entry");
            }
            if (dtype is null || shape is null || data is null)
                throw Fail(line, column, "the tensor entry lacks " + (dtype is null ? "dtype" : shape is null ? "shape" : "data"), name);

            long elements = 1;
            foreach (long dim in shape)
            {
                elements *= dim;
                if (elements > int.MaxValue)
                    throw Fail(line, column, "the shape holds more than 2^31 elements", name);
            }
            if (elements != data.Length)
                throw Fail(dataLine, dataColumn, $"data holds {data.Length} value(s) but shape [{string.Join(", ", shape)}] needs {elements}", name);
            return new JsonTensor(name, shape, data, line, column, position);
        }

        private long[] ReadShape(string tensor)
        {
            Expect('[', "shape must be an array of non-negative integers");
            var dims = new List<long>();
            if (!TryConsume(']'))
            {
                do
                {
                    SkipWhitespace();
                    int line = _line, column = Column;
                    int start = _position, length = ScanNumber();
                    if (!long.TryParse(_text.Substring(start, length), NumberStyles.None, CultureInfo.InvariantCulture, out long dim) || dim > int.MaxValue)
                        throw Fail(line, column, $"shape holds \"{_text.Substring(start, length)}\", not a non-negative integer", tensor);
                    dims.Add(dim);
                }
                while (TryConsume(','));
                Expect(']', "',' or ']' in shape");
            }
            return dims.ToArray();
        }

        private float[] ReadData(string tensor)
        {
            Expect('[', "data must be a flat array of numbers");
            var values = new List<float>();
            if (!TryConsume(']'))
            {
                do
                {
                    SkipWhitespace();
                    int line = _line, column = Column;
                    int start = _position, length = ScanNumber();
                    if (!ExactFloatParser.TryParse(_text, start, length, out float value))
                        throw Fail(line, column, $"{_text.Substring(start, length)} lies outside float32's range (element {values.Count})", tensor, nonFinite: true);
                    values.Add(value);
                }
                while (TryConsume(','));
                Expect(']', "',' or ']' in data (data is a flat array of numbers)");
            }
            return values.ToArray();
        }

        // JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        private int ScanNumber()
        {
            int start = _position;
            int line = _line, column = Column;
            if (Peek() == '-')
                _position++;
            if (Peek() == '0')
                _position++;
            else if (!ScanDigits())
                throw Fail(line, column, "expected a number" + (Peek() == '\0' ? "" : $", found '{Peek()}'"), null);
            if (Peek() == '.')
            {
                _position++;
                if (!ScanDigits())
                    throw Fail(_line, Column, "expected digits after the decimal point", null);
            }
            if (Peek() is 'e' or 'E')
            {
                _position++;
                if (Peek() is '+' or '-')
                    _position++;
                if (!ScanDigits())
                    throw Fail(_line, Column, "expected digits in the exponent", null);
            }
            return _position - start;
        }

        private bool ScanDigits()
        {
            int start = _position;
            while (Peek() >= '0' && Peek() <= '9')
                _position++;
            return _position > start;
        }

        private string ReadString(string what)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw Fail(_line, Column, $"expected {what}" + (Peek() == '\0' ? ", found the end of the file" : $", found '{Peek()}'"), null);
            _position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (_position >= _text.Length)
                    throw Fail(_line, Column, "unterminated string", null);
                char c = _text[_position++];
                if (c == '"')
                {
                    if (HasLoneSurrogate(builder))
                        throw Fail(_line, Column - 1, "the string holds an unpaired surrogate, which UTF-8 cannot encode", null);
                    return builder.ToString();
                }
                if (c < 0x20)
                    throw Fail(_line, Column - 1, "control character in a string (escape it)", null);
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }
                char escape = Peek();
                _position++;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                            throw Fail(_line, Column, "\\u must be followed by four hexadecimal digits", null);
                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Fail(_line, Column - 1, "invalid escape sequence in a string", null);
                }
            }
        }

        private static bool HasLoneSurrogate(StringBuilder value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    i++;
                else if (char.IsSurrogate(value[i]))
                    return true;
            }
            return false;
        }

        private void Expect(char c, string what)
        {
            if (!TryConsume(c))
                throw Fail(_line, Column, $"expected {what}" + (Peek() == '\0' ? ", found the end of the file" : $", found '{Peek()}'"), null);
        }

        private bool TryConsume(char c)
        {
            SkipWhitespace();
            if (Peek() != c)
                return false;
            _position++;
            return true;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private int Column => _position - _lineStart + 1;

        private void SkipWhitespace()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _position + 1;
                    _lineStarts.Add(_lineStart);
                }
                else if (c != ' ' && c != '\t' && c != '\r')
                {
                    return;
                }
                _position++;
            }
        }

        // Every (line, column) passed here was captured on the current line or an earlier one; the parser keeps the
        // start offset of each line it has seen, so the character offset follows exactly.
        private ParseException Fail(int line, int column, string message, string? tensor, bool nonFinite = false) =>
            new(new JsonWeightsError(message, tensor, line, column, nonFinite, _lineStarts[line - 1] + column - 1));
    }
}

/// <summary>One tensor of a <see cref="JsonWeightsDocument"/>, with where it starts in the file.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Shape">Its dimensions.</param>
/// <param name="Values">Its elements, row-major.</param>
/// <param name="Line">1-based line of the tensor's name.</param>
/// <param name="Column">1-based column of the tensor's name.</param>
/// <param name="Position">0-based character offset of the tensor's name (what editors use; they may count line breaks differently).</param>
internal sealed record JsonTensor(string Name, long[] Shape, float[] Values, int Line, int Column, int Position);

/// <summary>Why a weights file could not be parsed, and where (1-based line and column).</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Tensor">The tensor (or metadata key) at fault, or null when the problem is not in one.</param>
/// <param name="Line">1-based line of the problem.</param>
/// <param name="Column">1-based column of the problem.</param>
/// <param name="Position">0-based character offset of the problem.</param>
/// <param name="NonFinite">True when the problem is a number float32 cannot hold (it would be infinite).</param>
internal sealed record JsonWeightsError(string Message, string? Tensor, int Line, int Column, bool NonFinite, int Position)
{
    public override string ToString() => $"({Line},{Column}): " + (Tensor is null ? Message : $"'{Tensor}': {Message}");
}
