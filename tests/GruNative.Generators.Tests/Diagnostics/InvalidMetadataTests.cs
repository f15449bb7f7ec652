using System.Text.Json.Nodes;
using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// GRUN011: a baked file's GruNative metadata is checked at compile time with the runtime's rules, so the generated
/// <c>Preprocessing</c> cannot fail at start-up. Each case is also rejected by the runtime's own reader.
/// </summary>
public class InvalidMetadataTests
{
    private const string Declaration = "[GruNative.GruModel(2, 4, 4, WeightsFile = \"model.json\")] public partial class Forecaster;";
    private const string Path = "/project/model.json";
    private static readonly string Json = TestWeights.Json(CellKind.Gru, 2, 4, 1, 4);

    private static Action<JsonObject> Set(params (string Key, string Value)[] entries) => root =>
    {
        foreach (var (key, value) in entries)
            root.Metadata()["grunative." + key] = value;
    };

    private static readonly (string, string)[] TwoInputs = [("input_columns", "[\"a\",\"b\"]"), ("input_mean", "[0,1]"), ("input_std", "[1,2]")];

    public static TheoryData<string, Action<JsonObject>, string, string> Cases() => new()
    {
        { "unknown key", Set(("colour", "red")), "colour", "unknown GruNative metadata key; it may come from a newer version and cannot be ignored safely" },
        { "newer format", Set(("format_version", "2")), "format_version", "version '2' is not supported (this generator knows '1')" },
        { "other cell", Set(("cell", "lstm")), "cell", "says 'lstm' but the tensors are those of a gru" },
        { "other size", Set(("hidden_size", "5")), "hidden_size", "says 5 but the tensors give 4" },
        { "size not a number", Set(("num_layers", "two")), "num_layers", "'two' is not a positive integer" },
        { "zero lookback", Set(("lookback", "0")), "lookback", "'0' is not a positive integer" },
        { "signed horizon", Set(("horizon", "+2")), "horizon", "'+2' is not a positive integer" },
        { "columns without scalers", Set(("input_columns", "[\"a\",\"b\"]")), "input_columns", "grunative.input_columns, grunative.input_mean and grunative.input_std must appear together" },
        { "scalers without columns", Set(("target_std", "[1]")), "target_std", "grunative.target_columns, grunative.target_mean and grunative.target_std must appear together" },
        { "malformed names", Set([.. TwoInputs, ("input_columns", "[\"a\",\"b\"")]), "input_columns", "is not a JSON array of strings: expected ',' or ']' in the array, found the end of the file" },
        { "names not strings", Set([.. TwoInputs, ("input_columns", "[1,2]")]), "input_columns", "is not a JSON array of strings: expected a string, found '1'" },
        { "mean beyond double", Set([.. TwoInputs, ("input_mean", "[1e999,0]")]), "input_mean", "is not a JSON array of numbers: 1e999 lies outside the range of a double" },
        { "NaN mean", Set([.. TwoInputs, ("input_mean", "[NaN,0]")]), "input_mean", "is not a JSON array of numbers: expected a number, found 'N'" },
        { "zero deviation", Set([.. TwoInputs, ("input_std", "[1,0]")]), "input_std", "every standard deviation must be positive" },
        { "counts differ", Set([.. TwoInputs, ("input_mean", "[0]")]), "input_columns", "2 name(s), 1 mean(s) and 2 standard deviation(s) differ in count" },
        { "duplicate names", Set([.. TwoInputs, ("input_columns", "[\"a\",\"a\"]")]), "input_columns", "column names must be non-empty and distinct" },
        { "empty name", Set([.. TwoInputs, ("input_columns", "[\"a\",\"\"]")]), "input_columns", "column names must be non-empty and distinct" },
        { "too many inputs", Set(("input_columns", "[\"a\",\"b\",\"c\"]"), ("input_mean", "[0,0,0]"), ("input_std", "[1,1,1]")), "input_columns", "3 input column(s) are described but the model reads 2 value(s) per step" },
        { "targets do not divide", Set(("target_columns", "[\"a\",\"b\",\"c\"]"), ("target_mean", "[0,0,0]"), ("target_std", "[1,1,1]")), "target_columns", "the head's 4 output(s) do not divide into 3 target column(s)" },
        { "horizon does not divide", Set(("horizon", "3")), "horizon", "horizon 3 × 1 target(s) ≠ the head's 4 output(s)" },
        { "unknown window normalisation", Set(("window_normalization", "revin")), "window_normalization", "'revin' is not one of none, last, mean, seasonal" },
        { "seasonal without a season", Set([.. TwoInputs, ("window_normalization", "seasonal")]), "season_length", "the seasonal window normalisation needs a season length of at least 1" },
        { "season of another normalisation", Set([.. TwoInputs, ("window_normalization", "last"), ("season_length", "12")]), "season_length", "a season length is only read by the seasonal window normalisation" },
        { "season longer than half the lookback", Set([.. TwoInputs, ("window_normalization", "seasonal"), ("season_length", "12"), ("lookback", "20")]), "season_length", "the seasonal window normalisation fits a trend and 12 seasonal means to each window, so it needs a lookback of at least two seasons (24), not 20" },
        { "negative Box-Cox lambda", Set([.. TwoInputs, ("box_cox_columns", "[\"a\"]"), ("box_cox_lambda", "[-1]")]), "box_cox_lambda", "λ -1 of 'a' is outside [0, 2]" },
        { "Box-Cox of an unknown column", Set([.. TwoInputs, ("box_cox_columns", "[\"z\"]"), ("box_cox_lambda", "[0]")]), "box_cox_columns", "'z' is neither an input nor a target column" },
        { "interval level of 1", Set(("interval_levels", "[1]"), ("interval_offsets", "[1,1,1,1]")), "interval_levels", "interval level 1 is outside (0, 1)" },
        { "interval offsets of another head", Set(("interval_levels", "[0.9]"), ("interval_offsets", "[1,1]")), "interval_offsets", "2 offset(s) for 1 level(s) × the head's 4 output(s)" },
        { "intervals that narrow", Set(("interval_levels", "[0.8,0.9]"), ("interval_offsets", "[2,2,2,2,1,1,1,1]")), "interval_offsets", "the interval of output 0 narrows from level 0.8 to 0.9" },
        { "interval scale without intervals", Set(("interval_scale_steps", "3")), "interval_scale_steps", "is only read with grunative.interval_levels and grunative.interval_offsets" },
        { "adaptive intervals without column names", Set(("interval_levels", "[0.9]"), ("interval_offsets", "[1,1,1,1]"), ("interval_scale_steps", "3")), "interval_scale_steps", "scale-adaptive intervals need the input and target column names, to find each target's recent values" },
        { "interval tracking rate of 2", Set(("interval_levels", "[0.9]"), ("interval_offsets", "[1,1,1,1]"), ("interval_tracking_rate", "2")), "interval_tracking_rate", "the interval tracking rate 2 is outside (0, 1]" },
        { "interval tracking rate not a number", Set(("interval_levels", "[0.9]"), ("interval_offsets", "[1,1,1,1]"), ("interval_tracking_rate", "fast")), "interval_tracking_rate", "'fast' is not a number" },
        { "interval tracking without intervals", Set(("interval_tracking_rate", "0.01")), "interval_tracking_rate", "is only read with grunative.interval_levels and grunative.interval_offsets" },
        { "Box-Cox lambdas without columns", Set(("box_cox_lambda", "[0]")), "box_cox_lambda", "grunative.box_cox_columns and grunative.box_cox_lambda must appear together" },
        { "window normalisation without names", Set(("window_normalization", "mean")), "window_normalization", "per-window normalisation needs the input and target column names, to add each target's level back" },
        { "window normalisation of a foreign target", Set([.. TwoInputs, ("target_columns", "[\"c\"]"), ("target_mean", "[0]"), ("target_std", "[1]"), ("window_normalization", "last")]), "window_normalization", "per-window normalisation needs target column 'c' among the input columns" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_reported_with_the_key_and_the_problem(string description, Action<JsonObject> edit, string key, string problem)
    {
        _ = description;
        string json = TestWeights.Edit(Json, edit);

        var run = GeneratorHarness.Run(Declaration, (Path, json));

        var diagnostic = run.SingleDiagnostic("GRUN011");
        Assert.Equal($"model.json: metadata 'grunative.{key}': {problem}", diagnostic.GetMessage());
        DiagnosticAssert.AtFileStart(diagnostic, Path);
        Assert.Throws<WeightsFormatException>(() => JsonWeights.Parse(json));
    }

    [Fact]
    public void Keys_without_the_prefix_are_not_GruNative_s_business()
    {
        string json = TestWeights.Edit(Json, root => root.Metadata()["format"] = "pt");

        var run = GeneratorHarness.Run(Declaration, (Path, json));

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.SourceFor("Forecaster"));
    }
}
