using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace GruNative;

/// <summary>
/// Reads and writes a <see cref="ModelWeights"/> as GruNative's JSON weights file — the text twin of the
/// safetensors file, with the same tensor names, shapes and metadata, which the source generator bakes into a
/// model at compile time (see the README for the schema). Numbers are written in the shortest form that
/// round-trips and read with exact rounding, so a JSON file and a safetensors file of the same model hold
/// bit-identical weights.
/// </summary>
public static class JsonWeights
{
    private const int ValuesPerLine = 8;

    /// <summary>Reads a model from JSON text.</summary>
    /// <exception cref="WeightsFormatException">The text is not a valid GruNative model; the message gives line and column.</exception>
    public static ModelWeights Parse(string json, string sourceName = "<json>")
    {
        var (tensors, metadata) = ParseTensors(json, sourceName);
        return ModelTensors.ToModel(tensors, metadata, sourceName);
    }

    /// <summary>The tensors and metadata of a JSON weights file (any model family).</summary>
    /// <exception cref="WeightsFormatException">The text is not a valid weights document; the message gives line and column.</exception>
    internal static (Dictionary<string, (long[] Shape, float[] Values)> Tensors, Dictionary<string, string> Metadata) ParseTensors(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var document = JsonWeightsDocument.Parse(json, out var error);
        if (document is null)
            throw new WeightsFormatException(sourceName, error!.Tensor, $"line {error.Line}, column {error.Column}: {error.Message}");
        var tensors = new Dictionary<string, (long[] Shape, float[] Values)>(StringComparer.Ordinal);
        foreach (var tensor in document.Tensors)
            tensors.Add(tensor.Name, (tensor.Shape, tensor.Values));
        return (tensors, document.Metadata);
    }

    /// <summary>Reads a model from a JSON weights file.</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid GruNative model.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelWeights Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>The model as JSON text: metadata first, then every tensor in canonical order, eight numbers per line.</summary>
    public static string Format(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Format(ModelTensors.FromModel(weights), WeightsMetadata.Encode(weights));
    }

    /// <summary>Named float32 tensors and a metadata map as JSON weights text (any model family).</summary>
    internal static string Format(IEnumerable<(string Name, long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var json = new StringBuilder();
        json.Append("{\n  \"__metadata__\": {");
        bool first = true;
        foreach (var (key, value) in metadata)
        {
            json.Append(first ? "\n    " : ",\n    ");
            AppendString(json, key);
            json.Append(": ");
            AppendString(json, value);
            first = false;
        }
        json.Append("\n  }");

        foreach (var (name, shape, values) in tensors)
        {
            json.Append(",\n  ");
            AppendString(json, name);
            json.Append(": {\"dtype\": \"F32\", \"shape\": [").Append(string.Join(", ", shape)).Append("], \"data\": [");
            for (int i = 0; i < values.Length; i++)
            {
                json.Append(i == 0 ? "\n    " : i % ValuesPerLine == 0 ? ",\n    " : ", ");
                // "R" is the shortest text that parses back to the same float on .NET Core 3.0 and later.
                json.Append(values[i].ToString("R", CultureInfo.InvariantCulture));
            }
            json.Append("\n  ]}");
        }
        return json.Append("\n}\n").ToString();
    }

    /// <summary>Saves the model as a JSON weights file, atomically and durably (<see cref="AtomicFile"/>: temporary file, sync, rename, folder sync).</summary>
    public static void Save(ModelWeights weights, string path) => SaveText(Format(weights), path);

    /// <summary>Writes weights text as UTF-8 without a byte-order mark, atomically and durably (<see cref="AtomicFile"/>).</summary>
    internal static void SaveText(string text, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        });
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20)
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }
}
