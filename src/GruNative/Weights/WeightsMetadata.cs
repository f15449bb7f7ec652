using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GruNative;

/// <summary>
/// GruNative's keys in a weights file's string-to-string metadata map (safetensors <c>__metadata__</c>, and the
/// same map in the JSON weights file). Every key starts with <see cref="KeyPrefix"/>; other keys are kept
/// verbatim. An unknown key with the prefix is an error, because a newer writer may have meant something this
/// reader would silently get wrong. Lists are JSON arrays inside the string value; numbers use the invariant
/// culture and round-trip exactly.
/// </summary>
public static class WeightsMetadata
{
    /// <summary>Prefix of every GruNative key: <c>grunative.</c></summary>
    public const string KeyPrefix = "grunative.";

    /// <summary><c>grunative.format_version</c>: "1".</summary>
    public const string FormatVersion = KeyPrefix + "format_version";

    /// <summary><c>grunative.cell</c>: "gru" or "lstm".</summary>
    public const string Cell = KeyPrefix + "cell";

    /// <summary><c>grunative.input_size</c>: I.</summary>
    public const string InputSize = KeyPrefix + "input_size";

    /// <summary><c>grunative.hidden_size</c>: H.</summary>
    public const string HiddenSize = KeyPrefix + "hidden_size";

    /// <summary><c>grunative.num_layers</c>: L.</summary>
    public const string Layers = KeyPrefix + "num_layers";

    /// <summary><c>grunative.output_size</c>: O.</summary>
    public const string OutputSize = KeyPrefix + "output_size";

    /// <summary><c>grunative.input_columns</c>: JSON array of the input columns' names, in input order.</summary>
    public const string InputColumns = KeyPrefix + "input_columns";

    /// <summary><c>grunative.input_mean</c>: JSON array of the input columns' means.</summary>
    public const string InputMean = KeyPrefix + "input_mean";

    /// <summary><c>grunative.input_std</c>: JSON array of the input columns' standard deviations.</summary>
    public const string InputStd = KeyPrefix + "input_std";

    /// <summary><c>grunative.target_columns</c>: JSON array of the forecast columns' names.</summary>
    public const string TargetColumns = KeyPrefix + "target_columns";

    /// <summary><c>grunative.target_mean</c>: JSON array of the forecast columns' means.</summary>
    public const string TargetMean = KeyPrefix + "target_mean";

    /// <summary><c>grunative.target_std</c>: JSON array of the forecast columns' standard deviations.</summary>
    public const string TargetStd = KeyPrefix + "target_std";

    /// <summary><c>grunative.lookback</c>: time steps per training window.</summary>
    public const string Lookback = KeyPrefix + "lookback";

    /// <summary><c>grunative.horizon</c>: time steps forecast by the head.</summary>
    public const string Horizon = KeyPrefix + "horizon";

    /// <summary>The format version this library writes and reads.</summary>
    public const string CurrentVersion = "1";

    private static readonly HashSet<string> KnownKeys =
    [
        FormatVersion, Cell, InputSize, HiddenSize, Layers, OutputSize, InputColumns, InputMean, InputStd,
        TargetColumns, TargetMean, TargetStd, Lookback, Horizon,
    ];

    /// <summary>The metadata map describing <paramref name="weights"/>: its spec, preprocessing and extra entries.</summary>
    public static SortedDictionary<string, string> Encode(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in weights.ExtraMetadata)
            map[key] = value;
        var spec = weights.Spec;
        map[FormatVersion] = CurrentVersion;
        map[Cell] = spec.Cell.ToMetadataName();
        map[InputSize] = Format(spec.InputSize);
        map[HiddenSize] = Format(spec.HiddenSize);
        map[Layers] = Format(spec.Layers);
        map[OutputSize] = Format(spec.OutputSize);
        if (weights.Preprocessing is { } p)
        {
            EncodeColumns(map, p.InputColumns, InputColumns, InputMean, InputStd);
            EncodeColumns(map, p.TargetColumns, TargetColumns, TargetMean, TargetStd);
            if (p.Lookback is int lookback)
                map[Lookback] = Format(lookback);
            if (p.Horizon is int horizon)
                map[Horizon] = Format(horizon);
        }
        return map;
    }

    /// <summary>
    /// Reads GruNative's keys from <paramref name="metadata"/>, checks them against the sizes inferred from the
    /// tensors, and returns the preprocessing (or null) and the entries that are not GruNative's.
    /// </summary>
    /// <exception cref="WeightsFormatException">A key is unknown or malformed, or contradicts the tensors.</exception>
    internal static (Preprocessing? Preprocessing, Dictionary<string, string> Extra) Decode(
        IReadOnlyDictionary<string, string> metadata, ModelSpec inferred, string source)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
                extra[key] = value;
            else if (!KnownKeys.Contains(key))
                throw new WeightsFormatException(source, key, "unknown GruNative metadata key; it may come from a newer version and cannot be ignored safely");
        }

        if (metadata.TryGetValue(FormatVersion, out var version) && version != CurrentVersion)
            throw new WeightsFormatException(source, FormatVersion, $"version '{version}' is not supported (this reader knows '{CurrentVersion}')");
        if (metadata.TryGetValue(Cell, out var cell) && cell != inferred.Cell.ToMetadataName())
            throw new WeightsFormatException(source, Cell, $"says '{cell}' but the tensor shapes are those of a {inferred.Cell.ToMetadataName()} ({inferred})");
        CheckSize(metadata, InputSize, inferred.InputSize, inferred, source);
        CheckSize(metadata, HiddenSize, inferred.HiddenSize, inferred, source);
        CheckSize(metadata, Layers, inferred.Layers, inferred, source);
        CheckSize(metadata, OutputSize, inferred.OutputSize, inferred, source);

        var inputs = DecodeColumns(metadata, InputColumns, InputMean, InputStd, source);
        var targets = DecodeColumns(metadata, TargetColumns, TargetMean, TargetStd, source);
        int? lookback = OptionalInt(metadata, Lookback, source);
        int? horizon = OptionalInt(metadata, Horizon, source);
        if (inputs is null && targets is null && lookback is null && horizon is null)
            return (null, extra);

        var preprocessing = Guard(source, InputColumns, () => new Preprocessing(inputs, targets, lookback, horizon));
        if (preprocessing.FindMismatch(inferred) is string mismatch)
            throw new WeightsFormatException(source, KeyPrefix + "*", $"preprocessing metadata does not fit {inferred}: {mismatch}");
        return (preprocessing, extra);
    }

    private static void CheckSize(IReadOnlyDictionary<string, string> metadata, string key, int actual, ModelSpec inferred, string source)
    {
        if (OptionalInt(metadata, key, source) is int declared && declared != actual)
            throw new WeightsFormatException(source, key, $"says {declared} but the tensor shapes give {actual} ({inferred})");
    }

    private static int? OptionalInt(IReadOnlyDictionary<string, string> metadata, string key, string source)
    {
        if (!metadata.TryGetValue(key, out var text))
            return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw new WeightsFormatException(source, key, $"'{text}' is not a positive integer");
        return value;
    }

    private static void EncodeColumns(SortedDictionary<string, string> map, IReadOnlyList<ColumnScaler> columns, string names, string means, string stds)
    {
        if (columns.Count == 0)
            return;
        map[names] = WriteArray(w => { foreach (var c in columns) w.WriteStringValue(c.Name); });
        map[means] = WriteArray(w => { foreach (var c in columns) w.WriteNumberValue(c.Mean); });
        map[stds] = WriteArray(w => { foreach (var c in columns) w.WriteNumberValue(c.StandardDeviation); });
    }

    private static ColumnScaler[]? DecodeColumns(IReadOnlyDictionary<string, string> metadata, string names, string means, string stds, string source)
    {
        bool hasNames = metadata.TryGetValue(names, out var namesText);
        bool hasMeans = metadata.TryGetValue(means, out var meansText);
        bool hasStds = metadata.TryGetValue(stds, out var stdsText);
        if (!hasNames && !hasMeans && !hasStds)
            return null;
        if (!(hasNames && hasMeans && hasStds))
            throw new WeightsFormatException(source, hasNames ? names : hasMeans ? means : stds, $"{names}, {means} and {stds} must appear together");

        var columnNames = ReadArray(namesText!, names, source, (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString() : null);
        var meanValues = ReadArray(meansText!, means, source, ReadNumber);
        var stdValues = ReadArray(stdsText!, stds, source, ReadNumber);
        if (meanValues.Count != columnNames.Count || stdValues.Count != columnNames.Count)
            throw new WeightsFormatException(source, names, $"{columnNames.Count} name(s), {meanValues.Count} mean(s) and {stdValues.Count} standard deviation(s) differ in count");
        var columns = new ColumnScaler[columnNames.Count];
        for (int i = 0; i < columns.Length; i++)
            columns[i] = Guard(source, names, () => new ColumnScaler(columnNames[i]!, meanValues[i]!.Value, stdValues[i]!.Value));
        return columns;
    }

    private static double? ReadNumber(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value) ? value : null;

    private delegate T? ElementReader<T>(ref Utf8JsonReader reader);

    private static List<T?> ReadArray<T>(string text, string key, string source, ElementReader<T> read)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 1 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new WeightsFormatException(source, key, "must be a JSON array");
            var values = new List<T?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                values.Add(read(ref reader) ?? throw new WeightsFormatException(source, key, $"holds an element of the wrong type ({reader.TokenType})"));
            if (reader.Read())
                throw new WeightsFormatException(source, key, "has content after its JSON array");
            return values;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader reports malformed strings (a lone surrogate escape, say) as InvalidOperationException.
            throw new WeightsFormatException(source, key, $"is not a valid JSON array: {ex.Message}", ex);
        }
    }

    private static string WriteArray(Action<Utf8JsonWriter> writeElements)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            writeElements(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static T Guard<T>(string source, string key, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            throw new WeightsFormatException(source, key, ex.Message, ex);
        }
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
