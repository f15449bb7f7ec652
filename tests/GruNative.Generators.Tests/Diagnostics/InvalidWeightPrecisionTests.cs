using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// GRUN013: a WeightPrecision that names no precision is reported at the attribute, and a baked weight beyond
/// bfloat16's range (about 3.39e38, though within float32's) at the declaration; fp32 still bakes it.
/// </summary>
public class InvalidWeightPrecisionTests
{
    private const string Path = "/project/tiny.json";

    private const string Template = NonFiniteWeightTests.Template;

    [Theory]
    [InlineData("(GruNative.WeightPrecision)2", "2")]
    [InlineData("(GruNative.WeightPrecision)(-1)", "-1")]
    public void A_value_naming_no_precision_is_reported_at_the_attribute(string value, string shown)
    {
        string source = $"[GruNative.GruModel(1, 8, 1, WeightPrecision = {value})] public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN013", source, "GruNative.GruModel(");
        Assert.Equal($"'Forecaster': WeightPrecision is {shown}, which names no precision; use WeightPrecision.Fp32 or WeightPrecision.BFloat16", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("3.3962e38")]    // above the midpoint of bfloat16's largest value and 2^128: rounds to infinity
    [InlineData("-3.4e38")]
    public void A_baked_weight_beyond_bfloat16_is_reported(string number)
    {
        const string declaration = "[GruNative.GruModel(1, 1, 1, WeightsFile = \"tiny.json\", WeightPrecision = GruNative.WeightPrecision.BFloat16)] public partial class Forecaster;";
        var run = GeneratorHarness.Run(declaration, (Path, Template.Replace("@@", number, StringComparison.Ordinal)));

        var diagnostic = run.SingleDiagnostic("GRUN013");
        Assert.Equal("'Forecaster': tiny.json holds a layer weight beyond bfloat16's largest finite value (about 3.39e38); declare WeightPrecision.Fp32", diagnostic.GetMessage());
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Theory]
    [InlineData("GruNative.WeightPrecision.BFloat16", "3.3895e38")]   // bfloat16's largest finite value, about: rounds down to it
    [InlineData("GruNative.WeightPrecision.Fp32", "3.4e38")]
    public void Weights_within_range_are_baked(string precision, string number)
    {
        string declaration = $"[GruNative.GruModel(1, 1, 1, WeightsFile = \"tiny.json\", WeightPrecision = {precision})] public partial class Forecaster;";
        var run = GeneratorHarness.Run(declaration, (Path, Template.Replace("@@", number, StringComparison.Ordinal)));

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Result.GeneratedSources);
    }
}
