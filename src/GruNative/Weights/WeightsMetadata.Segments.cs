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
        if (FindSegmentKeyProblem(metadata) is { } keyProblem)
            throw new WeightsFormatException(source, keyProblem.Key, keyProblem.Value);
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
        if (FindSegmentShapeProblem(metadata, spec) is { } shapeProblem)
            throw new WeightsFormatException(source, shapeProblem.Key, shapeProblem.Value);

        var inputs = DecodeColumns(metadata, InputColumns, InputMean, InputStd, source);
        var targets = DecodeColumns(metadata, TargetColumns, TargetMean, TargetStd, source);
        // The intervals describe H values of each described channel, step-major, as the plain models' K targets.
        int channelCount = targets?.Length ?? 0;
        if (ReadIntervals(metadata, spec.Horizon * channelCount, out var intervalLevels, out var intervalOffsets, out int? scaleSteps, out double? trackingRate) is { } intervalProblem)
            throw new WeightsFormatException(source, intervalProblem.Key, intervalProblem.Value);
        if (inputs is null && targets is null)
        {
            return intervalLevels is null
                ? (null, extra)
                : throw new WeightsFormatException(source, IntervalLevels, $"prediction intervals need the channels they describe ({TargetColumns})");
        }
        var intervals = intervalLevels is null ? null : new PredictionIntervals(intervalLevels, intervalOffsets!, scaleSteps, trackingRate);
        if (PreprocessingRules.FindIntervalScaleMismatch(NamesOf(inputs), NamesOf(targets), spec.Lookback, scaleSteps) is { } scaleProblem)
            throw new WeightsFormatException(source, scaleProblem.Key, scaleProblem.Value);
        var preprocessing = Guard(source, InputColumns, () => new Preprocessing(inputs, targets, spec.Lookback, spec.Horizon, intervals: intervals));
        if (PreprocessingRules.FindSegmentMismatch(spec, NamesOf(inputs), NamesOf(targets), null, null, false, false) is { } rule)
            throw new WeightsFormatException(source, rule.Key, rule.Value);
        if (preprocessing.FindMismatch(spec) is string mismatch)
            throw new WeightsFormatException(source, InputColumns, mismatch);
        return (preprocessing, extra);
    }

    /// <summary>
    /// The preprocessing a segment model's metadata map describes, checked against <paramref name="spec"/>; null when the
    /// map describes none. Generated segment models with baked weights call this at start-up with their file's metadata.
    /// </summary>
    /// <exception cref="WeightsFormatException">A key is unknown or malformed, or contradicts <paramref name="spec"/>.</exception>
    public static Preprocessing? DecodeSegmentPreprocessing(IReadOnlyDictionary<string, string> metadata, SegmentModelSpec spec, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(spec);
        // The keys, and the file's window sizes against the declared ones (a mismatch throws).
        ReadSegmentWindow(metadata, spec.Lookback, spec.Horizon, sourceName);
        return DecodeSegment(metadata, spec, sourceName).Preprocessing;
    }

    /// <summary>The size <paramref name="key"/> gives, the caller's <paramref name="given"/>, or both when they agree.</summary>
    private static int? Agree(IReadOnlyDictionary<string, string> metadata, string key, int? given, string source)
    {
        int? declared = OptionalInt(metadata, key, source);
        if (declared is int fromFile && given is int fromCaller && fromFile != fromCaller)
            throw new WeightsFormatException(source, key, $"says {fromFile} but the caller expects {fromCaller}");
        return declared ?? given;
    }
}
