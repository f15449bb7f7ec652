using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GruNative.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GruNative.Generators.Parsing;

/// <summary>The outcome of parsing one attributed type: a declaration to emit, or only diagnostics.</summary>
internal sealed record DeclarationResult(ModelDeclaration? Declaration, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Turns an attributed class into a <see cref="ModelDeclaration"/>, reporting what makes it unusable.</summary>
internal static class DeclarationParser
{
    public const string GruAttribute = "GruNative.GruModelAttribute";
    public const string LstmAttribute = "GruNative.LstmModelAttribute";

    public static DeclarationResult Parse(GeneratorAttributeSyntaxContext context, CellKind cell, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation())
                       ?? LocationInfo.From(context.TargetNode.GetLocation());
        string attributeName = ModelDeclaration.AttributeNameOf(cell);
        string typeName = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

        DeclarationResult Fail(DiagnosticInfo diagnostic)
        {
            diagnostics.Add(diagnostic);
            return new DeclarationResult(null, diagnostics.ToEquatableArray());
        }

        // Both attributes on one type: report once (from the LSTM pipeline), generate nothing.
        if (type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() is GruAttribute or LstmAttribute) > 1)
        {
            return cell == CellKind.Lstm
                ? Fail(DiagnosticInfo.Create(Diagnostics.MultipleModelAttributes, location, typeName))
                : new DeclarationResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        // The compiler reports malformed attribute arguments itself; there is nothing to generate from them.
        if (attribute.ConstructorArguments.Length != 3 || attribute.ConstructorArguments.Any(a => a.Value is not int))
            return new DeclarationResult(null, EquatableArray<DiagnosticInfo>.Empty);

        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            return Fail(DiagnosticInfo.Create(Diagnostics.TypeNotPartial, LocationInfo.From(declaration.Identifier.GetLocation()), typeName, attributeName));
        if (type.IsStatic)
            return Fail(Unsupported(declaration, typeName, "it is static; a model is an instance that holds its weights"));
        if (type.IsAbstract)
            return Fail(Unsupported(declaration, typeName, "it is abstract; the generated code creates instances of it"));
        if (type.TypeParameters.Length > 0)
            return Fail(Unsupported(declaration, typeName, "it is generic; declare the model on a non-generic class"));
        if (type.IsFileLocal)
            return Fail(Unsupported(declaration, typeName, "it is file-local, and the generated code lives in another file"));
        if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null }))
            return Fail(Unsupported(declaration, typeName, "it has a primary constructor; the generated constructors could not chain to it"));
        if (Array.IndexOf(GeneratedMembers, type.Name) >= 0)
            return Fail(Unsupported(declaration, typeName, $"the generated code declares a member named '{type.Name}', and a member cannot share its type's name"));
        foreach (var member in GeneratedMembers)
        {
            var clash = type.GetMembers(member).FirstOrDefault(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource && !IsGenerated(l)));
            if (clash is not null)
                return Fail(Unsupported(declaration, typeName, $"it declares '{member}', which the generated code declares too"));
        }

        var containing = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
                return Fail(Unsupported(declaration, typeName, $"it is nested in the generic type '{outer.Name}'"));
            var outerSyntax = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (outerSyntax is null || !outer.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword)))
                return Fail(Unsupported(declaration, typeName, $"its containing type '{outer.Name}' is not partial"));
            containing.Insert(0, $"partial {Keyword(outer)} {Identifier(outer.Name)}");
        }

        int layers = 1;
        string? weights = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Layers" && named.Value.Value is int l)
                layers = l;
            else if (named.Key is "WeightsFile" or "Weights")   // Weights: the obsolete name of WeightsFile
                weights ??= named.Value.Value as string;
        }

        int input = (int)attribute.ConstructorArguments[0].Value!;
        int hidden = (int)attribute.ConstructorArguments[1].Value!;
        int output = (int)attribute.ConstructorArguments[2].Value!;
        foreach (var (name, value, max) in ModelLimits.FindKernelViolations(cell, input, hidden, layers, output))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.SizeOutOfRange, location, attributeName, typeName, name,
                value.ToString(System.Globalization.CultureInfo.InvariantCulture), max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (weights is not null && weights.Trim().Length == 0)
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.WeightsFileNotFound, location, typeName, weights));
        if (diagnostics.Count > 0)
            return new DeclarationResult(null, diagnostics.ToEquatableArray());

        string? ns = type.ContainingNamespace.IsGlobalNamespace
            ? null
            : string.Join(".", type.ContainingNamespace.ToDisplayString().Split('.').Select(Identifier));
        var model = new ModelDeclaration(ns, Identifier(type.Name), containing.ToEquatableArray(), Keyword(type),
            new ModelSpec(cell, input, hidden, layers, output), weights, location);
        return new DeclarationResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Members every generated model declares; a user member of the same name would collide.</summary>
    private static readonly string[] GeneratedMembers =
    {
        "InputSize", "HiddenSize", "Layers", "OutputSize", "StateLength", "PaddedHidden", "Spec", "State",
        "Baked", "PackedWeights", "Preprocessing", "Load", "FromWeights", "Step", "Predict", "Run", "Forecast", "ActivePath",
        "StepState", "PredictState", "BakedPreprocessing", "BakedWeights", "_packed",
    };

    private static bool IsGenerated(Location location) =>
        location.SourceTree?.FilePath.EndsWith(".GruNative.g.cs", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A name as C# source: reserved keywords need their @ back (<c>@event</c>).</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static DiagnosticInfo Unsupported(TypeDeclarationSyntax declaration, string typeName, string reason) =>
        DiagnosticInfo.Create(Diagnostics.UnsupportedDeclaration, LocationInfo.From(declaration.Identifier.GetLocation()), typeName, reason);

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record class",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
