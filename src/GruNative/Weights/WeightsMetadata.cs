using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
public static partial class WeightsMetadata
{
    /// <summary>The metadata map describing <paramref name="weights"/>: its spec, preprocessing and extra entries.</summary>
    public static SortedDictionary<string, string> Encode(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var spec = weights.Spec;
        var map = StartMap(weights.ExtraMetadata, spec.Cell, spec.HiddenSize, weights.Preprocessing);
        map[InputSize] = Format(spec.InputSize);
        map[Layers] = Format(spec.Layers);
        map[OutputSize] = Format(spec.OutputSize);
        if (weights.Preprocessing is { } p)
        {
            if (p.Lookback is int lookback)
                map[Lookback] = Format(lookback);
            if (p.Horizon is int horizon)
                map[Horizon] = Format(horizon);
            if (p.WindowNormalization != GruNative.WindowNormalization.None)
                map[WindowNormalizationKey] = WindowNormalizationNames[(int)p.WindowNormalization];
            if (p.SeasonLength is int seasonLength)
                map[SeasonLength] = Format(seasonLength);
            // One entry per transformed column, in input then target order: a column that is both has one transform.
            var transformed = new List<ColumnScaler>();
            foreach (var column in p.InputColumns.Concat(p.TargetColumns))
            {
                if (column.BoxCoxLambda is not null && !transformed.Exists(c => c.Name == column.Name))
                    transformed.Add(column);
            }
            if (p.Intervals is { } intervals)
                WriteIntervals(map, intervals);
            if (transformed.Count > 0)
            {
                map[BoxCoxColumns] = WriteArray(w => { foreach (var c in transformed) w.WriteStringValue(c.Name); });
                map[BoxCoxLambda] = WriteArray(w => { foreach (var c in transformed) w.WriteNumberValue(c.BoxCoxLambda!.Value); });
            }
        }
        return map;
    }

    /// <summary>
    /// The preprocessing described by a metadata map, checked against <paramref name="spec"/>; null when the map
    /// describes none. Generated models with baked weights call this at start-up with their file's metadata.
    /// </summary>
    /// <exception cref="WeightsFormatException">A key is unknown or malformed, or contradicts <paramref name="spec"/>.</exception>
    public static Preprocessing? DecodePreprocessing(IReadOnlyDictionary<string, string> metadata, ModelSpec spec, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(spec);
        return Decode(metadata, spec, sourceName).Preprocessing;
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
            else if (Array.IndexOf(KnownKeys, key) < 0)
                throw new WeightsFormatException(source, key, Array.IndexOf(SegmentKeys, key) >= 0
                    ? $"is a segment model's key ({Architecture} = {SegmentArchitecture}), which a plain recurrent forecaster's file does not hold"
                    : "unknown GruNative metadata key; it may come from a newer version and cannot be ignored safely");
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
        if (ReadBoxCox(metadata, NamesOf(inputs), NamesOf(targets), out var lambdas) is { } boxCoxProblem)
            throw new WeightsFormatException(source, boxCoxProblem.Key, boxCoxProblem.Value);
        if (lambdas is not null)
        {
            inputs = WithTransforms(inputs, lambdas, source);
            targets = WithTransforms(targets, lambdas, source);
        }
        int? seasonLength = OptionalInt(metadata, SeasonLength, source);
        if (ReadIntervals(metadata, inferred.OutputSize, out var intervalLevels, out var intervalOffsets, out int? scaleSteps, out double? trackingRate) is { } intervalProblem)
            throw new WeightsFormatException(source, intervalProblem.Key, intervalProblem.Value);
        var intervals = intervalLevels is null ? null : new PredictionIntervals(intervalLevels, intervalOffsets!, scaleSteps, trackingRate);
        int? lookback = OptionalInt(metadata, Lookback, source);
        if (PreprocessingRules.FindIntervalScaleMismatch(NamesOf(inputs), NamesOf(targets), lookback, scaleSteps) is { } scaleProblem)
            throw new WeightsFormatException(source, scaleProblem.Key, scaleProblem.Value);
        int? horizon = OptionalInt(metadata, Horizon, source);
        var windowNormalization = GruNative.WindowNormalization.None;
        if (metadata.TryGetValue(WindowNormalizationKey, out var normalizationText))
        {
            int index = Array.IndexOf(WindowNormalizationNames, normalizationText);
            if (index < 0)
                throw new WeightsFormatException(source, WindowNormalizationKey, $"'{normalizationText}' is not one of {string.Join(", ", WindowNormalizationNames)}");
            windowNormalization = (WindowNormalization)index;
        }
        if (inputs is null && targets is null && lookback is null && horizon is null && windowNormalization == GruNative.WindowNormalization.None
            && seasonLength is null && intervals is null)
            return (null, extra);

        if (PreprocessingRules.FindSeasonMismatch(lookback, windowNormalization == GruNative.WindowNormalization.Seasonal, seasonLength) is { } seasonProblem)
            throw new WeightsFormatException(source, seasonProblem.Key, seasonProblem.Value);
        var preprocessing = Guard(source, InputColumns, () => new Preprocessing(inputs, targets, lookback, horizon, windowNormalization, seasonLength, intervals));
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

    /// <summary>The interval keys of <paramref name="intervals"/>: levels, offsets (level-major) and the scale steps of adaptive bands.</summary>
    private static void WriteIntervals(SortedDictionary<string, string> map, PredictionIntervals intervals)
    {
        map[IntervalLevels] = WriteArray(w => { foreach (double level in intervals.Levels) w.WriteNumberValue(level); });
        if (intervals.ScaleSteps is int steps)
            map[IntervalScaleSteps] = Format(steps);
        if (intervals.TrackingRate is double rate)
            map[IntervalTrackingRate] = rate.ToString("R", CultureInfo.InvariantCulture);
        map[IntervalOffsets] = WriteArray(w =>
        {
            for (int l = 0; l < intervals.Levels.Count; l++)
            {
                foreach (double offset in intervals.OffsetsOf(l))
                    w.WriteNumberValue(offset);
            }
        });
    }

    /// <summary>
    /// The map every model family's encoding starts from: its extra entries, the format version, the cell, d, and the
    /// column lists of <paramref name="preprocessing"/> (when it has any).
    /// </summary>
    private static SortedDictionary<string, string> StartMap(IReadOnlyDictionary<string, string> extra, CellKind cell, int hiddenSize, Preprocessing? preprocessing)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in extra)
            map[key] = value;
        map[FormatVersion] = CurrentVersion;
        map[Cell] = cell.ToMetadataName();
        map[HiddenSize] = Format(hiddenSize);
        if (preprocessing is { } p)
        {
            EncodeColumns(map, p.InputColumns, InputColumns, InputMean, InputStd);
            EncodeColumns(map, p.TargetColumns, TargetColumns, TargetMean, TargetStd);
        }
        return map;
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
        if (ReadColumnLists(metadata, names, means, stds, out var columnNames, out var meanValues, out var stdValues) is { } problem)
            throw new WeightsFormatException(source, problem.Key, problem.Value);
        if (columnNames is null)
            return null;
        var columns = new ColumnScaler[columnNames.Count];
        for (int i = 0; i < columns.Length; i++)
            columns[i] = Guard(source, names, () => new ColumnScaler(columnNames[i], meanValues![i], stdValues![i]));
        return columns;
    }

    private static string[] NamesOf(ColumnScaler[]? columns) => columns is null ? [] : Array.ConvertAll(columns, c => c.Name);

    /// <summary>The columns with their Box–Cox λ from <paramref name="lambdas"/> (by name) where one is given.</summary>
    private static ColumnScaler[]? WithTransforms(ColumnScaler[]? columns, Dictionary<string, double> lambdas, string source) =>
        columns is null ? null : Array.ConvertAll(columns, c => lambdas.TryGetValue(c.Name, out double lambda)
            ? Guard(source, BoxCoxLambda, () => new ColumnScaler(c.Name, c.Mean, c.StandardDeviation, lambda))
            : c);

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
