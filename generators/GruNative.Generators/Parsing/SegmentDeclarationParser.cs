using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using GruNative.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Parsing;

/// <summary>Turns a [SegmentModel] class into a <see cref="SegmentModelDeclaration"/>, reporting what makes it unusable.</summary>
internal static class SegmentDeclarationParser
{
    public const string SegmentAttribute = "GruNative.SegmentModelAttribute";

    /// <summary>Members every generated segment model declares; a user member of the same name would collide.</summary>
    private static readonly string[] GeneratedMembers =
    {
        "Lookback", "Horizon", "SegmentLength", "HiddenSize", "Channels", "InputSegments", "OutputSegments", "InputSize",
        "OutputSize", "Spec", "History", "Baked", "PackedWeights", "Preprocessing", "Load", "FromWeights", "Forecast",
        "ForecastChannels", "ActivePath", "Run", "BakedPreprocessing", "BakedWeights", "_packed", "Workspace",
    };

    public static SegmentDeclarationResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var attribute = context.Attributes[0];
        // The compiler reports malformed attribute arguments itself; there is nothing to generate from them.
        bool wellFormed = attribute.ConstructorArguments.Length == 5 && attribute.ConstructorArguments.All(a => a.Value is int);
        var target = TypeTargetParser.Parse(context, SegmentAttribute, wellFormed, GeneratedMembers, cancellationToken, out var failure);
        if (target is null)
            return new SegmentDeclarationResult(null, failure is null ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(new[] { failure }));
        string typeName = context.TargetSymbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        var location = target.Location;
        var diagnostics = new List<DiagnosticInfo>();
        void Invalid(string problem) => diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidSegmentShape, location, typeName, problem));

        int decoding = (int)SegmentDecoding.Parallel, channels = 0;
        string? weights = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Decoding" && named.Value.Value is int d)
                decoding = d;
            else if (named.Key == "Channels" && named.Value.Value is int c)
                channels = c;
            else if (named.Key == "WeightsFile")
                weights = named.Value.Value as string;
        }
        int cell = (int)attribute.ConstructorArguments[0].Value!;
        int lookback = (int)attribute.ConstructorArguments[1].Value!;
        int horizon = (int)attribute.ConstructorArguments[2].Value!;
        int segmentLength = (int)attribute.ConstructorArguments[3].Value!;
        int hiddenSize = (int)attribute.ConstructorArguments[4].Value!;

        if (cell is not ((int)CellKind.Gru or (int)CellKind.Lstm))
            Invalid($"cell {Format(cell)} is not a CellKind: use CellKind.Gru or CellKind.Lstm");
        if (decoding is not ((int)SegmentDecoding.Parallel or (int)SegmentDecoding.Recurrent))
            Invalid($"Decoding {Format(decoding)} is not a SegmentDecoding: use SegmentDecoding.Parallel or SegmentDecoding.Recurrent");
        if (channels < 0)
            Invalid($"Channels is {Format(channels)}; it is the number of channels with a channel embedding, or 0 for no channel ids");
        if (diagnostics.Count == 0)
        {
            foreach (var (name, value, max) in ModelLimits.FindSegmentKernelViolations(lookback, horizon, segmentLength, hiddenSize, channels))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.SizeOutOfRange, location, SegmentModelDeclaration.AttributeName, typeName, name,
                    value.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture)));
            }
        }
        // How the sizes must fit together: the runtime's own rules (lookback and horizon multiples of w, channel ids).
        if (diagnostics.Count == 0 && SegmentModelSpec.FindProblem(lookback, horizon, segmentLength, hiddenSize, (SegmentDecoding)decoding, channels) is { } problem)
            Invalid(problem.Message);
        if (weights is not null && weights.Trim().Length == 0)
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.WeightsFileNotFound, location, typeName, weights));
        if (diagnostics.Count > 0)
            return new SegmentDeclarationResult(null, diagnostics.ToEquatableArray());

        var spec = new SegmentModelSpec((CellKind)cell, lookback, horizon, segmentLength, hiddenSize, (SegmentDecoding)decoding, channels);
        return new SegmentDeclarationResult(new SegmentModelDeclaration(target, spec, weights), EquatableArray<DiagnosticInfo>.Empty);
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
