namespace GruNative.Generators.Model;

/// <summary>What a [GruModel]/[LstmModel] declaration says, with no Roslyn object in it.</summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="TypeName">The model type's name.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first (e.g. <c>partial class Outer</c>).</param>
/// <param name="TypeKeyword">The model type's own keyword: <c>class</c> or <c>record class</c>.</param>
/// <param name="Spec">The declared shape: the runtime's own model definition, compiled into the generator (it has value equality).</param>
/// <param name="WeightsFile">The file named by <c>WeightsFile</c>, or null when the weights are loaded at run time.</param>
/// <param name="Precision">How the kernel stores the layers' weights (<c>WeightPrecision</c>).</param>
internal sealed record ModelDeclaration(
    string? Namespace,
    string TypeName,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    ModelSpec Spec,
    string? WeightsFile,
    WeightPrecision Precision,
    LocationInfo? Location)
{
    public string AttributeName => AttributeNameOf(Spec.Cell);

    public string FullName => (Namespace is null ? "" : Namespace + ".") + TypeName;

    /// <summary>Where the generated code goes, as every family's emitter takes it.</summary>
    public TypeTarget Target => new(Namespace, TypeName, ContainingTypes, TypeKeyword, Location);

    /// <summary>The attribute that declares a model of <paramref name="cell"/>, as written in source.</summary>
    public static string AttributeNameOf(CellKind cell) => cell == CellKind.Gru ? "GruModel" : "LstmModel";
}
