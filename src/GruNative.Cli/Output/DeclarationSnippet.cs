using System.Globalization;

namespace GruNative.Cli.Output;

/// <summary>The C# declaration that bakes a weights file into a generated kernel, ready to paste.</summary>
internal static class DeclarationSnippet
{
    /// <summary>
    /// <c>[GruModel(inputSize: 1, hiddenSize: 32, outputSize: 24, Layers = 2, WeightsFile = "model.weights.json")]</c> and the
    /// partial class line, plus the project item the generator needs.
    /// </summary>
    public static string For(ModelSpec spec, string className, string? jsonFileName)
    {
        string attribute = spec.Cell == CellKind.Gru ? "GruModel" : "LstmModel";
        string layers = spec.Layers == 1 ? "" : $", Layers = {spec.Layers.ToString(CultureInfo.InvariantCulture)}";
        string weights = jsonFileName is null ? "" : $", WeightsFile = \"{jsonFileName}\"";
        string declaration =
            $"[{attribute}(inputSize: {spec.InputSize}, hiddenSize: {spec.HiddenSize}, outputSize: {spec.OutputSize}{layers}{weights})]\n" +
            $"public partial class {className};";
        return jsonFileName is null
            ? declaration
            : declaration + $"\n// in the .csproj: <ItemGroup><AdditionalFiles Include=\"{jsonFileName}\" /></ItemGroup>";
    }
}
