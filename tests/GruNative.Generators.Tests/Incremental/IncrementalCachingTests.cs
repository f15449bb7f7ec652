using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace GruNative.Generators.Tests.Incremental;

/// <summary>
/// The pipeline caches: an edit that does not touch a model leaves every tracked step (ModelGenerator.Steps)
/// Cached or Unchanged, so nothing is re-emitted; and no step output holds a compilation, symbol or syntax node.
/// </summary>
public class IncrementalCachingTests(ITestOutputHelper output)
{
    private static readonly string[] TrackedSteps =
    [
        ModelGenerator.Steps.GruDeclarations, ModelGenerator.Steps.LstmDeclarations, ModelGenerator.Steps.WeightsFiles,
        ModelGenerator.Steps.GruModels, ModelGenerator.Steps.LstmModels, ModelGenerator.Steps.SegmentDeclarations,
        ModelGenerator.Steps.SegmentModels,
    ];

    private const string Models = """
        namespace N;

        [GruNative.GruModel(3, 9, 2, Layers = 2, WeightsFile = "gru.json")] internal partial class BakedGru;
        [GruNative.LstmModel(2, 8, 3, WeightsFile = "lstm.json")] internal partial class BakedLstm;
        [GruNative.GruModel(1, 8, 1)] internal partial class LoadedGru;
        [GruNative.LstmModel(4, 16, 2, Layers = 2)] internal partial class LoadedLstm;
        [GruNative.GruModel(0, 8, 1)] internal partial class Broken;
        [GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 2, 6, Channels = 2, WeightsFile = "segment.json")] internal partial class BakedSegment;
        [GruNative.SegmentModel(GruNative.CellKind.Lstm, 12, 6, 3, 8, Decoding = GruNative.SegmentDecoding.Recurrent)] internal partial class LoadedSegment;
        """;

    private static readonly InMemoryAdditionalText Gru = new("/project/gru.json", TestWeights.Json(CellKind.Gru, 3, 9, 2, 2));
    private static readonly InMemoryAdditionalText Lstm = new("/project/lstm.json", TestWeights.Json(CellKind.Lstm, 2, 8, 1, 3));
    private static readonly InMemoryAdditionalText Segment = new("/project/segment.json", SegmentJson());
    private static readonly InMemoryAdditionalText Unrelated = new("/project/settings.json", "{ \"not\": \"weights\" }");

    private static string SegmentJson()
    {
        var spec = new SegmentModelSpec(CellKind.Gru, 8, 4, 2, 6, SegmentDecoding.Parallel, 2);
        var tensors = SegmentTensors.Expected(spec).ToDictionary(t => t.Key, t => new float[t.Value.Aggregate(1L, (a, b) => a * b)]);
        return JsonSegmentWeights.Format(new SegmentModelWeights(spec, tensors));
    }

    private static GeneratorRun FirstRun()
    {
        var compilation = GeneratorHarness.CreateCompilation([Models, "namespace N; internal static class Helper { public static int One() => 1; }"]);
        var run = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver([Gru, Lstm, Segment, Unrelated]));
        run.AssertGeneratorDidNotFail();
        Assert.Equal(6, run.Result.GeneratedSources.Length);
        return run;
    }

    // The first run's input with the one tree that contains `marker` replaced by `edit` of its text, at the same path.
    private static Compilation WithTreeEdited(GeneratorRun first, string marker, Func<string, string> edit)
    {
        var tree = first.Input.SyntaxTrees.Single(t => t.ToString().Contains(marker, StringComparison.Ordinal));
        return first.Input.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edit(tree.ToString()), GeneratorHarness.ParseOptions, path: tree.FilePath));
    }

    private static GeneratorRunResult RunAgain(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGenerators(compilation).GetRunResult().Results.Single();

    private static IEnumerable<(string Step, int Index, IncrementalStepRunReason Reason)> Reasons(GeneratorRunResult result) =>
        TrackedSteps.SelectMany(name => result.TrackedSteps.TryGetValue(name, out var steps)
            ? steps.SelectMany((step, i) => step.Outputs.Select(o => (name, i, o.Reason)))
            : []);

    private void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        var reasons = Reasons(result).ToList();
        foreach (var (step, index, reason) in reasons)
            output.WriteLine($"{step}[{index}]: {reason}");
        Assert.All(TrackedSteps, name => Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} did not run"));
        Assert.All(reasons, r => Assert.True(r.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{r.Step}[{r.Index}] is {r.Reason}"));
        AssertSourceOutputsReused(result);
    }

    // RegisterSourceOutput runs its action only for New or Modified inputs: Cached and Unchanged ones are not re-emitted.
    private void AssertSourceOutputsReused(GeneratorRunResult result)
    {
        var inputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Inputs)
            .Select(i => i.Source.Outputs[i.OutputIndex].Reason).ToList();
        Assert.Equal(7, inputs.Count);
        foreach (var reason in inputs)
            output.WriteLine($"source output input: {reason}");
        Assert.All(inputs, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"a source output re-runs: {reason}"));
    }

    [Fact]
    public void Adding_an_unrelated_syntax_tree_reuses_every_step()
    {
        var first = FirstRun();
        var edited = first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace N; internal static class Other { }", GeneratorHarness.ParseOptions, path: "Other.cs"));

        AssertAllCachedOrUnchanged(RunAgain(first.Driver, edited));
    }

    [Fact]
    public void Editing_an_unrelated_syntax_tree_reuses_every_step()
    {
        var first = FirstRun();
        var edited = WithTreeEdited(first, "Helper", _ => "namespace N; internal static class Helper { public static int Two() => 2; }");

        AssertAllCachedOrUnchanged(RunAgain(first.Driver, edited));
    }

    [Fact]
    public void Editing_a_comment_in_the_models_file_reuses_every_model_step()
    {
        // The models' own file changes (trivia only): declarations are re-parsed but compare equal, so nothing downstream runs.
        var first = FirstRun();
        var edited = WithTreeEdited(first, "BakedGru", models => models + "\n// a comment at the end\n");

        AssertAllCachedOrUnchanged(RunAgain(first.Driver, edited));
    }

    [Fact]
    public void Editing_an_unrelated_additional_file_does_not_re_emit_any_model()
    {
        var first = FirstRun();
        // Parsed differently (the error moves), so the collected files change and every model is re-bound...
        var driver = first.Driver.ReplaceAdditionalText(Unrelated, new InMemoryAdditionalText(Unrelated.Path, "{\n\n  \"still\": \"not weights\" }"));

        var result = RunAgain(driver, first.Input);

        foreach (var (step, index, reason) in Reasons(result))
            output.WriteLine($"{step}[{index}]: {reason}");
        Assert.Single(result.TrackedSteps[ModelGenerator.Steps.WeightsFiles].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        // ...but binds to equal models, so no source output runs again.
        foreach (var step in new[] { ModelGenerator.Steps.GruModels, ModelGenerator.Steps.LstmModels, ModelGenerator.Steps.SegmentModels })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs),
                o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        AssertSourceOutputsReused(result);
    }

    [Fact]
    public void Editing_one_weights_file_re_emits_only_its_model()
    {
        var first = FirstRun();
        var driver = first.Driver.ReplaceAdditionalText(Lstm, new InMemoryAdditionalText(Lstm.Path, TestWeights.Json(CellKind.Lstm, 2, 8, 1, 3, seed: 99)));

        var result = RunAgain(driver, first.Input);

        foreach (var step in new[] { ModelGenerator.Steps.GruModels, ModelGenerator.Steps.SegmentModels })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs),
                o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        var lstmModels = result.TrackedSteps[ModelGenerator.Steps.LstmModels].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(lstmModels, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("BakedLstm", modified.Value.ToString());
        var weightsFiles = result.TrackedSteps[ModelGenerator.Steps.WeightsFiles].SelectMany(s => s.Outputs).ToList();
        Assert.Single(weightsFiles, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(first.SourceFor("N.BakedLstm"), result.GeneratedSources.Single(s => GeneratorRun.ModelOf(s.HintName) == "N.BakedLstm").SourceText.ToString());
    }

    [Fact]
    public void No_step_output_holds_a_compilation_a_symbol_or_a_syntax_node()
    {
        var first = FirstRun();
        var second = RunAgain(first.Driver, first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", GeneratorHarness.ParseOptions)));

        foreach (var result in new[] { first.Result, second })
        {
            int outputs = 0;
            foreach (var name in TrackedSteps)
            {
                foreach (var step in result.TrackedSteps[name])
                {
                    foreach (var (value, _) in step.Outputs)
                    {
                        outputs++;
                        Assert.Empty(StepOutputWalker.FindBanned(value));
                    }
                }
            }
            Assert.True(outputs >= 7 + 3, $"only {outputs} outputs were walked");
        }
    }

    [Fact]
    public void The_walker_finds_what_it_looks_for()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        Assert.NotEmpty(StepOutputWalker.FindBanned((1, new[] { (object)tree.GetRoot() })));
        Assert.NotEmpty(StepOutputWalker.FindBanned(new { Inner = new List<object> { tree.GetRoot().GetLocation() } }));
        Assert.Empty(StepOutputWalker.FindBanned((1, "text", new[] { 1f, 2f })));
    }
}
