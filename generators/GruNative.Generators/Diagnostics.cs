using Microsoft.CodeAnalysis;

namespace GruNative.Generators;

/// <summary>Every diagnostic the generator reports, in one place. IDs are stable; messages say what to change.</summary>
internal static class Diagnostics
{
    private const string Category = "GruNative";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "GRUN001", "Model type must be partial",
        "'{0}' carries [{1}] but is not declared partial; add the 'partial' modifier so GruNative can generate its kernel");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(
        "GRUN002", "Model type is declared where GruNative cannot generate code",
        "'{0}' cannot be a GruNative model: {1}");

    public static readonly DiagnosticDescriptor SizeOutOfRange = Error(
        "GRUN003", "Model size out of range",
        "[{0}] on '{1}': {2} is {3}; it must be between 1 and {4}");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "GRUN004", "Weights file not among AdditionalFiles",
        "'{0}': no AdditionalFiles item matches the weights file \"{1}\"; add <AdditionalFiles Include=\"{1}\" /> to the project");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "GRUN005", "Weights file name is ambiguous",
        "'{0}': the weights file \"{1}\" matches {2} AdditionalFiles ({3}); give a longer path ending");

    public static readonly DiagnosticDescriptor WeightsFileMalformed = Error(
        "GRUN006", "Weights file is not valid",
        "{0}({1},{2}): {3}");

    public static readonly DiagnosticDescriptor TensorMismatch = Error(
        "GRUN007", "Weights file does not fit the declared model",
        "'{0}': tensor '{1}' in {2}: {3}");

    public static readonly DiagnosticDescriptor ModelMismatch = Error(
        "GRUN008", "Weights file describes another model",
        "'{0}' is declared as {1} but {2} holds {3}");

    public static readonly DiagnosticDescriptor NonFiniteWeight = Error(
        "GRUN009", "Weight is not a finite float32",
        "{0}({1},{2}): '{3}': {4}; every weight must be a finite float32");

    public static readonly DiagnosticDescriptor MultipleModelAttributes = Error(
        "GRUN010", "Type carries more than one model attribute",
        "'{0}' carries {1}; a type declares one model");

    public static readonly DiagnosticDescriptor InvalidMetadata = Error(
        "GRUN011", "Weights file metadata is not valid",
        "{0}: metadata '{1}': {2}");

    public static readonly DiagnosticDescriptor InvalidSegmentShape = Error(
        "GRUN012", "Segment model shape is not valid",
        "[SegmentModel] on '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidWeightPrecision = Error(
        "GRUN013", "Weight precision cannot apply",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "GRUN999", "GruNative generator failed",
        "GruNative could not generate '{0}': {1}; please report this");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
