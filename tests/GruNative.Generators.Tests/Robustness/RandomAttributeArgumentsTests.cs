using System.Text;
using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Robustness;

/// <summary>
/// Any attribute arguments — out of range, extreme, of the wrong type, malformed — give GRUN diagnostics or the
/// compiler's own errors, never a generator exception (CS8785) or GRUN999.
/// </summary>
public class RandomAttributeArgumentsTests
{
    private static readonly string[] Sizes =
    [
        "int.MinValue", "-2147483647", "-1000000", "-1", "0", "1", "2", "3", "7", "8", "9", "31", "33", "64", "255",
        "2047", "2048", "2049", "4095", "4096", "4097", "65536", "1 << 20", "int.MaxValue", "int.MaxValue - 7",
    ];

    private static readonly string[] LayerCounts = ["int.MinValue", "-1", "0", "1", "2", "4", "15", "16", "17", "int.MaxValue"];

    [Fact]
    public void Random_sizes_are_generated_or_reported_with_GRUN003()
    {
        var random = new Random(21);
        var source = new StringBuilder();
        const int Models = 400;
        for (int i = 0; i < Models; i++)
        {
            string attribute = random.Next(2) == 0 ? "GruModel" : "LstmModel";
            string layers = random.Next(3) == 0 ? "" : ", Layers = " + LayerCounts[random.Next(LayerCounts.Length)];
            // Mostly extreme values; a valid model now and then, kept small so generating it stays quick.
            string Size() => random.Next(4) == 0 ? random.Next(1, 40).ToString(System.Globalization.CultureInfo.InvariantCulture) : Sizes[random.Next(Sizes.Length)];
            source.Append($"[GruNative.{attribute}({Size()}, {Size()}, {Size()}{layers})] internal partial class M{i};\n");
        }

        var run = GeneratorHarness.Run(source.ToString());

        run.AssertGeneratorDidNotFail();
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("GRUN003", d.Id));
        for (int i = 0; i < Models; i++)
        {
            bool generated = run.Sources.ContainsKey($"M{i}");
            bool reported = run.GeneratorDiagnostics.Any(d => d.GetMessage().Contains($"'M{i}'", StringComparison.Ordinal));
            Assert.True(generated != reported, $"M{i}: generated = {generated}, reported = {reported}");
        }
    }

    [Theory]
    [InlineData("[GruNative.GruModel(\"1\", 8, 1)]")]
    [InlineData("[GruNative.GruModel(1.5, 8, 1)]")]
    [InlineData("[GruNative.GruModel(1, 8)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, 1)]")]
    [InlineData("[GruNative.GruModel]")]
    [InlineData("[GruNative.LstmModel()]")]
    [InlineData("[GruNative.GruModel(unknown, 8, 1)]")]
    [InlineData("[GruNative.GruModel(default, default, default)]")]
    [InlineData("[GruNative.GruModel(checked(int.MaxValue + 1), 8, 1)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, Layers = \"2\")]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, Layers = 2.5)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, WeightsFile = 3)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, WeightsFile = null)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, WeightsFile = \"\\0\")]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, WeightsFile = \"../../../etc/passwd.json\")]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, WeightsFile = \"C:\\\\models\\\\model.json\")]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, WeightsFile = \"*.json\")]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, Unknown = 3)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1, Layers = 2, Layers = 3)]")]
    [InlineData("[GruNative.GruModel(inputSize: 1, outputSize: 2, hiddenSize: 8)]")]
    [InlineData("[GruNative.GruModel(1, 8, 1")]
    public void Malformed_arguments_do_not_break_the_generator(string attribute)
    {
        var run = GeneratorHarness.Run(
            new[] { attribute + " internal partial class Forecaster;", "[GruNative.GruModel(1, 8, 1)] internal partial class Other;" },
            [new InMemoryAdditionalText("/p/model.json", TestWeights.Json(CellKind.Gru, 1, 8, 1, 1))]);

        run.AssertGeneratorDidNotFail();
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("GRUN0", d.Id, StringComparison.Ordinal));
        Assert.Contains("Other", run.Sources.Keys);
    }

    [Theory]
    [InlineData("[GruNative.GruModel(1, 8, 1)] internal partial struct Forecaster;")]
    [InlineData("[GruNative.GruModel(1, 8, 1)] internal partial interface Forecaster;")]
    [InlineData("[GruNative.LstmModel(1, 8, 1)] internal enum Forecaster { A }")]
    [InlineData("[GruNative.GruModel(1, 8, 1)] internal delegate void Forecaster();")]
    [InlineData("internal partial class Forecaster { [GruNative.GruModel(1, 8, 1)] void M() { } }")]
    [InlineData("[assembly: GruNative.GruModel(1, 8, 1)]")]
    public void The_attribute_on_something_else_than_a_class_is_left_to_the_compiler(string source)
    {
        var run = GeneratorHarness.Run(source);

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Result.GeneratedSources);
        Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS0592");
    }
}
