using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN009: a weight that float32 cannot hold (it would become infinity) is reported at the number, with its tensor and index.</summary>
public class NonFiniteWeightTests
{
    private const string Declaration = "[GruNative.GruModel(1, 1, 1, WeightsFile = \"tiny.json\")] public partial class Forecaster;";
    private const string Path = "/project/tiny.json";

    /// <summary>A GRU I=1 H=1 O=1 weights file with <c>@@</c> for weight_hh's element 1 (InvalidWeightPrecisionTests uses it too).</summary>
    internal const string Template = """
        {
          "rnn.weight_ih_l0": {"dtype": "F32", "shape": [3, 1], "data": [0.1, 0.2, 0.3]},
          "rnn.weight_hh_l0": {"dtype": "F32", "shape": [3, 1], "data": [0.1, @@, 0.3]},
          "rnn.bias_ih_l0": {"dtype": "F32", "shape": [3], "data": [0, 0, 0]},
          "rnn.bias_hh_l0": {"dtype": "F32", "shape": [3], "data": [0, 0, 0]},
          "head.weight": {"dtype": "F32", "shape": [1, 1], "data": [1]},
          "head.bias": {"dtype": "F32", "shape": [1], "data": [0]}
        }
        """;

    [Theory]
    [InlineData("1e39")]
    [InlineData("-3.5e38")]
    [InlineData("340282357000000000000000000000000000000")]  // above float.MaxValue by more than half an ulp: rounds to infinity
    [InlineData("1e2147483648")]                             // an exponent beyond int
    [InlineData("1e99999999999999999999")]
    public void Is_reported_at_the_number(string number)
    {
        string json = Template.Replace("@@", number, StringComparison.Ordinal);
        var (line, column) = TestWeights.Position(Template, "@@");

        var run = GeneratorHarness.Run(Declaration, (Path, json));

        var diagnostic = run.SingleDiagnostic("GRUN009");
        Assert.Equal($"tiny.json({line},{column}): 'rnn.weight_hh_l0': {number} lies outside float32's range (element 1); every weight must be a finite float32", diagnostic.GetMessage());
        DiagnosticAssert.InFile(diagnostic, Path, line, column);
    }

    [Theory]
    [InlineData("340282346638528859811704183484516925440")]  // float.MaxValue exactly
    [InlineData("3.4028235e38")]
    [InlineData("1e-50")]                                    // underflows to zero: finite
    [InlineData("-0")]
    public void The_largest_finite_values_are_accepted(string number)
    {
        var run = GeneratorHarness.Run(Declaration, (Path, Template.Replace("@@", number, StringComparison.Ordinal)));

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.SourceFor("Forecaster"));
    }
}
