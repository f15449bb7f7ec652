using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// GRUN006: a weights file that is not valid JSON, or not a valid weights document, is reported at the exact line
/// and column of the problem in the JSON file, both in the message and as the diagnostic's location (so an IDE
/// jumps there), with LF and CRLF line ends.
/// </summary>
public class WeightsFileMalformedTests
{
    private const string Declaration = "[GruNative.GruModel(1, 1, 1, WeightsFile = \"tiny.json\")] public partial class Forecaster;";
    private const string Path = "/project/tiny.json";

    // A valid GRU I=1, H=1, O=1; each case breaks it and marks with @@ the position the error must point at.
    private const string Valid = """
        {
          "__metadata__": {"grunative.cell": "gru", "grunative.lookback": "4"},
          "rnn.weight_ih_l0": {"dtype": "F32", "shape": [3, 1], "data": [0.1, 0.2, 0.3]},
          "rnn.weight_hh_l0": {"dtype": "F32", "shape": [3, 1], "data": [0.1, 0.2, 0.3]},
          "rnn.bias_ih_l0": {"dtype": "F32", "shape": [3], "data": [0, 0, 0]},
          "rnn.bias_hh_l0": {"dtype": "F32", "shape": [3], "data": [0, 0, 0]},
          "head.weight": {"dtype": "F32", "shape": [1, 1], "data": [1]},
          "head.bias": {"dtype": "F32", "shape": [1], "data": [0]}
        }
        """;

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "trailing comma", First("[0.1, 0.2, 0.3]}", "[0.1, 0.2, 0.3, @@]}"), "expected a number, found ']'" },
        { "NaN token", First("[0.1, 0.2, 0.3]}", "[0.1, @@NaN, 0.3]}"), "expected a number, found 'N'" },
        { "Infinity token", Last("\"data\": [0]}", "\"data\": [@@-Infinity]}"), "expected a number, found 'I'" },
        { "comment", First("{\n  \"__metadata__\"", "{\n  @@// weights\n  \"__metadata__\""), "expected a tensor name or \"__metadata__\", found '/'" },
        { "single quotes", First("\"head.bias\"", "@@'head.bias'"), "expected a tensor name or \"__metadata__\", found '''" },
        { "missing colon", First("\"head.bias\": {", "\"head.bias\" @@{"), "expected ':' after a key, found '{'" },
        { "number as metadata value", First("\"grunative.lookback\": \"4\"", "\"grunative.lookback\": @@4"), "expected a string value (metadata values are strings), found '4'" },
        { "unsupported dtype", Last("{\"dtype\": \"F32\"", "{@@\"dtype\": \"F16\""), "'head.bias': dtype \"F16\" is not supported; GruNative weights are F32" },
        { "unknown field", Last("\"data\": [0]}", "@@\"values\": [0]}"), "'head.bias': unknown field \"values\" (expected dtype, shape, data)" },
        { "negative dimension", Last("\"shape\": [1]", "\"shape\": [@@-1]"), "'head.bias': shape holds \"-1\", not a non-negative integer" },
        // Integers are integer tokens, as in the reference safetensors reader (serde_json reads these as floats).
        { "negative zero dimension", Last("\"shape\": [1]", "\"shape\": [@@-0]"), "'head.bias': shape holds \"-0\", not a non-negative integer" },
        { "dimension with a fraction", Last("\"shape\": [1]", "\"shape\": [@@1.0]"), "'head.bias': shape holds \"1.0\", not a non-negative integer" },
        { "dimension with an exponent", Last("\"shape\": [1]", "\"shape\": [@@1e0]"), "'head.bias': shape holds \"1e0\", not a non-negative integer" },
        { "more data than the shape holds", Last("\"data\": [0]}", "\"data\": @@[0, 0]}"), "'head.bias': data holds 2 value(s) but shape [1] needs 1" },
        { "duplicate tensor", First("  \"head.bias\"", "  \"head.bias\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [0]},\n  @@\"head.bias\""), "'head.bias': the tensor appears twice" },
        { "content after the object", Last("}\n}", "}\n}\n@@}"), "content after the JSON object" },
        { "truncated after an entry", First("\"data\": [1]},\n", "\"data\": [1]},@@").Split("@@")[0] + "@@", "expected a tensor name or \"__metadata__\", found the end of the file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_reported_at_the_line_and_column_of_the_problem(string description, string marked, string message)
    {
        _ = description;
        foreach (string newline in new[] { "\n", "\r\n" })
        {
            string text = marked.Replace("\n", newline, StringComparison.Ordinal);
            string json = text.Replace("@@", "", StringComparison.Ordinal);
            var (line, column) = TestWeights.Position(text, "@@");

            var run = GeneratorHarness.Run(Declaration, (Path, json));

            var diagnostic = run.SingleDiagnostic("GRUN006");
            Assert.Equal($"tiny.json({line},{column}): {message}", diagnostic.GetMessage());
            DiagnosticAssert.InFile(diagnostic, Path, line, column);
            Assert.Equal(text.IndexOf("@@", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        }
    }

    [Fact]
    public void The_file_the_cases_break_is_valid()
    {
        var run = GeneratorHarness.Run(Declaration, (Path, Valid));

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.SourceFor("Forecaster"));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_reported_at_its_start()
    {
        var run = GeneratorHarness.Run(new[] { Declaration }, new AdditionalText[] { new InMemoryAdditionalText(Path, null) });

        var diagnostic = run.SingleDiagnostic("GRUN006");
        Assert.Equal("tiny.json(1,1): the file cannot be read", diagnostic.GetMessage());
        DiagnosticAssert.AtFileStart(diagnostic, Path);
    }

    /// <summary>
    /// A line break that JSON treats as text or whitespace — U+2028 inside a string, a lone CR between tokens — before
    /// the error: the location (where an IDE jumps) is still the offending character. It once was not: Roslyn's
    /// SourceText counts those as line breaks and the JSON parser does not, and the location was mapped through lines.
    /// </summary>
    [Theory]
    [InlineData("{\"__metadata__\": {\"note\": \"a\u2028b\"},\n\"head.bias\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [0,]}}")]  // U+2028 in a string
    [InlineData("{\"__metadata__\": {\"note\": \"a\"},\r\"head.bias\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [0,]}}")]     // a lone CR as whitespace
    public void A_line_break_the_parser_does_not_count_does_not_shift_the_location(string json)
    {
        var run = GeneratorHarness.Run("[GruNative.GruModel(1, 1, 1, WeightsFile = \"tiny.json\")] internal partial class Forecaster;", ("/project/tiny.json", json));

        var diagnostic = run.SingleDiagnostic("GRUN006");
        Assert.Equal(json.IndexOf(",]", StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
    }

    private static string First(string find, string replace) => Replace(Valid.IndexOf(find, StringComparison.Ordinal), find, replace);

    private static string Last(string find, string replace) => Replace(Valid.LastIndexOf(find, StringComparison.Ordinal), find, replace);

    private static string Replace(int at, string find, string replace)
    {
        Assert.True(at >= 0, find);
        return Valid[..at] + replace + Valid[(at + find.Length)..];
    }
}
