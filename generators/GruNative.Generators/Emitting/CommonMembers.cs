using System.Collections.Generic;
using System.Linq;
using GruNative.Generators.Model;
using static GruNative.Generators.Emitting.Qualified;
using static GruNative.Generators.Emitting.ModelEmitter;

namespace GruNative.Generators.Emitting;

/// <summary>How a family's generated type reads and packs its weights: the runtime calls and the words its docs use.</summary>
/// <param name="TypeName">The generated type.</param>
/// <param name="ModelWord">What the family's files hold, in exception docs ("model", "segment model").</param>
/// <param name="LoadSummary">The summary of <c>Load(string)</c>.</param>
/// <param name="Read">
/// The runtime call reading safetensors from a source argument (<c>path</c>, <c>stream</c> or <c>safetensors</c>) and the
/// name messages give it (null for a path, which names itself).
/// </param>
/// <param name="WeightsType">The runtime type <c>FromWeights</c> takes.</param>
/// <param name="Pack">The runtime call packing <c>weights</c> for the kernel.</param>
/// <param name="PreprocessingSummary">The summary of the <c>Preprocessing</c> property.</param>
internal sealed record WeightsSurface(string TypeName, string ModelWord, string LoadSummary, System.Func<string, string?, string> Read, string WeightsType, string Pack, string PreprocessingSummary);

/// <summary>
/// The members every family's generated type declares the same way — the packed weights and the constructor, the
/// <c>Baked</c> instance, <c>Load</c> and <c>FromWeights</c>, <c>ActivePath</c>, and the baked metadata and data — written
/// once for <see cref="ModelEmitter"/> and <see cref="SegmentModelEmitter"/>.
/// </summary>
internal static class CommonMembers
{
    /// <summary>The packed weights, the constructor, <c>Baked</c> (with <paramref name="bakedFileName"/>), <c>Preprocessing</c>, <c>Load</c> and <c>FromWeights</c>.</summary>
    public static void Construction(SourceWriter w, WeightsSurface s, string? bakedFileName)
    {
        string type = s.TypeName;
        w.Line(bakedFileName is not null
            ? "// Loaded weights, packed on a 64-byte boundary; null for the baked instance, whose weights are the read-only data at the end of this file."
            : "// The weights, packed on a 64-byte boundary so no vector load straddles two cache lines.");
        w.Line($"private readonly {Runtime}Kernels.PackedWeights? _packed;");
        w.Line();
        w.Open($"private {type}({Runtime}Kernels.PackedWeights? packed, {Runtime}Preprocessing? preprocessing)");
        w.Line("_packed = packed;");
        w.Line("Preprocessing = preprocessing;");
        w.Close();
        w.Line();
        if (bakedFileName is not null)
        {
            w.Line($"/// <summary>The model with the weights baked in at compile time from {Escape(bakedFileName)}: no file, no allocation, no start-up cost.</summary>");
            w.Line($"public static {type} Baked {{ get; }} = new {type}(null, BakedPreprocessing());");
            w.Line();
            w.Line($"private {ReadOnlySpan} PackedWeights => _packed is null ? BakedWeights : _packed.Span;");
        }
        else
        {
            w.Line($"private {ReadOnlySpan} PackedWeights => _packed!.Span;");
        }
        w.Line();
        w.Line($"/// <summary>{s.PreprocessingSummary}</summary>");
        w.Line($"public {Runtime}Preprocessing? Preprocessing {{ get; }}");
        w.Line();
        w.Line($"/// <summary>{s.LoadSummary}</summary>");
        w.Line($"/// <exception cref=\"global::GruNative.WeightsFormatException\">The file is not a valid {s.ModelWord}, or holds another shape than the declared one.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be read.</exception>");
        w.Line($"public static {type} Load(string path) => FromWeights({s.Read("path", null)}, path);");
        w.Line();
        w.Line("/// <summary>Loads weights from a safetensors stream, read to its end.</summary>");
        w.Line($"/// <exception cref=\"global::GruNative.WeightsFormatException\">The content is not a valid {s.ModelWord}, or holds another shape than the declared one.</exception>");
        w.Line($"public static {type} Load(global::System.IO.Stream stream) => FromWeights({s.Read("stream", "\"<stream>\"")}, \"<stream>\");");
        w.Line();
        w.Line("/// <summary>Loads weights from safetensors bytes.</summary>");
        w.Line($"/// <exception cref=\"global::GruNative.WeightsFormatException\">The bytes are not a valid {s.ModelWord}, or hold another shape than the declared one.</exception>");
        w.Line($"public static {type} Load(global::System.ReadOnlySpan<byte> safetensors) => FromWeights({s.Read("safetensors", "\"<buffer>\"")}, \"<buffer>\");");
        w.Line();
        w.Line("/// <summary>Packs weights already in memory (for example fresh from the trainer).</summary>");
        w.Line("/// <exception cref=\"global::GruNative.WeightsFormatException\">The weights hold another shape than the declared one.</exception>");
        w.Line($"public static {type} FromWeights({Runtime}{s.WeightsType} weights, string sourceName = \"<weights>\") =>");
        w.Line($"    new {type}({s.Pack}, weights.Preprocessing);");
        w.Line();
    }

    /// <summary><c>ActivePath</c>: the widest accelerated vectors, a constant once compiled.</summary>
    public static void ActivePath(SourceWriter w)
    {
        w.Line("/// <summary>The code path <see cref=\"global::GruNative.Kernels.VectorPath.Auto\"/> runs: the widest vectors the JIT or NativeAOT accelerates (a constant once compiled, so the dispatch folds away).</summary>");
        w.Line($"public static {VectorPath} ActivePath =>");
        w.Line($"    {Intrinsics}Vector512.IsHardwareAccelerated ? {VectorPath}.Vector512");
        w.Line($"    : {Intrinsics}Vector256.IsHardwareAccelerated ? {VectorPath}.Vector256");
        w.Line($"    : {Intrinsics}Vector128.IsHardwareAccelerated ? {VectorPath}.Vector128");
        w.Line($"    : {VectorPath}.Scalar;");
    }

    /// <summary>
    /// <c>BakedPreprocessing()</c>, which decodes the file's GruNative metadata with the runtime's <paramref name="decode"/>
    /// (a <c>WeightsMetadata</c> method taking the map, <c>Spec</c> and the file name), and <c>BakedWeights</c>.
    /// </summary>
    public static void BakedData(SourceWriter w, IEnumerable<MetadataEntry> fileMetadata, string decode, string fileName, float[] packed)
    {
        var metadata = fileMetadata.Where(e => e.Key.StartsWith(WeightsMetadata.KeyPrefix, System.StringComparison.Ordinal)).ToList();
        w.Line("// The file's GruNative metadata, decoded by the runtime exactly as a loaded file's would be.");
        w.Open($"private static {Runtime}Preprocessing? BakedPreprocessing()");
        if (metadata.Count == 0)
        {
            w.Line("return null;");
        }
        else
        {
            w.Line("var metadata = new global::System.Collections.Generic.Dictionary<string, string>");
            w.Open();
            foreach (var entry in metadata)
                w.Line($"[{Literal(entry.Key)}] = {Literal(entry.Value)},");
            w.Close(";");
            w.Line($"return {Runtime}WeightsMetadata.{decode}(metadata, Spec, {Literal(fileName)});");
        }
        w.Close();
        w.Line();
        w.Line($"/// <summary>The packed weights ({L(packed.Length)} floats), in the binary's read-only data; written with round-trip precision, so they equal the file's bit for bit.</summary>");
        w.Line($"private static {ReadOnlySpan} BakedWeights => new float[]");
        w.Open();
        EmitFloats(w, packed);
        w.Close(";");
    }

    /// <summary>A loop refusing any non-finite value of <paramref name="span"/>, naming it as "<paramref name="what"/> i".</summary>
    public static void RequireFinite(SourceWriter w, string span, string what, string advice = "every value must be finite")
    {
        w.Line($"for (int i = 0; i < {span}.Length; i++)");
        w.Open();
        w.Line($"if (!float.IsFinite({span}[i]))");
        w.Line($"    throw new {ArgumentException}($\"{what} {{i}} is {{{span}[i]}}; {advice}.\", nameof({span}));");
        w.Close();
    }

    /// <summary>Opens the namespace of the kernel classes (file-local, so short names are safe there) with its usings.</summary>
    public static void OpenKernelNamespace(SourceWriter w)
    {
        w.Line();
        w.Line("namespace GruNative.Generated");
        w.Open();
        w.Line("using System;");
        w.Line("using System.Runtime.CompilerServices;");
        w.Line("using System.Runtime.InteropServices;");
        w.Line("using System.Runtime.Intrinsics;");
        w.Line("using GruNative.Kernels;");
        w.Line();
    }
}
