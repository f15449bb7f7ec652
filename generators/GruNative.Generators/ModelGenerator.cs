using System;
using System.Collections.Immutable;
using GruNative.Generators.Emitting;
using GruNative.Generators.Model;
using GruNative.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GruNative.Generators;

/// <summary>
/// [GruModel]/[LstmModel] on a partial class → a kernel for exactly that shape. The pipeline only wires the
/// steps; <see cref="DeclarationParser"/>, <see cref="WeightsFileParser"/> and <see cref="WeightsBinder"/> build an
/// equatable model, and <see cref="ModelEmitter"/> writes it.
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

        // 2. Every JSON AdditionalFile, parsed once per change of its text; only files a model names are reported on.
        var files = context.AdditionalTextsProvider
            .Where(WeightsFileParser.IsCandidate)
            .Select(WeightsFileParser.Parse)
            .WithTrackingName(Steps.WeightsFiles)
            .Collect();

        // 3. Each declaration joined with its weights file, checked and packed; 4. written out.
        context.RegisterSourceOutput(gru.Combine(files).Select(Bind).WithTrackingName(Steps.GruModels), Emit);
        context.RegisterSourceOutput(lstm.Combine(files).Select(Bind).WithTrackingName(Steps.LstmModels), Emit);
    }

    // Classes and record classes: the attributes target classes only.
    private static bool IsClass(SyntaxNode node, System.Threading.CancellationToken _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax;

    // The generator must never fail the build with an exception: anything unexpected becomes a diagnostic.
    private static DeclarationResult Guard(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken ct, CellKind cell)
    {
        try
        {
            return DeclarationParser.Parse(context, cell, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var info = DiagnosticInfo.Create(Diagnostics.InternalError, LocationInfo.From(context.TargetNode.GetLocation()), context.TargetSymbol.Name, ex.Message);
            return new DeclarationResult(null, new EquatableArray<DiagnosticInfo>(new[] { info }));
        }
    }

    private static ModelToEmit Bind((DeclarationResult Declaration, ImmutableArray<ParsedWeightsFile> Files) input, System.Threading.CancellationToken _)
    {
        try
        {
            return WeightsBinder.Bind(input.Declaration, input.Files);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var d = input.Declaration.Declaration;
            var info = DiagnosticInfo.Create(Diagnostics.InternalError, d?.Location, d?.FullName ?? "?", ex.Message);
            return new ModelToEmit(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, new EquatableArray<DiagnosticInfo>(new[] { info }));
        }
    }

    private static void Emit(SourceProductionContext context, ModelToEmit model)
    {
        foreach (var diagnostic in model.Diagnostics)
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        if (model.Declaration is not { } declaration)
            return;
        string source;
        try
        {
            source = ModelEmitter.Emit(model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.InternalError, declaration.Location?.ToLocation(), declaration.FullName, ex.Message));
            return;
        }
        context.AddSource(HintName(declaration), source);
    }

    /// <summary>
    /// A hint name unique among the models: the full name with characters a file name cannot hold replaced, plus a
    /// hash of the exact name, because hint names must also be unique ignoring case (N.Model and N.MODEL).
    /// </summary>
    private static string HintName(ModelDeclaration d)
    {
        var name = new System.Text.StringBuilder(d.Namespace is null ? "" : d.Namespace + ".");
        foreach (var outer in d.ContainingTypes)
            name.Append(outer.Substring(outer.LastIndexOf(' ') + 1)).Append('.');
        string full = name.Append(d.TypeName).ToString();
        var safe = new System.Text.StringBuilder(full.Length);
        foreach (char c in full)
            safe.Append(char.IsLetterOrDigit(c) && c < 128 || c == '.' || c == '_' ? c : '_');
        uint hash = 2166136261;
        foreach (char c in full)
            hash = (hash ^ c) * 16777619;
        return $"{safe}.{hash:x8}.GruNative.g.cs";
    }
}
