using System.Globalization;
using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Robustness;

/// <summary>Runs many models at once, model i baked from its own file, and checks the outcome of each.</summary>
internal static class HostileInput
{
    public static string Name(int i) => "M" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string File(int i) => "f" + i.ToString("D5", CultureInfo.InvariantCulture) + ".json";

    /// <summary>
    /// One GRU I=2 H=3 L=2 O=2 model per text; the generator must not fail, and each model gets either its source or
    /// GRUN diagnostics naming its file, never both, never neither. Returns the diagnostics by model. Runs the
    /// models in batches: each model's weights file is looked up among all files, so one huge run is quadratic.
    /// </summary>
    public static List<Diagnostic>[] RunEach(IReadOnlyList<string> jsonTexts, int batch = 200)
    {
        var byModel = new List<Diagnostic>[jsonTexts.Count];
        for (int first = 0; first < jsonTexts.Count; first += batch)
            RunBatch(jsonTexts, first, Math.Min(batch, jsonTexts.Count - first), byModel);
        return byModel;
    }

    private static void RunBatch(IReadOnlyList<string> jsonTexts, int first, int count, List<Diagnostic>[] byModel)
    {
        var source = new System.Text.StringBuilder();
        var files = new List<AdditionalText>();
        for (int i = first; i < first + count; i++)
        {
            source.Append("[GruNative.GruModel(2, 3, 2, Layers = 2, WeightsFile = \"").Append(File(i)).Append("\")] internal partial class ").Append(Name(i)).Append(";\n");
            files.Add(new InMemoryAdditionalText("/p/" + File(i), jsonTexts[i]));
        }

        var run = GeneratorHarness.Run([source.ToString()], files);

        run.AssertGeneratorDidNotFail();
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("GRUN0", d.Id, StringComparison.Ordinal));
        for (int i = first; i < first + count; i++)
            byModel[i] = [];
        foreach (var diagnostic in run.GeneratorDiagnostics)
        {
            var match = FileName.Match(diagnostic.GetMessage());
            Assert.True(match.Success, $"the diagnostic names no model's file: {diagnostic}");
            byModel[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)].Add(diagnostic);
        }
        var sources = run.Sources;
        for (int i = first; i < first + count; i++)
        {
            bool generated = sources.ContainsKey(Name(i));
            Assert.True(generated != byModel[i].Count > 0,
                $"model {i} ({File(i)}, {jsonTexts[i].Length} chars): generated = {generated}, diagnostics = [{string.Join("; ", byModel[i])}]");
        }
    }

    private static readonly System.Text.RegularExpressions.Regex FileName = new(@"f(\d{5})\.json", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
