using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN008: a complete, well-formed weights file of another model (cell or any size) is reported as such, at the attribute.</summary>
public class ModelMismatchTests
{
    private static readonly string Json = TestWeights.Json(CellKind.Gru, 2, 4, 2, 3);
    private const string Held = "GRU(I=2, H=4, L=2) → Dense(4 → 3)";

    [Theory]
    [InlineData("LstmModel(2, 4, 3, Layers = 2", "LSTM(I=2, H=4, L=2) → Dense(4 → 3)")]
    [InlineData("GruModel(1, 4, 3, Layers = 2", "GRU(I=1, H=4, L=2) → Dense(4 → 3)")]
    [InlineData("GruModel(2, 8, 3, Layers = 2", "GRU(I=2, H=8, L=2) → Dense(8 → 3)")]
    [InlineData("GruModel(2, 4, 3", "GRU(I=2, H=4, L=1) → Dense(4 → 3)")]
    [InlineData("GruModel(2, 4, 3, Layers = 3", "GRU(I=2, H=4, L=3) → Dense(4 → 3)")]
    [InlineData("GruModel(2, 4, 1, Layers = 2", "GRU(I=2, H=4, L=2) → Dense(4 → 1)")]
    public void Says_what_was_declared_and_what_the_file_holds(string attribute, string declared)
    {
        string source = $"namespace N; [GruNative.{attribute}, WeightsFile = \"model.json\")] public partial class Forecaster;";
        DiagnosticAssert.DeclaredButHolds(source, "GruNative.", ("/project/model.json", Json), declared, Held);
    }
}
