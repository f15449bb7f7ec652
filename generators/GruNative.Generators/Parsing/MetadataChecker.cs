using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Generators.Model;

namespace GruNative.Generators.Parsing;

/// <summary>
/// Checks a baked file's GruNative metadata at compile time, so the generated type's <c>Preprocessing</c>, which the
/// runtime decodes from the same strings at start-up, cannot fail there. The keys, the column lists and the rules that
/// tie them to the model are the runtime's own source (<c>WeightsMetadata.Keys</c>, <c>PreprocessingRules</c>); this
/// class only reads the strings and applies the scalers' value rules (<c>ColumnScaler</c>'s); the compile-and-run tests
/// hold the two to each other.
/// </summary>
internal static class MetadataChecker
{
    /// <summary>Returns the first offending key and its problem, or null when the metadata is valid for <paramref name="model"/>.</summary>
    public static KeyValuePair<string, string>? FindProblem(EquatableArray<MetadataEntry> entries, ModelSpec model)
    {
        var metadata = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        KeyValuePair<string, string> Problem(string key, string message) => new(key, message);

        foreach (var key in metadata.Keys)
        {
            if (key.StartsWith(WeightsMetadata.KeyPrefix, StringComparison.Ordinal) && Array.IndexOf(WeightsMetadata.KnownKeys, key) < 0)
                return Problem(key, "unknown GruNative metadata key; it may come from a newer version and cannot be ignored safely");
        }
        if (metadata.TryGetValue(WeightsMetadata.FormatVersion, out var version) && version != WeightsMetadata.CurrentVersion)
            return Problem(WeightsMetadata.FormatVersion, $"version '{version}' is not supported (this generator knows '{WeightsMetadata.CurrentVersion}')");
        string cell = model.Cell.ToMetadataName();
        if (metadata.TryGetValue(WeightsMetadata.Cell, out var declaredCell) && declaredCell != cell)
            return Problem(WeightsMetadata.Cell, $"says '{declaredCell}' but the tensors are those of a {cell}");

        var sizes = new[]
        {
            (WeightsMetadata.InputSize, model.InputSize), (WeightsMetadata.HiddenSize, model.HiddenSize),
            (WeightsMetadata.Layers, model.Layers), (WeightsMetadata.OutputSize, model.OutputSize),
        };
        foreach (var (key, actual) in sizes)
        {
            if (!TryInt(metadata, key, out int? value))
                return Problem(key, $"'{metadata[key]}' is not a positive integer");
            if (value is int v && v != actual)
                return Problem(key, $"says {v} but the tensors give {actual}");
        }
        if (!TryInt(metadata, WeightsMetadata.Lookback, out int? lookback))
            return Problem(WeightsMetadata.Lookback, $"'{metadata[WeightsMetadata.Lookback]}' is not a positive integer");
        if (!TryInt(metadata, WeightsMetadata.Horizon, out int? horizon))
            return Problem(WeightsMetadata.Horizon, $"'{metadata[WeightsMetadata.Horizon]}' is not a positive integer");

        if (CheckColumns(metadata, WeightsMetadata.InputColumns, WeightsMetadata.InputMean, WeightsMetadata.InputStd, out var inputs) is { } inputProblem)
            return inputProblem;
        if (CheckColumns(metadata, WeightsMetadata.TargetColumns, WeightsMetadata.TargetMean, WeightsMetadata.TargetStd, out var targets) is { } targetProblem)
            return targetProblem;
        if (WeightsMetadata.ReadBoxCox(metadata, inputs, targets, out _) is { } boxCoxProblem)
            return boxCoxProblem;
        if (WeightsMetadata.ReadIntervals(metadata, model.OutputSize, out _, out _, out int? scaleSteps, out _) is { } intervalProblem)
            return intervalProblem;
        if (PreprocessingRules.FindIntervalScaleMismatch(inputs, targets, lookback, scaleSteps) is { } scaleProblem)
            return scaleProblem;
        if (!TryInt(metadata, WeightsMetadata.SeasonLength, out int? seasonLength))
            return Problem(WeightsMetadata.SeasonLength, $"'{metadata[WeightsMetadata.SeasonLength]}' is not a positive integer");
        int normalizationIndex = 0;
        if (metadata.TryGetValue(WeightsMetadata.WindowNormalizationKey, out var normalization))
        {
            normalizationIndex = Array.IndexOf(WeightsMetadata.WindowNormalizationNames, normalization);
            if (normalizationIndex < 0)
                return Problem(WeightsMetadata.WindowNormalizationKey, $"'{normalization}' is not one of {string.Join(", ", WeightsMetadata.WindowNormalizationNames)}");
        }
        bool seasonal = normalization == "seasonal";
        // How the columns, horizon, window normalisation and season must fit the model: the runtime's own rules.
        return PreprocessingRules.FindMismatch(model, inputs, targets, lookback, horizon, normalizationIndex > 0, seasonal, seasonLength);
    }

    internal static KeyValuePair<string, string>? CheckColumns(Dictionary<string, string> metadata, string names, string means, string stds, out IReadOnlyList<string> columnNames)
    {
        columnNames = Array.Empty<string>();
        if (WeightsMetadata.ReadColumnLists(metadata, names, means, stds, out var columns, out _, out var stdValues) is { } problem)
            return problem;
        if (columns is null)
            return null;
        // The values' own rules, which the runtime's ColumnScaler enforces.
        if (columns.Any(c => c.Length == 0) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
            return new(names, "column names must be non-empty and distinct");
        if (stdValues!.Any(s => !(s > 0)))
            return new(stds, "every standard deviation must be positive");
        columnNames = columns;
        return null;
    }

    private static bool TryInt(Dictionary<string, string> metadata, string key, out int? value)
    {
        value = null;
        if (!metadata.TryGetValue(key, out var text))
            return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
            return false;
        value = parsed;
        return true;
    }
}
