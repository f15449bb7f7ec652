using System;
using System.Collections.Immutable;
using GruNative.Generators.Emitting;
using GruNative.Generators.Model;
using GruNative.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GruNative.Generators;

/// <summary>
/// [GruModel]/[LstmModel]/[SegmentModel] on a partial class → a kernel for exactly that shape. The pipeline only wires
/// the steps; per family a parser (<see cref="DeclarationParser"/>, <see cref="SegmentDeclarationParser"/>), the shared
/// <see cref="WeightsFileParser"/> and a binder (<see cref="WeightsBinder"/>, <see cref="SegmentWeightsBinder"/>) build an
/// equatable model, and an emitter (<see cref="ModelEmitter"/>, <see cref="SegmentModelEmitter"/>) writes it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for the incremental-caching tests.</summary>
    public static class Steps
    {
        public const string GruDeclarations = nameof(GruDeclarations);
        public const string LstmDeclarations = nameof(LstmDeclarations);
        public const string WeightsFiles = nameof(WeightsFiles);
        public const string GruModels = nameof(GruModels);
        public const string LstmModels = nameof(LstmModels);
        public const string SegmentDeclarations = nameof(SegmentDeclarations);
        public const string SegmentModels = nameof(SegmentModels);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. The attributed classes, each parsed into an equatable declaration (or diagnostics).
        var gru = context.SyntaxProvider
            .ForAttributeWithMetadataName(DeclarationParser.GruAttribute, IsClass, (c, ct) => Guard(c, ct, CellKind.Gru))
            .WithTrackingName(Steps.GruDeclarations);
        var lstm = context.SyntaxProvider
            .ForAttributeWithMetadataName(DeclarationParser.LstmAttribute, IsClass, (c, ct) => Guard(c, ct, CellKind.Lstm))
            .WithTrackingName(Steps.LstmDeclarations);
        var segment = context.SyntaxProvider
            .ForAttributeWithMetadataName(SegmentDeclarationParser.SegmentAttribute, IsClass, GuardSegment)
            .WithTrackingName(Steps.SegmentDeclarations);

        // 2. Every JSON AdditionalFile, parsed once per change of its text; only files a model names are reported on.
        var files = context.AdditionalTextsProvider
            .Where(WeightsFileParser.IsCandidate)
            .Select(WeightsFileParser.Parse)
            .WithTrackingName(Steps.WeightsFiles)
            .Collect();

        // 3. Each declaration joined with its weights file, checked and packed; 4. written out.
        context.RegisterSourceOutput(gru.Combine(files).Select(Bind).WithTrackingName(Steps.GruModels), Emit);
        context.RegisterSourceOutput(lstm.Combine(files).Select(Bind).WithTrackingName(Steps.LstmModels), Emit);
        context.RegisterSourceOutput(segment.Combine(files).Select(BindSegment).WithTrackingName(Steps.SegmentModels), EmitSegment);
    }

    // Classes and record classes: the attributes target classes only.
    private static bool IsClass(SyntaxNode node, System.Threading.CancellationToken _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax;

    // The generator must never fail the build with an exception: anything unexpected becomes a diagnostic.
    private static T Guarded<T>(Func<T> step, LocationInfo? location, string modelName, Func<EquatableArray<DiagnosticInfo>, T> failed)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return failed(new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(Diagnostics.InternalError, location, modelName, ex.Message) }));
        }
    }

    private static DeclarationResult Guard(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken ct, CellKind cell) =>
        Guarded(() => DeclarationParser.Parse(context, cell, ct), LocationInfo.From(context.TargetNode.GetLocation()), context.TargetSymbol.Name,
            diagnostics => new DeclarationResult(null, diagnostics));

    private static SegmentDeclarationResult GuardSegment(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken ct) =>
        Guarded(() => SegmentDeclarationParser.Parse(context, ct), LocationInfo.From(context.TargetNode.GetLocation()), context.TargetSymbol.Name,
            diagnostics => new SegmentDeclarationResult(null, diagnostics));

    private static ModelToEmit Bind((DeclarationResult Declaration, ImmutableArray<ParsedWeightsFile> Files) input, System.Threading.CancellationToken _) =>
        Guarded(() => WeightsBinder.Bind(input.Declaration, input.Files), input.Declaration.Declaration?.Location, input.Declaration.Declaration?.FullName ?? "?",
            diagnostics => new ModelToEmit(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, diagnostics));

    private static SegmentModelToEmit BindSegment((SegmentDeclarationResult Declaration, ImmutableArray<ParsedWeightsFile> Files) input, System.Threading.CancellationToken _) =>
        Guarded(() => SegmentWeightsBinder.Bind(input.Declaration, input.Files), input.Declaration.Declaration?.Location, input.Declaration.Declaration?.FullName ?? "?",
            diagnostics => new SegmentModelToEmit(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, diagnostics));

    private static void Emit(SourceProductionContext context, ModelToEmit model) =>
        EmitSource(context, model.Diagnostics, model.Declaration is { } d ? (d.Namespace, d.ContainingTypes, d.TypeName, d.Location) : null,
            () => ModelEmitter.Emit(model));

    private static void EmitSegment(SourceProductionContext context, SegmentModelToEmit model) =>
        EmitSource(context, model.Diagnostics, model.Declaration is { Target: var t } ? (t.Namespace, t.ContainingTypes, t.TypeName, t.Location) : null,
            () => SegmentModelEmitter.Emit(model));

    // Reports a model's diagnostics and, when it has a declaration, adds its source (or reports why it could not be written).
    private static void EmitSource(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics,
        (string? Namespace, EquatableArray<string> ContainingTypes, string TypeName, LocationInfo? Location)? type, Func<string> emit)
    {
        foreach (var diagnostic in diagnostics)
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        if (type is not { } t)
            return;
        string fullName = (t.Namespace is null ? "" : t.Namespace + ".") + t.TypeName;
        string source;
        try
        {
            source = emit();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.InternalError, t.Location?.ToLocation(), fullName, ex.Message));
            return;
        }
        context.AddSource(HintName(t.Namespace, t.ContainingTypes, t.TypeName), source);
    }

    /// <summary>
    /// A hint name unique among the models: the full name with characters a file name cannot hold replaced, plus a
    /// hash of the exact name, because hint names must also be unique ignoring case (N.Model and N.MODEL).
    /// </summary>
    private static string HintName(string? ns, EquatableArray<string> containingTypes, string typeName)
    {
        var name = new System.Text.StringBuilder(ns is null ? "" : ns + ".");
        foreach (var outer in containingTypes)
            name.Append(outer.Substring(outer.LastIndexOf(' ') + 1)).Append('.');
        string full = name.Append(typeName).ToString();
        var safe = new System.Text.StringBuilder(full.Length);
        foreach (char c in full)
            safe.Append(char.IsLetterOrDigit(c) && c < 128 || c == '.' || c == '_' ? c : '_');
        uint hash = 2166136261;
        foreach (char c in full)
            hash = (hash ^ c) * 16777619;
        return $"{safe}.{hash:x8}.GruNative.g.cs";
    }
}
