namespace GruNative.Generators.Model;

/// <summary>What a [GruModel]/[LstmModel] declaration says, with no Roslyn object in it.</summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="TypeName">The model type's name.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first (e.g. <c>partial class Outer</c>).</param>
/// <param name="TypeKeyword">The model type's own keyword: <c>class</c> or <c>record class</c>.</param>
/// <param name="GateCount">3 for GRU, 4 for LSTM.</param>
internal sealed record ModelDeclaration(
    string? Namespace,
    string TypeName,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    int GateCount,
    int InputSize,
    int HiddenSize,
    int Layers,
    int OutputSize,
    string? WeightsFile,
    LocationInfo? Location)
{
    public string AttributeName => GateCount == 3 ? "GruModel" : "LstmModel";

    public string CellName => GateCount == 3 ? "GRU" : "LSTM";

    public string FullName => (Namespace is null ? "" : Namespace + ".") + TypeName;

    public string Shape => $"{CellName}(I={InputSize}, H={HiddenSize}, L={Layers}) → Dense({HiddenSize} → {OutputSize})";
}
