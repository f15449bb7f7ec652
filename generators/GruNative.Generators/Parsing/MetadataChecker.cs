using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Generators.Model;

namespace GruNative.Generators.Parsing;

/// <summary>
/// Checks a baked file's GruNative metadata at compile time, so the generated type's <c>Preprocessing</c>, which the
/// runtime decodes from the same strings at start-up, cannot fail there. The rules are the runtime's
/// (<c>WeightsMetadata.Decode</c>, <c>ColumnScaler</c>, <c>Preprocessing.FindMismatch</c>), restated here because
/// a compiler plug-in cannot load the runtime; the compile-and-run tests hold the two to each other.
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
        if (!TryInt(metadata, WeightsMetadata.Lookback, out _))
            return Problem(WeightsMetadata.Lookback, $"'{metadata[WeightsMetadata.Lookback]}' is not a positive integer");
        if (!TryInt(metadata, WeightsMetadata.Horizon, out int? horizon))
            return Problem(WeightsMetadata.Horizon, $"'{metadata[WeightsMetadata.Horizon]}' is not a positive integer");

        if (CheckColumns(metadata, WeightsMetadata.InputColumns, WeightsMetadata.InputMean, WeightsMetadata.InputStd, out int inputs) is { } inputProblem)
            return inputProblem;
        if (CheckColumns(metadata, WeightsMetadata.TargetColumns, WeightsMetadata.TargetMean, WeightsMetadata.TargetStd, out int targets) is { } targetProblem)
            return targetProblem;
        if (inputs > 0 && inputs != model.InputSize)
            return Problem(WeightsMetadata.InputColumns, $"{inputs} input column(s) are described but the model reads {model.InputSize} value(s) per step");
        if (targets > 0 && model.OutputSize % targets != 0)
            return Problem(WeightsMetadata.TargetColumns, $"the head's {model.OutputSize} output(s) do not divide into {targets} target column(s)");
        if (horizon is int h && (long)h * (targets > 0 ? targets : model.OutputSize / h) != model.OutputSize)
            return Problem(WeightsMetadata.Horizon, $"horizon {h} × target(s) ≠ the head's {model.OutputSize} output(s)");
        if (metadata.TryGetValue(WeightsMetadata.WindowNormalizationKey, out var normalization))
        {
            int index = Array.IndexOf(WeightsMetadata.WindowNormalizationNames, normalization);
            if (index < 0)
                return Problem(WeightsMetadata.WindowNormalizationKey, $"'{normalization}' is not one of {string.Join(", ", WeightsMetadata.WindowNormalizationNames)}");
            if (index > 0)
            {
                WeightsMetadata.ReadColumnLists(metadata, WeightsMetadata.InputColumns, WeightsMetadata.InputMean, WeightsMetadata.InputStd, out var inputNames, out _, out _);
                WeightsMetadata.ReadColumnLists(metadata, WeightsMetadata.TargetColumns, WeightsMetadata.TargetMean, WeightsMetadata.TargetStd, out var targetNames, out _, out _);
                if (inputNames is null || targetNames is null)
                    return Problem(WeightsMetadata.WindowNormalizationKey, "per-window normalisation needs the input and target column names, to add each target's level back");
                if (targetNames.FirstOrDefault(t => !inputNames.Contains(t)) is string missing)
                    return Problem(WeightsMetadata.WindowNormalizationKey, $"per-window normalisation needs target column '{missing}' among the input columns");
            }
        }
        return null;
    }

    private static KeyValuePair<string, string>? CheckColumns(Dictionary<string, string> metadata, string names, string means, string stds, out int count)
    {
        count = 0;
        if (WeightsMetadata.ReadColumnLists(metadata, names, means, stds, out var columns, out _, out var stdValues) is { } problem)
            return problem;
        if (columns is null)
            return null;
        // The values' own rules, which the runtime's ColumnScaler enforces.
        if (columns.Any(c => c.Length == 0) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
            return new(names, "column names must be non-empty and distinct");
        if (stdValues!.Any(s => !(s > 0)))
            return new(stds, "every standard deviation must be positive");
        count = columns.Count;
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
