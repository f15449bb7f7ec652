using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GruNative.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GruNative.Generators.Parsing;

/// <summary>
/// What every model family asks of the attributed type before reading its attribute's arguments: one model attribute,
/// a partial, non-static, non-abstract, non-generic class in partial containers, with no member the generated code
/// declares. Each family's parser calls it with its own attribute and generated members.
/// </summary>
internal static class TypeTargetParser
{
    /// <summary>The model attributes, in the order that decides which pipeline reports a type carrying several (the last present).</summary>
    private static readonly (string MetadataName, string Display)[] ModelAttributes =
    {
        (DeclarationParser.GruAttribute, "GruModel"),
        (DeclarationParser.LstmAttribute, "LstmModel"),
        (SegmentDeclarationParser.SegmentAttribute, SegmentModelDeclaration.AttributeName),
    };

    /// <summary>
    /// Reads the attributed type of <paramref name="context"/>. Returns the target, or null with the diagnostic to report
    /// in <paramref name="failure"/> (null too when another pipeline reports, or the compiler already does).
    /// </summary>
    /// <param name="context">The attributed type.</param>
    /// <param name="attributeMetadataName">The attribute of the calling pipeline.</param>
    /// <param name="argumentsWellFormed">
    /// Whether the attribute's constructor arguments have the types it declares; when not, the compiler reports them and
    /// nothing is generated or reported here.
    /// </param>
    /// <param name="generatedMembers">Members the family's generated code declares; a user member of the same name would collide.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="failure">The diagnostic to report when the target is null, or null for none.</param>
    public static TypeTarget? Parse(GeneratorAttributeSyntaxContext context, string attributeMetadataName, bool argumentsWellFormed,
        IReadOnlyList<string> generatedMembers, CancellationToken cancellationToken, out DiagnosticInfo? failure)
    {
        failure = null;
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation())
                       ?? LocationInfo.From(context.TargetNode.GetLocation());
        string attributeName = ModelAttributes.First(a => a.MetadataName == attributeMetadataName).Display;
        string typeName = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

        // Several model attributes on one type: reported once, by the pipeline of the last one present, and nothing generated.
        var present = ModelAttributes.Where(a => type.GetAttributes().Any(t => t.AttributeClass?.ToDisplayString() == a.MetadataName)).ToList();
        int count = type.GetAttributes().Count(a => ModelAttributes.Any(m => m.MetadataName == a.AttributeClass?.ToDisplayString()));
        if (count > 1)
        {
            if (present[present.Count - 1].MetadataName == attributeMetadataName)
            {
                var names = present.Select(a => $"[{a.Display}]").ToList();
                string list = names.Count == 1 ? $"{names[0]} more than once"
                    : names.Count == 2 ? $"both {names[0]} and {names[1]}"
                    : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
                failure = DiagnosticInfo.Create(Diagnostics.MultipleModelAttributes, location, typeName, list);
            }
            return null;
        }
        if (!argumentsWellFormed)
            return null;

        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            failure = DiagnosticInfo.Create(Diagnostics.TypeNotPartial, LocationInfo.From(declaration.Identifier.GetLocation()), typeName, attributeName);
            return null;
        }
        string? problem = FindUnsupported(type, generatedMembers, cancellationToken, out var containing);
        if (problem is not null)
        {
            failure = DiagnosticInfo.Create(Diagnostics.UnsupportedDeclaration, LocationInfo.From(declaration.Identifier.GetLocation()), typeName, problem);
            return null;
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace
            ? null
            : string.Join(".", type.ContainingNamespace.ToDisplayString().Split('.').Select(Identifier));
        return new TypeTarget(ns, Identifier(type.Name), containing.ToEquatableArray(), Keyword(type), location);
    }

    private static string? FindUnsupported(INamedTypeSymbol type, IReadOnlyList<string> generatedMembers, CancellationToken cancellationToken, out List<string> containing)
    {
        containing = new List<string>();
        if (type.IsStatic)
            return "it is static; a model is an instance that holds its weights";
        if (type.IsAbstract)
            return "it is abstract; the generated code creates instances of it";
        if (type.TypeParameters.Length > 0)
            return "it is generic; declare the model on a non-generic class";
        if (type.IsFileLocal)
            return "it is file-local, and the generated code lives in another file";
        if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null }))
            return "it has a primary constructor; the generated constructors could not chain to it";
        if (generatedMembers.Contains(type.Name))
            return $"the generated code declares a member named '{type.Name}', and a member cannot share its type's name";
        foreach (var member in generatedMembers)
        {
            var clash = type.GetMembers(member).FirstOrDefault(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource && !IsGenerated(l)));
            if (clash is not null)
                return $"it declares '{member}', which the generated code declares too";
        }
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
                return $"it is nested in the generic type '{outer.Name}'";
            var outerSyntax = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (outerSyntax is null || !outer.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword)))
                return $"its containing type '{outer.Name}' is not partial";
            containing.Insert(0, $"partial {Keyword(outer)} {Identifier(outer.Name)}");
        }
        return null;
    }

    private static bool IsGenerated(Location location) =>
        location.SourceTree?.FilePath.EndsWith(".GruNative.g.cs", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A name as C# source: reserved keywords need their @ back (<c>@event</c>).</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record class",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
