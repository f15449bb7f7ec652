namespace GruNative.Generators.Model;

/// <summary>Where a model's generated code goes: the attributed type, with no Roslyn object in it. Every model family has one.</summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="TypeName">The model type's name (an identifier, with its @ when it is a keyword).</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first (e.g. <c>partial class Outer</c>).</param>
/// <param name="TypeKeyword">The model type's own keyword: <c>class</c> or <c>record class</c>.</param>
/// <param name="Location">The attribute, where diagnostics about the declaration point.</param>
internal sealed record TypeTarget(
    string? Namespace,
    string TypeName,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    LocationInfo? Location)
{
    public string FullName => (Namespace is null ? "" : Namespace + ".") + TypeName;
}
