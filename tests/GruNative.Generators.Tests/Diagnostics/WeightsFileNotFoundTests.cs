using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN004: the weights file a model names must be one of the project's AdditionalFiles.</summary>
public class WeightsFileNotFoundTests
{
    private static readonly string Json = TestWeights.Json(CellKind.Gru, 1, 8, 1, 1);

    [Theory]
    [InlineData("missing.json")]
    [InlineData("other/model.json")]   // the file exists, but not under that folder
    [InlineData("model.weights")]       // only *.json files are weights files
    [InlineData("")]
    [InlineData("   ")]
    public void Is_reported_at_the_attribute_with_the_fix(string weights)
    {
        string source = $"[GruNative.GruModel(1, 8, 1, WeightsFile = \"{weights}\")] public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN004", source, "GruNative.GruModel(", ("/project/data/model.json", Json), ("/project/data/model.weights", Json));
        Assert.Equal($"'Forecaster': no AdditionalFiles item matches the weights file \"{weights}\"; add <AdditionalFiles Include=\"{weights}\" /> to the project", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("model.json")]
    [InlineData("data/model.json")]
    [InlineData("./data/model.json")]
    [InlineData("data\\model.json")]
    [InlineData("DATA/Model.JSON")]
    public void A_file_name_or_path_ending_finds_the_file(string weights)
    {
        var run = GeneratorHarness.Run(
            $"[GruNative.GruModel(1, 8, 1, WeightsFile = @\"{weights}\")] public partial class Forecaster;", ("/project/data/model.json", Json));

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.SourceFor("Forecaster"));
    }
}
