using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GruNative;

/// <summary>
/// Parses and validates a safetensors JSON header with the rules of the reference implementation
/// (huggingface/safetensors, <c>Metadata::validate</c>): tensors sorted by offsets must start at 0, follow one
/// another with no gap or overlap, and each span exactly shape × dtype-size bytes; the last offset is the end of
/// the data section. On top of those rules it is stricter where leniency would let two readers disagree:
/// duplicate keys, unknown fields and anything but whitespace after the JSON object are errors.
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>The reference implementation's limit on the header length (100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>One tensor entry of the header.</summary>
    public readonly record struct Entry(string Name, string DType, long[] Shape, long Begin, long End);

    /// <summary>Parses <paramref name="json"/> and returns the entries in offset order, the metadata and the data section's length.</summary>
    public static (List<Entry> Tensors, Dictionary<string, string> Metadata, long DataLength) Parse(ReadOnlySpan<byte> json, string source)
    {
        if (!Utf8.IsValid(json))
            throw new WeightsFormatException(source, null, "the header is not valid UTF-8 (InvalidHeader)");
        if (json.IsEmpty || json[0] != (byte)'{')
            throw new WeightsFormatException(source, null, "the header does not start with '{' (InvalidHeaderStart)");

        List<Entry> tensors;
        Dictionary<string, string> metadata;
        try
        {
            (tensors, metadata) = ReadJson(json, source);
        }
        catch (JsonException ex)
        {
            throw new WeightsFormatException(source, null, $"the header is not valid JSON (InvalidHeaderDeserialization): {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new WeightsFormatException(source, null, $"the header is not valid JSON (InvalidHeaderDeserialization): {ex.Message}", ex);
        }

        return (tensors, metadata, Validate(tensors, source));
    }

    /// <summary>Checks offsets and sizes in offset order; returns the end of the last tensor.</summary>
    private static long Validate(List<Entry> tensors, string source)
    {
        tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long start = 0;
        foreach (var tensor in tensors)
        {
            if (tensor.Begin != start || tensor.End < tensor.Begin)
                throw new WeightsFormatException(source, tensor.Name,
                    $"data_offsets [{tensor.Begin}, {tensor.End}] do not start where the previous tensor ends ({start}): gaps, overlaps and reversed offsets are invalid (InvalidOffset)");
            start = tensor.End;
            long bytes = ByteCount(tensor, source);
            if (tensor.End - tensor.Begin != bytes)
                throw new WeightsFormatException(source, tensor.Name,
                    $"data_offsets span {tensor.End - tensor.Begin} byte(s) but shape {PyTorchTensors.Format(tensor.Shape)} of {tensor.DType} needs {bytes} (TensorInvalidInfo)");
        }
        return start;
    }

    private static long ByteCount(Entry tensor, string source)
    {
        try
        {
            long elements = 1;
            foreach (long dim in tensor.Shape)
                elements = checked(elements * dim);
            return checked(elements * SafeTensorsFile.DTypeSize(tensor.DType));
        }
        catch (OverflowException)
        {
            throw new WeightsFormatException(source, tensor.Name, $"shape {PyTorchTensors.Format(tensor.Shape)} overflows a 64-bit byte count (ValidationOverflow)");
        }
    }

    private static (List<Entry>, Dictionary<string, string>) ReadJson(ReadOnlySpan<byte> json, string source)
    {
        // Depth 3 is the deepest a valid header goes (root → tensor → shape); anything deeper fails fast.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 3, CommentHandling = JsonCommentHandling.Disallow });
        var tensors = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool sawMetadata = false;

        Expect(ref reader, JsonTokenType.StartObject, source, null, "the header must be a JSON object");
        while (Next(ref reader, source) == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "__metadata__")
            {
                if (sawMetadata)
                    throw new WeightsFormatException(source, name, "appears twice in the header");
                sawMetadata = true;
                ReadMetadata(ref reader, metadata, source);
                continue;
            }
            if (!names.Add(name))
                throw new WeightsFormatException(source, name, "tensor appears twice in the header");
            tensors.Add(ReadTensor(ref reader, name, source));
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new WeightsFormatException(source, null, $"unexpected {reader.TokenType} in the header (InvalidHeaderDeserialization)");
        if (reader.Read())
            throw new WeightsFormatException(source, null, "the header has content after its JSON object (InvalidHeaderDeserialization)");
        return (tensors, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new WeightsFormatException(source, "__metadata__", "must be an object mapping strings to strings");
        while (Next(ref reader, source) == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            Expect(ref reader, JsonTokenType.String, source, "__metadata__", $"the value of '{key}' must be a string");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw new WeightsFormatException(source, "__metadata__", $"key '{key}' appears twice");
        }
    }

    private static Entry ReadTensor(ref Utf8JsonReader reader, string name, string source)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new WeightsFormatException(source, name, "tensor entry must be an object with dtype, shape and data_offsets");
        string? dtype = null;
        long[]? shape = null, offsets = null;
        while (Next(ref reader, source) == JsonTokenType.PropertyName)
        {
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype" when dtype is null:
                    Expect(ref reader, JsonTokenType.String, source, name, "dtype must be a string");
                    dtype = reader.GetString()!;
                    if (SafeTensorsFile.DTypeSize(dtype) == 0)
                        throw new WeightsFormatException(source, name, $"unknown dtype '{dtype}'");
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref reader, name, field, source);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, name, field, source);
                    if (offsets.Length != 2)
                        throw new WeightsFormatException(source, name, $"data_offsets must hold exactly two integers, not {offsets.Length}");
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new WeightsFormatException(source, name, $"field '{field}' appears twice");
                default:
                    throw new WeightsFormatException(source, name, $"unknown field '{field}' (expected dtype, shape, data_offsets)");
            }
        }
        if (dtype is null || shape is null || offsets is null)
            throw new WeightsFormatException(source, name, "tensor entry lacks " + (dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets"));
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string field, string source)
    {
        Expect(ref reader, JsonTokenType.StartArray, source, name, $"{field} must be an array of non-negative integers");
        var values = new List<long>();
        while (Next(ref reader, source) == JsonTokenType.Number)
        {
            // An integer is an integer token: serde_json reads -0, 1.0 and 1e2 as floats, which the reference's u64/usize
            // fields refuse, so only plain digits pass (Utf8JsonReader alone would take -0 as 0). Offsets and dimensions
            // beyond 2^63 cannot describe a real file; treat them like overflow.
            if (!IsDigits(reader.ValueSpan) || !reader.TryGetInt64(out long value))
                throw new WeightsFormatException(source, name, $"{field} holds '{Encoding.UTF8.GetString(reader.ValueSpan)}', not an integer in [0, 2^63)");
            values.Add(value);
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new WeightsFormatException(source, name, $"{field} must be an array of non-negative integers");
        return values.ToArray();
    }

    private static bool IsDigits(ReadOnlySpan<byte> token)
    {
        foreach (byte b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return false;
        }
        return !token.IsEmpty;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, string source)
    {
        if (!reader.Read())
            throw new WeightsFormatException(source, null, "the JSON header ends early (InvalidHeaderDeserialization)");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string source, string? tensor, string problem)
    {
        if (Next(ref reader, source) != token)
            throw new WeightsFormatException(source, tensor, problem);
    }
}
