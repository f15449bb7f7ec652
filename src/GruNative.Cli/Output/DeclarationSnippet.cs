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

    /// <summary>
    /// <c>[SegmentModel(CellKind.Gru, lookback: 336, horizon: 96, segmentLength: 24, hiddenSize: 64, Channels = 7,
    /// WeightsFile = "model.weights.json")]</c> and the partial class line, plus the project item the generator needs.
    /// </summary>
    public static string For(SegmentModelSpec spec, string className, string? jsonFileName)
    {
        string decoding = spec.Decoding == SegmentDecoding.Recurrent ? ", Decoding = SegmentDecoding.Recurrent" : "";
        string channels = spec.UsesChannelIds ? $", Channels = {spec.Channels.ToString(CultureInfo.InvariantCulture)}" : "";
        string weights = jsonFileName is null ? "" : $", WeightsFile = \"{jsonFileName}\"";
        string declaration =
            $"[SegmentModel(CellKind.{spec.Cell}, lookback: {spec.Lookback}, horizon: {spec.Horizon}, segmentLength: {spec.SegmentLength}, " +
            $"hiddenSize: {spec.HiddenSize}{decoding}{channels}{weights})]\n" +
            $"public partial class {className};";
        return jsonFileName is null
            ? declaration
            : declaration + $"\n// in the .csproj: <ItemGroup><AdditionalFiles Include=\"{jsonFileName}\" /></ItemGroup>";
    }
}
