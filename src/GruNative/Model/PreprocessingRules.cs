using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// The rules a model's preprocessing must fit, stated once: <see cref="Preprocessing.FindMismatch(ModelSpec)"/> applies them at
/// load time, and the generator (which compiles this file too) applies them to a baked file's metadata at compile time,
/// so the two can never disagree.
/// </summary>
internal static class PreprocessingRules
{
    /// <summary>
    /// Checks column lists, horizon and window normalisation against <paramref name="spec"/>: I input columns (when
    /// any), O = horizon × targets (when both are known), every target among the inputs under window normalisation,
    /// and a season length exactly when the normalisation is seasonal, with a lookback (when known) of two seasons.
    /// </summary>
    /// <returns>Null when they fit; otherwise the metadata key of the offending part and the problem.</returns>
    public static KeyValuePair<string, string>? FindMismatch(
        ModelSpec spec, IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns, int? lookback, int? horizon,
        bool windowNormalized, bool seasonal, int? seasonLength)
    {
        if (FindSeasonMismatch(lookback, seasonal, seasonLength) is { } seasonProblem)
            return seasonProblem;
        if (inputColumns.Count > 0 && inputColumns.Count != spec.InputSize)
            return Problem(WeightsMetadata.InputColumns, $"{inputColumns.Count} input column(s) are described but the model reads {spec.InputSize} value(s) per step");
        if (targetColumns.Count > 0 && spec.OutputSize % targetColumns.Count != 0)
            return Problem(WeightsMetadata.TargetColumns, $"the head's {spec.OutputSize} output(s) do not divide into {targetColumns.Count} target column(s)");
        if (horizon is int steps)
        {
            int targets = targetColumns.Count > 0 ? targetColumns.Count : spec.OutputSize / steps;
            if ((long)steps * targets != spec.OutputSize)
                return Problem(WeightsMetadata.Horizon, $"horizon {steps} × {targets} target(s) ≠ the head's {spec.OutputSize} output(s)");
        }
        return windowNormalized ? FindWindowNormalizationMismatch(inputColumns, targetColumns) : null;
    }

    /// <summary>
    /// Checks preprocessing against a segment model (<paramref name="spec"/>): the model subtracts each window's last
    /// value itself, so no window normalisation, and its channels are only standardised, so no transform; the lookback
    /// and horizon, when known, are the model's; and the input
    /// and target columns are the same channels, in the same order — C of them with channel ids (channel c reads
    /// channel_emb[c]), any number without (each channel runs alone through the same weights).
    /// </summary>
    /// <returns>Null when they fit; otherwise the metadata key of the offending part and the problem.</returns>
    public static KeyValuePair<string, string>? FindSegmentMismatch(
        SegmentModelSpec spec, IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns, int? lookback, int? horizon,
        bool windowNormalized, bool transformed)
    {
        if (windowNormalized)
            return Problem(WeightsMetadata.WindowNormalizationKey, "a segment model subtracts each window's last value itself, so its window normalisation must be none");
        if (transformed)
            return Problem(WeightsMetadata.BoxCoxColumns, "a segment model's channels are standardised only: no Box–Cox or log transform");
        if (lookback is int steps && steps != spec.Lookback)
            return Problem(WeightsMetadata.Lookback, $"lookback {steps} differs from the model's {spec.Lookback}");
        if (horizon is int ahead && ahead != spec.Horizon)
            return Problem(WeightsMetadata.Horizon, $"horizon {ahead} differs from the model's {spec.Horizon}");
        if (inputColumns.Count == 0 && targetColumns.Count == 0)
            return null;
        bool same = inputColumns.Count == targetColumns.Count;
        for (int i = 0; same && i < inputColumns.Count; i++)
            same = inputColumns[i] == targetColumns[i];
        if (!same)
            return Problem(WeightsMetadata.TargetColumns,
                $"a segment model forecasts the channels it reads: the target columns [{string.Join(", ", targetColumns)}] must be the input columns [{string.Join(", ", inputColumns)}], in the same order");
        if (spec.UsesChannelIds && inputColumns.Count != spec.Channels)
            return Problem(WeightsMetadata.InputColumns, $"{inputColumns.Count} column(s) are described but the model has channel embeddings for {spec.Channels} channel(s)");
        return null;
    }

    /// <summary>
    /// Why the season length does not fit: seasonal normalisation needs one (m ≥ 1) and a lookback of at least 2m (it
    /// fits a trend and m seasonal means to the window); no other normalisation reads it. Null when it fits.
    /// </summary>
    public static KeyValuePair<string, string>? FindSeasonMismatch(int? lookback, bool seasonal, int? seasonLength)
    {
        if (!seasonal)
            return seasonLength is null ? null : Problem(WeightsMetadata.SeasonLength, "a season length is only read by the seasonal window normalisation");
        if (seasonLength is not int m || m < 1)
            return Problem(WeightsMetadata.SeasonLength, "the seasonal window normalisation needs a season length of at least 1");
        if (lookback is int steps && steps < 2L * m)
            return Problem(WeightsMetadata.SeasonLength, $"the seasonal window normalisation fits a trend and {m} seasonal means to each window, so it needs a lookback of at least two seasons ({2L * m}), not {steps}");
        return null;
    }

    /// <summary>
    /// Why scale-adaptive intervals (k = <paramref name="scaleSteps"/>) cannot apply: each target's scale comes from its
    /// input column's last k changes, so every target must be an input and the lookback (when known) at least k + 1.
    /// </summary>
    public static KeyValuePair<string, string>? FindIntervalScaleMismatch(IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns, int? lookback, int? scaleSteps)
    {
        if (scaleSteps is not int steps)
            return null;
        if (inputColumns.Count == 0 || targetColumns.Count == 0)
            return Problem(WeightsMetadata.IntervalScaleSteps, "scale-adaptive intervals need the input and target column names, to find each target's recent values");
        if (TargetNotAmongInputs(inputColumns, targetColumns) is string missing)
            return Problem(WeightsMetadata.IntervalScaleSteps, $"scale-adaptive intervals need target column '{missing}' among the input columns");
        if (lookback is int window && window < steps + 1L)
            return Problem(WeightsMetadata.IntervalScaleSteps, $"{steps} step(s) of change need a lookback of at least {steps + 1L}, not {window}");
        return null;
    }

    /// <summary>Why per-window normalisation cannot apply to these columns (it adds each target's input level back), or null.</summary>
    public static KeyValuePair<string, string>? FindWindowNormalizationMismatch(IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns)
    {
        if (inputColumns.Count == 0 || targetColumns.Count == 0)
            return Problem(WeightsMetadata.WindowNormalizationKey, "per-window normalisation needs the input and target column names, to add each target's level back");
        return TargetNotAmongInputs(inputColumns, targetColumns) is string missing
            ? Problem(WeightsMetadata.WindowNormalizationKey, $"per-window normalisation needs target column '{missing}' among the input columns")
            : null;
    }

    /// <summary>The first target column that is not an input column, or null.</summary>
    private static string? TargetNotAmongInputs(IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns)
    {
        foreach (string target in targetColumns)
        {
            bool found = false;
            foreach (string input in inputColumns)
                found |= input == target;
            if (!found)
                return target;
        }
        return null;
    }

    private static KeyValuePair<string, string> Problem(string key, string message) => new(key, message);
}
