using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Declarations;

/// <summary>
/// Unusual declarations — records, keyword names, names that differ in case or repeat elsewhere, names generated code
/// uses, abstract, file-local or primary-constructor types. The rule they hold: for any declaration, the generator either
/// reports a GRUN diagnostic and generates nothing for it, or generates code that compiles cleanly; it never throws, and
/// never leaves compiler errors inside generated code or on a type it silently skipped. Each "Was:" is a bug these
/// cases found (all fixed).
/// </summary>
public class UnusualDeclarationTests
{
    private static void AssertReportedOrCompilesCleanly(GeneratorRun run)
    {
        run.AssertGeneratorDidNotFail();
        if (run.GeneratorDiagnostics.Any(d => d.Id.StartsWith("GRUN", StringComparison.Ordinal)))
        {
            Assert.Empty(run.Result.GeneratedSources);
            return;
        }
        Assert.Empty(run.CompilationDiagnostics.Select(d => d.ToString()));
    }

    /// <summary>
    /// Was: nothing generated and nothing reported for a record — the syntax predicate accepted only
    /// ClassDeclarationSyntax — so the first use of the model failed with CS0117.
    /// </summary>
    [Theory]
    [InlineData("[GruNative.GruModel(1, 8, 1)] internal partial record class Forecaster; internal static class Use { public static int F() => Forecaster.StateLength; }")]
    [InlineData("[GruNative.LstmModel(1, 8, 1)] internal sealed partial record Forecaster; internal static class Use { public static int F() => Forecaster.StateLength; }")]
    public void A_record_model_is_generated(string source) =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run(source));

    /// <summary>
    /// Was: CS8785 — "The hintName 'N.MODEL.GruNative.g.cs' of the added source file must be unique within a
    /// generator" (Roslyn compares hint names ignoring case) — and every model of the compilation lost its code.
    /// </summary>
    [Fact]
    public void Models_whose_names_differ_only_in_case_are_both_generated() =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run(
            "namespace N; [GruNative.GruModel(1, 8, 1)] internal partial class Model; [GruNative.LstmModel(1, 8, 1)] internal partial class MODEL;"));

    /// <summary>Was: CS8785 — "The hintName '@class.Forecaster.GruNative.g.cs' contains an invalid character '@'".</summary>
    [Fact]
    public void A_keyword_namespace_is_generated() =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run("namespace @class; [GruNative.GruModel(1, 8, 1)] internal partial class Forecaster;"));

    /// <summary>Was: <c>partial class event</c> / <c>partial class class</c> in the generated file (CS1001 and a cascade).</summary>
    [Theory]
    [InlineData("namespace N; [GruNative.GruModel(1, 8, 1)] internal partial class @event;")]
    [InlineData("namespace N; internal partial class @class { [GruNative.GruModel(1, 8, 1)] internal partial class Forecaster; }")]
    public void Keyword_type_names_are_escaped(string source) =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run(source));

    /// <summary>Was: the user's Unsafe, Vector512, ArgumentException… shadowed the unqualified names of generated code (CS0117, CS1729).</summary>
    [Fact]
    public void User_types_do_not_shadow_the_names_generated_code_uses() =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run(
            "namespace N { internal class Unsafe; internal class Vector512; internal class ArgumentException; internal class MemoryMarshal; internal class ModelSpec; internal class Activations; internal class ScalarKernels; [GruNative.GruModel(1, 8, 1)] internal partial class Forecaster; }"));

    /// <summary>Was: CS0144 ("Cannot create an instance of the abstract type") inside the generated FromWeights.</summary>
    [Fact]
    public void An_abstract_model_is_reported() =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run("[GruNative.GruModel(1, 8, 1)] internal abstract partial class Forecaster;"));

    /// <summary>Was: CS8862 in the generated file — its private constructor did not chain to the primary constructor.</summary>
    [Fact]
    public void A_primary_constructor_is_reported_or_supported() =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run(
            "[GruNative.GruModel(1, 8, 1)] internal partial class Forecaster(int seed) { public int Seed => seed; }"));

    /// <summary>Was: CS0542 ("member names cannot be the same as their enclosing type") in the generated file.</summary>
    [Theory]
    [InlineData("State")]
    [InlineData("Spec")]
    [InlineData("PackedWeights")]
    [InlineData("ActivePath")]
    [InlineData("Step")]
    [InlineData("InputSize")]
    [InlineData("Baked")]
    [InlineData("Load")]
    public void A_model_named_like_a_generated_member_is_reported(string name) =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run($"namespace N; [GruNative.GruModel(1, 8, 1)] internal partial class {name};"));

    /// <summary>Was: the generated <c>partial class Forecaster</c> declared a second, unrelated type; the file-local one got nothing (CS0117).</summary>
    [Fact]
    public void A_file_local_model_is_reported() =>
        AssertReportedOrCompilesCleanly(GeneratorHarness.Run(
            "namespace N; [GruNative.GruModel(1, 8, 1)] file partial class Forecaster; internal static class Use { public static int F() => Forecaster.InputSize; }"));

    /// <summary>Two models of the same name in different namespaces, and one nested: distinct files, no clash of the kernel classes.</summary>
    [Fact]
    public void Models_of_the_same_name_in_different_places_are_all_generated()
    {
        var run = GeneratorHarness.Run(
            "namespace A { [GruNative.GruModel(1, 8, 1)] internal partial class Forecaster; } namespace B { [GruNative.LstmModel(2, 8, 1)] internal partial class Forecaster; internal partial class Outer { [GruNative.GruModel(3, 8, 1)] internal partial class Forecaster; } }");

        AssertReportedOrCompilesCleanly(run);
        Assert.Equal(["A.Forecaster", "B.Forecaster", "B.Outer.Forecaster"], run.Sources.Keys.Order(StringComparer.Ordinal));
    }
}
