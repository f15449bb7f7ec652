using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// One compilation with a broken model of every kind next to valid ones: each broken model gets exactly its own
/// diagnostic, and the valid models are generated as if the broken ones were not there.
/// </summary>
public class BrokenModelsAreIsolatedTests
{
    [Fact]
    public void Each_broken_model_reports_its_own_diagnostic_and_the_valid_ones_are_generated()
    {
        string gru = TestWeights.Json(CellKind.Gru, 2, 4, 1, 1);
        var files = new (string Path, string Text)[]
        {
            ("/p/good.json", gru),
            ("/p/a/twice.json", gru),
            ("/p/b/twice.json", gru),
            ("/p/broken.json", gru[..100]),
            ("/p/extra.json", TestWeights.Edit(gru, root => root.SetTensor("extra", 1))),
            ("/p/huge.json", TestWeights.Edit(gru, root => root["head.bias"]!["data"]![0] = 1e39)),
            ("/p/meta.json", TestWeights.Edit(gru, root => root.Metadata()["grunative.colour"] = "red")),
        };
        const string Source = """
            namespace N;

            [GruNative.GruModel(2, 4, 1, WeightsFile = "good.json")] internal partial class Good;
            [GruNative.LstmModel(1, 8, 1)] internal partial class AlsoGood;
            [GruNative.GruModel(2, 4, 1)] internal class G001;
            [GruNative.GruModel(2, 4, 1)] internal static partial class G002;
            [GruNative.GruModel(2, 4, 0)] internal partial class G003;
            [GruNative.GruModel(2, 4, 1, WeightsFile = "missing.json")] internal partial class G004;
            [GruNative.GruModel(2, 4, 1, WeightsFile = "twice.json")] internal partial class G005;
            [GruNative.GruModel(2, 4, 1, WeightsFile = "broken.json")] internal partial class G006;
            [GruNative.GruModel(2, 4, 1, WeightsFile = "extra.json")] internal partial class G007;
            [GruNative.LstmModel(2, 4, 1, WeightsFile = "good.json")] internal partial class G008;
            [GruNative.GruModel(2, 4, 1, WeightsFile = "huge.json")] internal partial class G009;
            [GruNative.GruModel(2, 4, 1), GruNative.LstmModel(2, 4, 1)] internal partial class G010;
            [GruNative.GruModel(2, 4, 1, WeightsFile = "meta.json")] internal partial class G011;
            """;

        var run = GeneratorHarness.Run([Source], files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)));

        run.AssertGeneratorDidNotFail();
        Assert.Equal(["N.AlsoGood", "N.Good"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"GRUN{i:D3}"), run.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        var declarations = new[] { "G001", "G002", "G003", "G004", "G005", "G007", "G008", "G010" };
        foreach (var name in declarations)
            Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "GRUN" + name[1..] && d.GetMessage().Contains($"'N.{name}'", StringComparison.Ordinal));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).Select(d => d.ToString()));
    }
}
