using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN005: a weights file name that matches more than one AdditionalFile is an error, never a guess.</summary>
public class WeightsFileAmbiguousTests
{
    private static readonly string Json = TestWeights.Json(CellKind.Lstm, 2, 8, 1, 1);

    [Fact]
    public void Is_reported_at_the_attribute_and_lists_every_match()
    {
        string source = "namespace N; [GruNative.LstmModel(2, 8, 1, WeightsFile = \"model.json\")] public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN005", source, "GruNative.LstmModel(", ("/project/a/model.json", Json), ("/project/b/model.json", Json), ("/project/c/other.json", Json));
        Assert.Equal("'N.Forecaster': the weights file \"model.json\" matches 2 AdditionalFiles (/project/a/model.json, /project/b/model.json); give a longer path ending",
            diagnostic.GetMessage());
    }

    [Fact]
    public void A_longer_path_ending_resolves_it()
    {
        var run = GeneratorHarness.Run(
            "namespace N; [GruNative.LstmModel(2, 8, 1, WeightsFile = \"b/model.json\")] public partial class Forecaster;",
            ("/project/a/model.json", Json), ("/project/b/model.json", Json));

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.SourceFor("N.Forecaster"));
    }
}
