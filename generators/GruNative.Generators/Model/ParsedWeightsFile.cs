namespace GruNative.Generators.Model;

/// <summary>One JSON AdditionalFile, parsed once per change of its text.</summary>
internal sealed record ParsedWeightsFile(
    string Path,
    EquatableArray<TensorInfo> Tensors,
    EquatableArray<MetadataEntry> Metadata,
    FileError? Error);

/// <summary>A tensor of a weights file and where its name stands.</summary>
internal sealed record TensorInfo(string Name, EquatableArray<long> Shape, EquatableArray<float> Values, LocationInfo Location);

internal sealed record MetadataEntry(string Key, string Value);

/// <summary>Why a weights file could not be parsed.</summary>
internal sealed record FileError(string Message, string? Tensor, int Line, int Column, bool NonFinite, LocationInfo Location);
