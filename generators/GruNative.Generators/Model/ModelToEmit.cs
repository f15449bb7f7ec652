namespace GruNative.Generators.Model;

/// <summary>
/// Everything the emitter needs for one model: the declaration, and for baked models the packed weights (in
/// <see cref="GruNative.Kernels.KernelLayout"/> order: layers, then head) and the file's metadata.
/// </summary>
/// <remarks>When <see cref="Declaration"/> is null there is nothing to emit, only <see cref="Diagnostics"/> to report.</remarks>
internal sealed record ModelToEmit(
    ModelDeclaration? Declaration,
    string? WeightsPath,
    EquatableArray<float> PackedWeights,
    EquatableArray<MetadataEntry> Metadata,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool IsBaked => WeightsPath is not null;
}
