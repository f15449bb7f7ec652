using System.Text.Json;
using GruNative.Cli.Commands;

namespace GruNative.Cli.Tests;

/// <summary>
/// <c>evaluate --weight-precision fp32|bfloat16</c>: parsing, and that bfloat16 scores exactly the model whose layer weights
/// the test's own float64 rounding (<see cref="BFloat16Reference"/>) rounds, with the max |Δ| of the forecasts that model's
/// reference pass gives.
/// </summary>
public class WeightPrecisionOptionTests
{
    [Theory]
    [InlineData(null, WeightPrecision.Fp32)]
    [InlineData("fp32", WeightPrecision.Fp32)]
    [InlineData(" FP32 ", WeightPrecision.Fp32)]
    [InlineData("bfloat16", WeightPrecision.BFloat16)]
    [InlineData("BFloat16", WeightPrecision.BFloat16)]
    public void Values_are_read_in_any_case(string? text, WeightPrecision expected) =>
        Assert.Equal(expected, WeightPrecisionRequest.Parse(text));

    [Theory]
    [InlineData("fp16")]
    [InlineData("bf16")]
    [InlineData("")]
    public void A_bad_value_fails_in_one_line_naming_the_option_and_what_it_takes(string value)
    {
        using var dir = new TempFolder();
        Assert.Equal(0, CliRunner.TrainSmall(dir, "out").Exit);
        var (exit, output, error) = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--builtin", "sine", "--classical", "false",
            "--weight-precision", value);
        CliAssert.OneClearError(exit, error, "--weight-precision: ");
        Assert.Contains("'fp32'", error, StringComparison.Ordinal);
        Assert.Contains("'bfloat16'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("scores", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bfloat16_refuses_a_segment_model_which_has_no_such_kernel()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, CliRunner.Run([.. SegmentTrainCommandTests.Small, "--output", dir.File("seg")]).Exit);
        string[] evaluate = ["evaluate", "--model", dir.File("seg/model.safetensors"), "--builtin", "sine", "--classical", "false"];
        var (exit, _, error) = CliRunner.Run([.. evaluate, "--weight-precision", "bfloat16"]);
        CliAssert.OneClearError(exit, error, "holds a segment model");
        Assert.Equal(0, CliRunner.Run([.. evaluate, "--weight-precision", "fp32"]).Exit);
    }

    [Fact]
    public void Bfloat16_scores_the_rounded_model_and_reports_how_far_its_forecasts_move()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, CliRunner.TrainSmall(dir, "out").Exit);
        string model = dir.File("out/model.safetensors");
        using var fp32 = Evaluate(dir, model, "fp32", "fp32.json");
        using var bf16 = Evaluate(dir, model, "bfloat16", "bf16.json");
        Assert.Equal("fp32", fp32.RootElement.GetProperty("weight_precision").GetProperty("precision").GetString());
        Assert.False(fp32.RootElement.GetProperty("weight_precision").TryGetProperty("max_abs_forecast_difference_from_fp32", out _));
        Assert.Equal("bfloat16", bf16.RootElement.GetProperty("weight_precision").GetProperty("precision").GetString());

        // (a) The forecasts move, and the scores with them, by a small amount.
        var differences = bf16.RootElement.GetProperty("weight_precision").GetProperty("max_abs_forecast_difference_from_fp32");
        foreach (var split in new[] { "train", "validation", "test" })
        {
            Assert.True(differences.GetProperty(split).GetDouble() > 0, split);
            double before = Score(fp32, split, "mse"), after = Score(bf16, split, "mse");
            Assert.NotEqual(before, after);
            Assert.True(Math.Abs(after - before) < 0.01 * before, $"{split}: MSE {before} (fp32) against {after} (bfloat16)");
        }

        // (b) Every score is the fp32 score of the model the test rounds itself: to the last bit.
        var weights = SafeTensorsWeights.Read(model);
        var rounded = BFloat16Reference.RoundLayers(weights);
        SafeTensorsWeights.Save(rounded, dir.File("rounded.safetensors"));
        using var reference = Evaluate(dir, dir.File("rounded.safetensors"), "fp32", "reference.json");
        Assert.Equal(Scores(reference), Scores(bf16));
        Assert.NotEqual(Scores(fp32), Scores(bf16));

        // (b) The test split's max |Δ| is the float64 reference pass's of the two models, in the data's units, over
        // every test window (the CLI forecasts in float: equal within its rounding, far below the difference itself).
        var (expected, windows) = MaxTestDifference(weights, rounded);
        Assert.Equal(windows, bf16.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test").GetProperty("windows").GetInt32());
        double reported = differences.GetProperty("test").GetDouble();
        Assert.True(Math.Abs(reported - expected) <= 1e-3 * expected, $"reported max |Δ| {reported}, reference {expected}");
    }

    private static JsonDocument Evaluate(TempFolder dir, string model, string precision, string json)
    {
        var (exit, output, error) = CliRunner.Run("evaluate", "--model", model, "--builtin", "sine", "--classical", "false",
            "--weight-precision", precision, "--json", dir.File(json));
        Assert.True(exit == 0, error);
        Assert.Contains($"weight precision: {precision}", output, StringComparison.Ordinal);
        Assert.Equal(precision == "bfloat16", output.Contains("max |Δ| of the forecasts, bfloat16 against fp32", StringComparison.Ordinal));
        return JsonDocument.Parse(File.ReadAllText(dir.File(json)));
    }

    private static double Score(JsonDocument report, string split, string metric) =>
        report.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split).GetProperty(metric).GetDouble();

    private static string Scores(JsonDocument report) => report.RootElement.GetProperty("scores").GetProperty("model").GetRawText();

    /// <summary>Over the sine's test windows: the largest |difference| of the two models' float64 reference forecasts, in the data's units.</summary>
    private static (double Max, int Windows) MaxTestDifference(ModelWeights first, ModelWeights second)
    {
        double[] series = SineSplits.Series();
        var p = first.Preprocessing!;
        int lookback = p.Lookback!.Value, horizon = p.Horizon!.Value;
        var a = new Reference.ReferenceModel<double>(first);
        var b = new Reference.ReferenceModel<double>(second);
        double max = 0;
        int windows = 0;
        for (int target = 1600; target + horizon <= 2000; target++, windows++)
        {
            var forecastA = Forecast(a, p, series[(target - lookback)..target], horizon);
            var forecastB = Forecast(b, p, series[(target - lookback)..target], horizon);
            for (int s = 0; s < horizon; s++)
                max = Math.Max(max, Math.Abs(forecastA[s] - forecastB[s]));
        }
        return (max, windows);
    }

    private static double[] Forecast(Reference.ReferenceModel<double> model, Preprocessing p, double[] observations, int horizon)
    {
        var inputs = new double[observations.Length];
        p.StandardizeInputs<double>(observations, inputs);
        var levels = new double[p.LevelsPerWindow];
        p.NormalizeWindow<double>(inputs, levels);
        var outputs = new double[horizon];
        model.Forecast(inputs, outputs);
        var forecast = new double[horizon];
        p.ToForecast<double, double>(outputs, levels, forecast);
        return forecast;
    }
}
