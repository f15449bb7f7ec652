using System;
using System.Collections.Generic;
using GruNative.Generators.Model;

namespace GruNative.Generators.Parsing;

/// <summary>
/// A weights file's tensors indexed as every family's binder uses them: the shapes by name that the runtime's tensor
/// checks take, the tensors by name for packing, and where a diagnostic about a tensor points.
/// </summary>
internal sealed class FileTensors
{
    private readonly string _path;

    public FileTensors(ParsedWeightsFile file)
    {
        _path = file.Path;
        foreach (var tensor in file.Tensors)
        {
            Shapes[tensor.Name] = tensor.Shape.AsArray();
            ByName[tensor.Name] = tensor;
        }
    }

    /// <summary>Every tensor's shape, by name.</summary>
    public Dictionary<string, long[]> Shapes { get; } = new(StringComparer.Ordinal);

    /// <summary>Every tensor, by name.</summary>
    public Dictionary<string, TensorInfo> ByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the tensor <paramref name="name"/> stands in the file; the file's start when no tensor (or none of that name) is meant.</summary>
    public LocationInfo LocationOf(string? name) =>
        name is not null && ByName.TryGetValue(name, out var tensor) ? tensor.Location : new LocationInfo(_path, default, default);
}
