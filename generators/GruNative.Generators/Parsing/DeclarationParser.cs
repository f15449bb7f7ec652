using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GruNative.Generators.Model;
using Microsoft.CodeAnalysis;
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
        var attribute = context.Attributes[0];
        // The compiler reports malformed attribute arguments itself; there is nothing to generate from them.
        bool wellFormed = attribute.ConstructorArguments.Length == 3 && attribute.ConstructorArguments.All(a => a.Value is int);
        var target = TypeTargetParser.Parse(context, cell == CellKind.Gru ? GruAttribute : LstmAttribute, wellFormed, GeneratedMembers, cancellationToken, out var failure);
        if (target is null)
            return new DeclarationResult(null, failure is null ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(new[] { failure }));
        var location = target.Location;
        string attributeName = ModelDeclaration.AttributeNameOf(cell);
        string typeName = context.TargetSymbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

        int layers = 1;
        string? weights = null;
        int precision = (int)WeightPrecision.Fp32;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Layers" && named.Value.Value is int l)
                layers = l;
            else if (named.Key == "WeightPrecision" && named.Value.Value is int p)
                precision = p;
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
        if (precision is not ((int)WeightPrecision.Fp32 or (int)WeightPrecision.BFloat16))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidWeightPrecision, location, typeName,
                $"WeightPrecision is {precision.ToString(System.Globalization.CultureInfo.InvariantCulture)}, which names no precision; use WeightPrecision.Fp32 or WeightPrecision.BFloat16"));
        }
        if (diagnostics.Count > 0)
            return new DeclarationResult(null, diagnostics.ToEquatableArray());

        var model = new ModelDeclaration(target.Namespace, target.TypeName, target.ContainingTypes, target.TypeKeyword,
            new ModelSpec(cell, input, hidden, layers, output), weights, (WeightPrecision)precision, location);
        return new DeclarationResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Members every generated model declares; a user member of the same name would collide.</summary>
    private static readonly string[] GeneratedMembers =
    {
        "InputSize", "HiddenSize", "Layers", "OutputSize", "StateLength", "PaddedHidden", "Spec", "State",
        "Baked", "PackedWeights", "Preprocessing", "Load", "FromWeights", "Step", "Predict", "Run", "Forecast", "ActivePath",
        "StepState", "PredictState", "BakedPreprocessing", "BakedWeights", "_packed",
    };
}
