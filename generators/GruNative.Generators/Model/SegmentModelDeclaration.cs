namespace GruNative.Generators.Model;

/// <summary>What a [SegmentModel] declaration says, with no Roslyn object in it.</summary>
/// <param name="Target">The attributed type.</param>
/// <param name="Spec">The declared shape: the runtime's own definition, compiled into the generator (it has value equality).</param>
/// <param name="WeightsFile">The file named by <c>WeightsFile</c>, or null when the weights are loaded at run time.</param>
internal sealed record SegmentModelDeclaration(TypeTarget Target, SegmentModelSpec Spec, string? WeightsFile)
{
    public const string AttributeName = "SegmentModel";

    public string FullName => Target.FullName;

    public LocationInfo? Location => Target.Location;
}

/// <summary>The outcome of parsing one [SegmentModel] type: a declaration to emit, or only diagnostics.</summary>
internal sealed record SegmentDeclarationResult(SegmentModelDeclaration? Declaration, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Everything the emitter needs for one segment model: the declaration, and for baked models the packed weights (in
/// <see cref="GruNative.Kernels.SegmentKernelLayout"/> order) and the file's metadata.
/// </summary>
/// <remarks>When <see cref="Declaration"/> is null there is nothing to emit, only <see cref="Diagnostics"/> to report.</remarks>
internal sealed record SegmentModelToEmit(
    SegmentModelDeclaration? Declaration,
    string? WeightsPath,
    EquatableArray<float> PackedWeights,
    EquatableArray<MetadataEntry> Metadata,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool IsBaked => WeightsPath is not null;
}
