using System.Collections.Generic;

namespace GruNative.Generators.Parsing;

/// <summary>
/// Checks a baked segment model's GruNative metadata at compile time, so the generated type's <c>Preprocessing</c>,
/// which the runtime decodes from the same strings at start-up (<c>WeightsMetadata.DecodeSegmentPreprocessing</c>), cannot
/// fail there. The keys and the rules that tie the columns and intervals to the model are the runtime's own source
/// (<c>WeightsMetadata.Keys</c>, <c>PreprocessingRules</c>); the compile-and-run tests hold the two to each other.
/// The family's keys (<c>WeightsMetadata.FindSegmentKeyProblem</c>) and the window sizes are checked before this.
/// </summary>
internal static class SegmentMetadataChecker
{
    /// <summary>Returns the first offending key and its problem, or null when the metadata is valid for <paramref name="model"/>.</summary>
    public static KeyValuePair<string, string>? FindProblem(Dictionary<string, string> metadata, SegmentModelSpec model)
    {
        KeyValuePair<string, string> Problem(string key, string message) => new(key, message);

        if (WeightsMetadata.FindSegmentShapeProblem(metadata, model) is { } shapeProblem)
            return shapeProblem;

        if (MetadataChecker.CheckColumns(metadata, WeightsMetadata.InputColumns, WeightsMetadata.InputMean, WeightsMetadata.InputStd, out var inputs) is { } inputProblem)
            return inputProblem;
        if (MetadataChecker.CheckColumns(metadata, WeightsMetadata.TargetColumns, WeightsMetadata.TargetMean, WeightsMetadata.TargetStd, out var targets) is { } targetProblem)
            return targetProblem;
        // The intervals describe H values of each described channel, step-major, as the plain models' K targets.
        if (WeightsMetadata.ReadIntervals(metadata, model.Horizon * targets.Count, out var levels, out _, out int? scaleSteps, out _) is { } intervalProblem)
            return intervalProblem;
        if (levels is not null && targets.Count == 0)
            return Problem(WeightsMetadata.IntervalLevels, $"prediction intervals need the channels they describe ({WeightsMetadata.TargetColumns})");
        if (PreprocessingRules.FindIntervalScaleMismatch(inputs, targets, model.Lookback, scaleSteps) is { } scaleProblem)
            return scaleProblem;
        return PreprocessingRules.FindSegmentMismatch(model, inputs, targets, null, null, windowNormalized: false, transformed: false);
    }
}
