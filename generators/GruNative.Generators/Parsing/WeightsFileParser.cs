using System.Linq;
using System.Threading;
using GruNative.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Parsing;

/// <summary>Parses a JSON AdditionalFile with the runtime's own parser (linked), keeping positions for diagnostics.</summary>
internal static class WeightsFileParser
{
    public static bool IsCandidate(AdditionalText file) =>
        file.Path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase);

    public static ParsedWeightsFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            var none = new FileError("the file cannot be read", null, 1, 1, false, new LocationInfo(file.Path, default, default));
            return new ParsedWeightsFile(file.Path, EquatableArray<TensorInfo>.Empty, EquatableArray<MetadataEntry>.Empty, none);
        }

        var document = JsonWeightsDocument.Parse(text.ToString(), out var error);
        if (document is null)
        {
            var failure = new FileError(error!.Message, error.Tensor, error.Line, error.Column, error.NonFinite,
                LocationInfo.AtOffset(file.Path, text, error.Position));
            return new ParsedWeightsFile(file.Path, EquatableArray<TensorInfo>.Empty, EquatableArray<MetadataEntry>.Empty, failure);
        }

        var tensors = document.Tensors
            .Select(t => new TensorInfo(t.Name, new EquatableArray<long>(t.Shape), new EquatableArray<float>(t.Values), LocationInfo.AtOffset(file.Path, text, t.Position)))
            .ToEquatableArray();
        var metadata = document.Metadata.OrderBy(e => e.Key, System.StringComparer.Ordinal).Select(e => new MetadataEntry(e.Key, e.Value)).ToEquatableArray();
        return new ParsedWeightsFile(file.Path, tensors, metadata, null);
    }
}
