using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using GruNative.Generators.Model;

namespace GruNative.Generators.Parsing;

/// <summary>Finds the weights file a declaration names among the AdditionalFiles, for every model family.</summary>
internal static class WeightsFileLocator
{
    /// <summary>
    /// The one parsed file whose path ends with <paramref name="weightsFile"/> and parsed without error; otherwise null,
    /// with the diagnostic in <paramref name="failure"/>: not found (GRUN004), ambiguous (GRUN005), malformed (GRUN006)
    /// or holding a non-finite weight (GRUN009).
    /// </summary>
    public static ParsedWeightsFile? Find(string weightsFile, ImmutableArray<ParsedWeightsFile> files, string modelName, LocationInfo? location,
        out DiagnosticInfo? failure)
    {
        failure = null;
        string wanted = Normalize(weightsFile);
        var matches = files.Where(f => Matches(Normalize(f.Path), wanted)).ToList();
        if (matches.Count == 0)
        {
            failure = DiagnosticInfo.Create(Diagnostics.WeightsFileNotFound, location, modelName, weightsFile);
            return null;
        }
        if (matches.Count > 1)
        {
            failure = DiagnosticInfo.Create(Diagnostics.WeightsFileAmbiguous, location, modelName, weightsFile,
                matches.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", matches.Select(m => m.Path)));
            return null;
        }

        var file = matches[0];
        if (file.Error is { } error)
        {
            string fileName = System.IO.Path.GetFileName(file.Path);
            failure = error.NonFinite
                ? DiagnosticInfo.Create(Diagnostics.NonFiniteWeight, error.Location, fileName, Format(error.Line), Format(error.Column), error.Tensor ?? "", error.Message)
                : DiagnosticInfo.Create(Diagnostics.WeightsFileMalformed, error.Location, fileName, Format(error.Line), Format(error.Column),
                    error.Tensor is null ? error.Message : $"'{error.Tensor}': {error.Message}");
            return null;
        }
        return file;
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    private static bool Matches(string path, string wanted) =>
        string.Equals(path, wanted, StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
