using System.Text.Json;
using GruNative.Cli.Commands;

namespace GruNative.Cli.Tests;

/// <summary>
/// <c>--interval-tracking</c>: none, a rate γ, or auto (the validation windows' check chooses); evaluate also takes
/// stored — parsing, and what train stores and reports, and what evaluate replays.
/// </summary>
public class IntervalTrackingOptionTests
{
    [Theory]
    [InlineData("none", false, false, null)]
    [InlineData(null, false, false, null)]
    [InlineData(" AUTO ", false, true, null)]
    [InlineData("0.01", false, false, 0.01)]
    [InlineData("1", false, false, 1.0)]
    [InlineData("stored", true, false, null)]
    public void Values_are_read(string? text, bool stored, bool auto, double? rate) =>
        Assert.Equal(new IntervalTrackingRequest(stored, auto, rate), IntervalTrackingRequest.Parse(text, allowStored: true));

    [Theory]
    [InlineData("0", true)]
    [InlineData("1.5", true)]
    [InlineData("-0.1", true)]
    [InlineData("fast", true)]
    [InlineData("stored", false)]
    public void Other_values_are_refused_naming_the_option_and_what_it_takes(string text, bool allowStored)
    {
        var e = Assert.Throws<ArgumentException>(() => IntervalTrackingRequest.Parse(text, allowStored));
        Assert.StartsWith("--interval-tracking: ", e.Message);
        Assert.Contains("(0, 1]", e.Message);
        Assert.Contains("'auto'", e.Message);
        Assert.Equal(allowStored, e.Message.Contains("'stored' (as the weights file says)", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_refuses_a_bad_rate_in_one_line_before_training()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.TrainSmall(dir, "out", "--interval-tracking", "2");
        Assert.Equal(1, exit);
        Assert.StartsWith("error: --interval-tracking: ", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("epoch ", output);
    }

    [Fact]
    public void Train_stores_the_rate_and_evaluate_replays_it_or_what_it_is_told()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.TrainSmall(dir, "auto", "--interval-tracking", "auto");
        Assert.True(exit == 0, error);
        Assert.Contains("interval tracking check (auto): calibrated on validation windows 0–", output);
        Assert.Contains("  γ=0.002 ", output);

        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("auto/metrics.json")));
        var tracking = metrics.RootElement.GetProperty("interval_calibration").GetProperty("tracking");
        Assert.Equal("auto", tracking.GetProperty("requested").GetString());
        var candidates = tracking.GetProperty("check").GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([null, 0.002, 0.005, 0.01, 0.02, 0.05],
            candidates.Select(c => c.GetProperty("rate").ValueKind == JsonValueKind.Null ? (double?)null : c.GetProperty("rate").GetDouble()));
        // The winner has the lowest coverage error, or one within a point of it and the lowest mean Winkler score.
        double best = candidates.Min(c => c.GetProperty("coverage_error").GetDouble());
        var chosen = candidates.Where(c => c.GetProperty("coverage_error").GetDouble() <= best + 0.01).MinBy(c => c.GetProperty("mean_winkler").GetDouble());
        Assert.Equal(chosen.GetProperty("rate").ToString(), tracking.GetProperty("rate").ToString());
        double? rate = tracking.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : tracking.GetProperty("rate").GetDouble();
        Assert.Equal(rate, SafeTensorsWeights.Read(dir.File("auto/model.safetensors")).Preprocessing!.Intervals!.TrackingRate);

        // A fixed rate is stored as given; evaluate replays the stored rate by default, and none drops it.
        (exit, _, error) = CliRunner.TrainSmall(dir, "rate", "--interval-tracking", "0.05");
        Assert.True(exit == 0, error);
        Assert.Equal(0.05, SafeTensorsWeights.Read(dir.File("rate/model.safetensors")).Preprocessing!.Intervals!.TrackingRate);
        using var trained = JsonDocument.Parse(File.ReadAllText(dir.File("rate/metrics.json")));
        double TestCoverage(JsonDocument document) => document.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test")
            .GetProperty("intervals").GetProperty("0.8").GetProperty("coverage").GetDouble();

        string[] evaluate = ["evaluate", "--model", dir.File("rate/model.safetensors"), "--builtin", "sine", "--classical", "false"];
        (exit, string evaluated, error) = CliRunner.Run([.. evaluate, "--json", dir.File("stored.json")]);
        Assert.True(exit == 0, error);
        Assert.Contains("prediction intervals: tracked online at rate 0.05 (as the weights file says)", evaluated);
        (exit, evaluated, error) = CliRunner.Run([.. evaluate, "--interval-tracking", "none", "--json", dir.File("none.json")]);
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("tracked online", evaluated);
        using var stored = JsonDocument.Parse(File.ReadAllText(dir.File("stored.json")));
        using var none = JsonDocument.Parse(File.ReadAllText(dir.File("none.json")));
        Assert.Equal(TestCoverage(trained), TestCoverage(stored));
        Assert.NotEqual(TestCoverage(stored), TestCoverage(none));
        // Its JSON says which online calibration its scores replay, as train's metrics.json does.
        var storedTracking = stored.RootElement.GetProperty("interval_calibration").GetProperty("tracking");
        Assert.Equal("stored", storedTracking.GetProperty("requested").GetString());
        Assert.Equal(0.05, storedTracking.GetProperty("rate").GetDouble());
        var noneTracking = none.RootElement.GetProperty("interval_calibration").GetProperty("tracking");
        Assert.Equal(JsonValueKind.Null, noneTracking.GetProperty("rate").ValueKind);

        // evaluate --interval-tracking auto records its check, candidate by candidate, and the rate it chose.
        (exit, _, error) = CliRunner.Run([.. evaluate, "--interval-tracking", "auto", "--json", dir.File("auto.json")]);
        Assert.True(exit == 0, error);
        using var reevaluated = JsonDocument.Parse(File.ReadAllText(dir.File("auto.json")));
        var autoTracking = reevaluated.RootElement.GetProperty("interval_calibration").GetProperty("tracking");
        Assert.Equal("auto", autoTracking.GetProperty("requested").GetString());
        Assert.Equal(6, autoTracking.GetProperty("check").GetProperty("candidates").GetArrayLength());
    }
}
