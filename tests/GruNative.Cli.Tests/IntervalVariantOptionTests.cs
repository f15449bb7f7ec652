using System.Text.Json;
using GruNative.Cli.Commands;
using GruNative.Training.Data;

namespace GruNative.Cli.Tests;

/// <summary>
/// <c>--interval-scale-steps</c>: none (fixed), K (adaptive) or auto (the validation windows' check chooses) — parsing,
/// the candidates auto weighs, and train's weights file and metrics.json under auto.
/// </summary>
public class IntervalVariantOptionTests
{
    private static (int Exit, string Output, string Error) Train(TempFolder dir, string output, params string[] extra) =>
        CliRunner.TrainSmall(dir, output, extra);

    [Theory]
    [InlineData("auto", true, null)]
    [InlineData(" AUTO ", true, null)]
    [InlineData("none", false, null)]
    [InlineData(null, false, null)]
    [InlineData("24", false, 24)]
    [InlineData("1", false, 1)]
    public void Values_are_read(string? text, bool auto, int? steps)
    {
        Assert.Equal(new IntervalVariantRequest(auto, steps), IntervalVariantRequest.Parse(text));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("adaptive")]
    public void Other_values_are_refused_naming_the_option_and_what_it_takes(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => IntervalVariantRequest.Parse(text));
        Assert.StartsWith("--interval-scale-steps: ", e.Message);
        Assert.Contains("'auto'", e.Message);
        Assert.Contains("'none'", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("often")]
    public void Train_refuses_a_bad_value_in_one_line_before_training(string value)
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "out", "--interval-scale-steps", value);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: --interval-scale-steps: ", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("epoch ", output);
    }

    [Fact]
    public void Auto_weighs_fixed_then_one_season_then_one_horizon_where_the_lookback_and_columns_allow()
    {
        var task = new ForecastTask(["y"], ["y"], 48, 6);
        Assert.Equal([null, 24, 6], IntervalVariantRequest.Candidates(task, 24));
        Assert.Equal([null, 6], IntervalVariantRequest.Candidates(task, null));
        Assert.Equal([null, 6], IntervalVariantRequest.Candidates(task, 6));             // the season is the horizon: once
        Assert.Equal([null, 6], IntervalVariantRequest.Candidates(task, 48));            // k = 48 needs 49 steps of lookback
        Assert.Equal([null, 47], IntervalVariantRequest.Candidates(new ForecastTask(["y"], ["y"], 48, 47), 48));
        Assert.Equal([null], IntervalVariantRequest.Candidates(new ForecastTask(["x"], ["y"], 48, 6), 24));   // no recent values of y
    }

    [Fact]
    public void Train_with_auto_prints_the_check_records_it_and_stores_the_choice_calibrated_on_every_validation_window()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "auto", "--interval-scale-steps", "auto", "--season", "12");
        Assert.True(exit == 0, error);
        Assert.Contains("interval variant check (auto): each variant calibrated on validation windows 0–", output);
        Assert.Contains("  adaptive k=12 ", output);
        Assert.Contains("  adaptive k=6 ", output);

        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("auto/metrics.json")));
        var calibration = metrics.RootElement.GetProperty("interval_calibration");
        Assert.Equal("auto", calibration.GetProperty("requested").GetString());
        var check = calibration.GetProperty("check");
        int windows = check.GetProperty("validation_windows").GetInt32();
        Assert.Equal(metrics.RootElement.GetProperty("data").GetProperty("windows").GetProperty("validation").GetInt32(), windows);
        // Horizon 6: a gap of 5 windows, the rest halved (the odd one to the later part).
        Assert.Equal(5, check.GetProperty("gap").GetInt32());
        Assert.Equal((windows - 5) / 2, check.GetProperty("calibration_windows").GetInt32());
        Assert.Equal(windows - (windows - 5) / 2 - 5, check.GetProperty("check_windows").GetInt32());
        var candidates = check.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["fixed", "adaptive", "adaptive"], candidates.Select(c => c.GetProperty("variant").GetString()));
        Assert.Equal([null, 12, 6], candidates.Select(c => c.GetProperty("scale_steps").ValueKind == JsonValueKind.Null ? (int?)null : c.GetProperty("scale_steps").GetInt32()));
        // The winner has the lowest coverage error, or one within a point of it and the lowest mean Winkler score.
        double best = candidates.Min(c => c.GetProperty("coverage_error").GetDouble());
        var chosen = candidates.Where(c => c.GetProperty("coverage_error").GetDouble() <= best + 0.01).MinBy(c => c.GetProperty("mean_winkler").GetDouble());
        Assert.Equal(chosen.GetProperty("scale_steps").ToString(), calibration.GetProperty("scale_steps").ToString());

        // What the weights file carries is what plain calibration of the chosen variant gives on all validation windows.
        string plain = calibration.GetProperty("scale_steps").ValueKind == JsonValueKind.Null ? "none" : calibration.GetProperty("scale_steps").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (exit, _, error) = Train(dir, "plain", "--interval-scale-steps", plain, "--season", "12");
        Assert.True(exit == 0, error);
        Assert.Equal(SafeTensorsWeights.Read(dir.File("plain/model.safetensors")).Preprocessing!.Intervals,
            SafeTensorsWeights.Read(dir.File("auto/model.safetensors")).Preprocessing!.Intervals);
        using var plainMetrics = JsonDocument.Parse(File.ReadAllText(dir.File("plain/metrics.json")));
        Assert.Equal(plain, plainMetrics.RootElement.GetProperty("interval_calibration").GetProperty("requested").GetString());
        Assert.False(plainMetrics.RootElement.GetProperty("interval_calibration").TryGetProperty("check", out _));
    }

    [Fact]
    public void Compare_with_auto_checks_each_run_of_both_families_and_stores_its_choice()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run("compare", "--builtin", "sine", "--lookback", "24", "--horizon", "12", "--epochs", "2", "--batch-size", "16",
            "--lr", "0.01", "--no-speed", "--segment-length", "6", "--hidden", "8", "--layers", "1", "--cells", "gru", "--season", "12",
            "--architectures", "recurrent,segrnn", "--interval-scale-steps", "auto", "--interval-tracking", "none", "--output", dir.File("sweep"));
        Assert.True(exit == 0, error);
        // One check per run, each naming its choice; the season and the horizon are both 12: one adaptive candidate.
        var choices = output.Split('\n').Where(l => l.StartsWith("  chose ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, choices.Count);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("  adaptive k=12 ", StringComparison.Ordinal)));
        var stored = new[]
        {
            SafeTensorsWeights.Read(dir.File("sweep/runs/gru-l1-h8-s1/model.safetensors")).Preprocessing!.Intervals!.ScaleSteps,
            SafeTensorsSegmentWeights.Read(dir.File("sweep/runs/segrnn-gru-d8-s1/model.safetensors")).Preprocessing!.Intervals!.ScaleSteps,
        };
        for (int i = 0; i < 2; i++)
            Assert.StartsWith(stored[i] is int k ? $"  chose adaptive k={k} " : "  chose fixed ", choices[i]);
    }
}
