using System;
using System.Collections.Generic;
using System.Globalization;

namespace GruNative;

// The metadata of segment models (grunative.architecture = "segrnn"): the shape's keys and the channels' scalers.
public static partial class WeightsMetadata
{
    /// <summary>
    /// The metadata map describing a segment model: <see cref="Architecture"/> "segrnn", its shape (cell, d, L, H, w,
    /// decoding, C), its channels' scalers as the input and target column lists, and its extra entries.
    /// </summary>
    public static SortedDictionary<string, string> Encode(SegmentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var spec = weights.Spec;
        var map = StartMap(weights.ExtraMetadata, spec.Cell, spec.HiddenSize, weights.Preprocessing);
        map[Architecture] = SegmentArchitecture;
        map[Lookback] = Format(spec.Lookback);
        map[Horizon] = Format(spec.Horizon);
        map[SegmentLength] = Format(spec.SegmentLength);
        map[Decoding] = DecodingNames[(int)spec.Decoding];
        map[Channels] = Format(spec.Channels);
        if (weights.Preprocessing?.Intervals is { } intervals)
            WriteIntervals(map, intervals);
        return map;
    }

    /// <summary>
    /// Checks that the metadata is a segment model's (<see cref="FindArchitectureProblem"/>) holding only keys that
    /// family reads, then settles the two sizes the tensors cannot tell: the lookback and the horizon, each from the file
    /// or the caller (who must agree when both give it).
    /// </summary>
    /// <exception cref="WeightsFormatException">The file is another family's, holds a key segment models do not read, or contradicts the caller.</exception>
    internal static (int? Lookback, int? Horizon) ReadSegmentWindow(IReadOnlyDictionary<string, string> metadata, int? lookback, int? horizon, string source)
    {
        if (FindArchitectureProblem(metadata, segment: true) is { } architectureProblem)
            throw new WeightsFormatException(source, architectureProblem.Key, architectureProblem.Value);
        foreach (var key in metadata.Keys)
        {
            if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || Array.IndexOf(SegmentKeys, key) >= 0
                || key is IntervalLevels or IntervalOffsets or IntervalScaleSteps)
                continue;
            if (key == WindowNormalizationKey && metadata[key] == WindowNormalizationNames[0])
                continue;
            throw new WeightsFormatException(source, key, Array.IndexOf(KnownKeys, key) < 0
                ? "unknown GruNative metadata key; it may come from a newer version and cannot be ignored safely"
                : key == WindowNormalizationKey ? "a segment model subtracts each window's last value itself, so its window normalisation must be none"
                : key is BoxCoxColumns or BoxCoxLambda ? "a segment model's channels are standardised only: no Box–Cox or log transform"
                : "is a plain recurrent forecaster's key, which a segment model's file does not hold");
        }
        if (metadata.TryGetValue(FormatVersion, out var version) && version != CurrentVersion)
            throw new WeightsFormatException(source, FormatVersion, $"version '{version}' is not supported (this reader knows '{CurrentVersion}')");
        return (Agree(metadata, Lookback, lookback, source), Agree(metadata, Horizon, horizon, source));
    }

    /// <summary>
    /// Checks the shape keys against the model the tensors describe and decodes the channels' scalers (null when the file
    /// describes none) and the entries that are not GruNative's.
    /// </summary>
    /// <exception cref="WeightsFormatException">A key is malformed or contradicts the tensors, or the columns do not fit a segment model.</exception>
    internal static (Preprocessing? Preprocessing, Dictionary<string, string> Extra) DecodeSegment(
        IReadOnlyDictionary<string, string> metadata, SegmentModelSpec spec, string source)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
                extra[key] = value;
        }
        if (metadata.TryGetValue(Cell, out var cell) && cell != spec.Cell.ToMetadataName())
            throw new WeightsFormatException(source, Cell, $"says '{cell}' but the tensor shapes are those of a {spec.Cell.ToMetadataName()} ({spec})");
        if (metadata.TryGetValue(Decoding, out var decoding) && decoding != DecodingNames[(int)spec.Decoding])
            throw new WeightsFormatException(source, Decoding, Array.IndexOf(DecodingNames, decoding) < 0
                ? $"'{decoding}' is not one of {string.Join(", ", DecodingNames)}"
                : $"says '{decoding}' but the tensors are those of {DecodingNames[(int)spec.Decoding]} decoding (pos_emb is {(spec.Decoding == SegmentDecoding.Parallel ? "present" : "absent")}; {spec})");
        CheckSegmentSize(metadata, HiddenSize, spec.HiddenSize, "valueEmbedding.0.weight's rows", spec, source);
        CheckSegmentSize(metadata, SegmentLength, spec.SegmentLength, "valueEmbedding.0.weight's columns", spec, source);
        if (metadata.TryGetValue(Channels, out var channelsText))
        {
            if (!int.TryParse(channelsText, NumberStyles.None, CultureInfo.InvariantCulture, out int channels))
                throw new WeightsFormatException(source, Channels, $"'{channelsText}' is not a non-negative integer");
            if (channels != spec.Channels)
                throw new WeightsFormatException(source, Channels, $"says {channels} but channel_emb gives {spec.Channels} ({(spec.UsesChannelIds ? $"{spec.Channels} row(s)" : "absent: channel ids off")}; {spec})");
        }

        var inputs = DecodeColumns(metadata, InputColumns, InputMean, InputStd, source);
        var targets = DecodeColumns(metadata, TargetColumns, TargetMean, TargetStd, source);
        // The intervals describe H values of each described channel, step-major, as the plain models' K targets.
        int channelCount = targets?.Length ?? 0;
        if (ReadIntervals(metadata, spec.Horizon * channelCount, out var intervalLevels, out var intervalOffsets, out int? scaleSteps) is { } intervalProblem)
            throw new WeightsFormatException(source, intervalProblem.Key, intervalProblem.Value);
        if (inputs is null && targets is null)
        {
            return intervalLevels is null
                ? (null, extra)
                : throw new WeightsFormatException(source, IntervalLevels, $"prediction intervals need the channels they describe ({TargetColumns})");
        }
        var intervals = intervalLevels is null ? null : new PredictionIntervals(intervalLevels, intervalOffsets!, scaleSteps);
        if (PreprocessingRules.FindIntervalScaleMismatch(NamesOf(inputs), NamesOf(targets), spec.Lookback, scaleSteps) is { } scaleProblem)
            throw new WeightsFormatException(source, scaleProblem.Key, scaleProblem.Value);
        var preprocessing = Guard(source, InputColumns, () => new Preprocessing(inputs, targets, spec.Lookback, spec.Horizon, intervals: intervals));
        if (PreprocessingRules.FindSegmentMismatch(spec, NamesOf(inputs), NamesOf(targets), null, null, false, false) is { } rule)
            throw new WeightsFormatException(source, rule.Key, rule.Value);
        if (preprocessing.FindMismatch(spec) is string mismatch)
            throw new WeightsFormatException(source, InputColumns, mismatch);
        return (preprocessing, extra);
    }

    /// <summary>The size <paramref name="key"/> gives, the caller's <paramref name="given"/>, or both when they agree.</summary>
    private static int? Agree(IReadOnlyDictionary<string, string> metadata, string key, int? given, string source)
    {
        int? declared = OptionalInt(metadata, key, source);
        if (declared is int fromFile && given is int fromCaller && fromFile != fromCaller)
            throw new WeightsFormatException(source, key, $"says {fromFile} but the caller expects {fromCaller}");
        return declared ?? given;
    }

    private static void CheckSegmentSize(IReadOnlyDictionary<string, string> metadata, string key, int actual, string origin, SegmentModelSpec spec, string source)
    {
        if (OptionalInt(metadata, key, source) is int declared && declared != actual)
            throw new WeightsFormatException(source, key, $"says {declared} but {origin} give {actual} ({spec})");
    }
}
