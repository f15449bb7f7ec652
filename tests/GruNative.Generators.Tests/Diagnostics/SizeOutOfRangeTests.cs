using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// GRUN003: every size is between 1 and the generator's limit (I ≤ 4096, H ≤ 2048, O ≤ 4096, L ≤ 16), and the
/// inline state (L·Pad(H) floats, twice that for LSTM) is at most 32,768 floats.
/// </summary>
public class SizeOutOfRangeTests
{
    [Theory]
    [InlineData("0, 8, 1", "inputSize", "0", "4096")]
    [InlineData("-1, 8, 1", "inputSize", "-1", "4096")]
    [InlineData("4097, 8, 1", "inputSize", "4097", "4096")]
    [InlineData("1, 0, 1", "hiddenSize", "0", "2048")]
    [InlineData("1, -8, 1", "hiddenSize", "-8", "2048")]
    [InlineData("1, 2049, 1", "hiddenSize", "2049", "2048")]
    [InlineData("1, 8, 0", "outputSize", "0", "4096")]
    [InlineData("1, 8, 4097", "outputSize", "4097", "4096")]
    [InlineData("1, 8, 1, Layers = 0", "Layers", "0", "16")]
    [InlineData("1, 8, 1, Layers = -3", "Layers", "-3", "16")]
    [InlineData("1, 8, 1, Layers = 17", "Layers", "17", "16")]
    [InlineData("int.MaxValue, 8, 1", "inputSize", "2147483647", "4096")]
    [InlineData("1, int.MinValue, 1", "hiddenSize", "-2147483648", "2048")]
    public void A_size_out_of_range_is_reported_at_the_attribute(string arguments, string name, string value, string max)
    {
        string source = $"[GruNative.GruModel({arguments})] public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN003", source, "GruNative.GruModel(");
        Assert.Equal($"[GruModel] on 'Forecaster': {name} is {value}; it must be between 1 and {max}", diagnostic.GetMessage());
    }

    [Fact]
    public void Every_size_out_of_range_is_reported()
    {
        var run = GeneratorHarness.Run("[GruNative.LstmModel(0, 0, 0, Layers = 0)] public partial class Forecaster;");

        run.AssertGeneratorDidNotFail();
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("GRUN003", d.Id));
        Assert.Equal(new[] { "inputSize", "hiddenSize", "outputSize", "Layers" },
            run.GeneratorDiagnostics.Select(d => d.GetMessage().Split(": ")[1].Split(' ')[0]));
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Theory]
    [InlineData(2048, 9, 36864)]
    [InlineData(2041, 9, 36864)]  // H is padded to a multiple of 8 in the state: 2048
    [InlineData(1032, 16, 33024)]
    public void The_state_must_fit_in_32768_floats(int hidden, int layers, int floats)
    {
        string source = $"[GruNative.LstmModel(1, {hidden}, 1, Layers = {layers})] public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN003", source, "GruNative.LstmModel(");
        Assert.Equal($"[LstmModel] on 'Forecaster': the state (Layers × hiddenSize × 2, in floats) is {floats}; it must be between 1 and 32768", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("GruModel", 2048, 16)]  // a GRU state can never exceed the limit: 16 × 2048 = 32768
    [InlineData("LstmModel", 2048, 8)]
    [InlineData("LstmModel", 1024, 16)]
    public void A_state_of_exactly_32768_floats_is_accepted(string attribute, int hidden, int layers)
    {
        var run = GeneratorHarness.Run($"[GruNative.{attribute}(4096, {hidden}, 4096, Layers = {layers})] public partial class Forecaster;");

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("InlineArray(" + (32768 + hidden) + ")]", run.SourceFor("Forecaster"));
    }
}
