using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Regressions;

/// <summary>
/// Generator bugs found by these tests after the first round of fixes (see GeneratorBugRegressionTests). Each test
/// states the input, what happened and what should happen; all are fixed and the tests guard against regressions.
/// </summary>
public class MoreGeneratorRegressionTests
{
    /// <summary>
    /// Input: <c>partial class Outer&lt;T&gt; { [GruModel(1, 8, 1)] partial class Forecaster; }</c>.
    /// Was: GRUN002 says "it is generic; declare the model on a non-generic class" — misleading, Forecaster is not
    /// generic. <c>INamedTypeSymbol.IsGenericType</c> is also true for a type nested in a generic type, so
    /// DeclarationParser's dedicated message ("it is nested in the generic type 'Outer'") is unreachable.
    /// Expected: the dedicated message (test <c>type.TypeParameters.Length &gt; 0</c> for "it is generic").
    /// </summary>
    [Theory]
    [InlineData("public partial class Outer<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "it is nested in the generic type 'Outer'")]
    [InlineData("public partial class Outer { public partial class Inner<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; } }", "it is nested in the generic type 'Inner'")]
    public void Fixed_a_model_nested_in_a_generic_type_is_said_to_be_generic(string source, string reason) =>
        Assert.EndsWith(": " + reason, GeneratorHarness.Run(source).SingleDiagnostic("GRUN002").GetMessage());

    /// <summary>
    /// Input: a weights file with a line break that JSON treats as ordinary text or whitespace — a literal U+2028
    /// (LINE SEPARATOR) inside a string, or a lone CR between tokens — before a syntax error.
    /// Was: the message names the right place ("tiny.json(2,72)"), but the diagnostic's location — where an IDE
    /// jumps — is elsewhere: Roslyn's SourceText counts U+2028 (and U+2029, U+0085, a lone CR) as a line break, the
    /// JSON parser does not, and LocationInfo.InFile maps the parser's (line, column) through SourceText's lines.
    /// Expected: the location at the offending character (e.g. map the parser's character offset instead).
    /// </summary>
    [Theory]
    [InlineData("{\"__metadata__\": {\"note\": \"a\u2028b\"},\n\"head.bias\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [0,]}}")]  // U+2028 in a string
    [InlineData("{\"__metadata__\": {\"note\": \"a\"},\r\"head.bias\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [0,]}}")]     // a lone CR as whitespace
    public void Fixed_a_line_break_the_parser_does_not_count_shifts_the_diagnostic_location(string json)
    {
        var run = GeneratorHarness.Run("[GruNative.GruModel(1, 1, 1, WeightsFile = \"tiny.json\")] internal partial class Forecaster;", ("/project/tiny.json", json));

        var diagnostic = run.SingleDiagnostic("GRUN006");
        Assert.Equal(json.IndexOf(",]", StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
    }
}
