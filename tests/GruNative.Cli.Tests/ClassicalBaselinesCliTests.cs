using System.Globalization;
using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>
/// The classical baselines in every command that scores a model: `train` (table rows, metrics.json keys, the
/// forecast plot), `evaluate` and `compare` (report.md and report.json) on the airline series with a tiny training
/// budget; the fallbacks (no season, a constant series) end in a stated reason, never a failed command. The scores
/// are checked against an independent recomputation in the library's tests; here the keys, the layout and the
/// agreement between commands.
/// </summary>
public class ClassicalBaselinesCliTests
{
    private static readonly string[] Airline =
        ["--data", SharedData.PathOf("airline-passengers.csv"), "--split", "last:24/24", "--lookback", "24", "--horizon", "12",
         "--window-norm", "LastValue", "--season", "12"];

    [Fact]
    public void Train_shows_the_rows_and_writes_the_metrics_keys()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run(["train", .. Airline, "--epochs", "2", "--hidden", "8", "--output", dir.File("out")]);
        Assert.True(exit == 0, error);
        foreach (string row in new[] { "seasonal_naive_drift (p=12)", "ets", "theta" })
            Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("  " + row.PadRight(28) + " ", StringComparison.Ordinal)));   // one per split
        Assert.Contains("classical baselines: ETS and Theta fitted once per target column on the training rows", output);
        Assert.Contains("ets [Passengers]: ETS(", output);
        Assert.Contains("theta [Passengers]: Theta, seasonally adjusted (m=12)", output);

        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var scores = metrics.RootElement.GetProperty("scores");
        // The keys that were there before keep their place and layout.
        Assert.Equal(["model", "repeat_last", "seasonal_naive", "seasonal_naive_drift", "ets", "theta"], scores.EnumerateObject().Select(p => p.Name));
        foreach (string name in new[] { "seasonal_naive_drift", "ets", "theta" })
        {
            var entry = scores.GetProperty(name);
            Assert.True(entry.GetProperty("available").GetBoolean());
            Assert.Equal(12, entry.GetProperty("period").GetInt32());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("protocol").GetString()));
            foreach (string split in new[] { "train", "validation", "test" })
            {
                var s = entry.GetProperty(split);
                foreach (string metric in new[] { "mse", "mae", "mse_original", "mae_original", "mase" })
                    Assert.True(double.IsFinite(s.GetProperty(metric).GetDouble()), $"{name}.{split}.{metric}");
            }
            Assert.Equal(13, entry.GetProperty("test").GetProperty("windows").GetInt32());
        }
        var ets = scores.GetProperty("ets").GetProperty("columns").GetProperty("Passengers");
        Assert.StartsWith("ETS(", ets.GetProperty("method").GetString());
        var parameters = ets.GetProperty("parameters");
        Assert.InRange(parameters.GetProperty("alpha").GetDouble(), 1e-4, 0.9999);
        Assert.True(parameters.TryGetProperty("aicc", out _));
        Assert.True(ets.GetProperty("states").TryGetProperty("l", out _));
        var theta = scores.GetProperty("theta").GetProperty("columns").GetProperty("Passengers");
        Assert.True(theta.GetProperty("parameters").TryGetProperty("drift", out _));
        Assert.True(new FileInfo(dir.File("out/forecast.png")).Length > 0);

        // evaluate scores the same baselines the same way.
        var evaluated = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--data", SharedData.PathOf("airline-passengers.csv"),
            "--split", "last:24/24", "--season", "12", "--json", dir.File("eval.json"));
        Assert.True(evaluated.Exit == 0, evaluated.Error);
        Assert.Contains("ets [Passengers]: ETS(", evaluated.Output);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        foreach (string name in new[] { "seasonal_naive_drift", "ets", "theta" })
        {
            Assert.Equal(scores.GetProperty(name).GetProperty("test").GetProperty("mse").GetDouble(),
                evaluation.RootElement.GetProperty("scores").GetProperty(name).GetProperty("test").GetProperty("mse").GetDouble());
        }
    }

    [Fact]
    public void Compare_reports_the_baselines_and_their_fits()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run(["compare", .. Airline, "--epochs", "2", "--cells", "gru", "--hidden", "8", "--layers", "1", "--no-speed", "--output", dir.File("sweep")]);
        Assert.True(exit == 0, error);
        string report = File.ReadAllText(dir.File("sweep/report.md"));
        Assert.Contains("| seasonal naive + drift (p=12) | 0 |", report);
        Assert.Contains("| ETS: ETS(", report);
        Assert.Contains("| Theta | 0 |", report);
        Assert.Contains("## Classical baselines", report);
        Assert.Contains("- ets, Passengers: ETS(", report);
        Assert.Contains("## Classical baselines", output);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/report.json")));
        var baselines = json.RootElement.GetProperty("baselines");
        Assert.Equal(["repeat_last", "seasonal_naive", "seasonal_naive_drift", "ets", "theta"], baselines.EnumerateObject().Select(p => p.Name));
        var ets = baselines.GetProperty("ets");
        Assert.StartsWith("ETS(", ets.GetProperty("columns").GetProperty("Passengers").GetProperty("method").GetString());
        double testMse = ets.GetProperty("test").GetProperty("mse").GetDouble();
        Assert.Contains(testMse.ToString("F4", CultureInfo.InvariantCulture), report);
    }

    [Fact]
    public void Without_a_season_the_baselines_fall_back_and_say_so()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run("train", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "1",
            "--season", "1", "--output", dir.File("out"));
        Assert.True(exit == 0, error);
        Assert.Contains("seasonal_naive_drift (p=1)", output);
        Assert.Contains("naive with drift (m=1)", output);
        Assert.Contains("no season given: non-seasonal forms only", output);
        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void A_constant_series_reports_ets_and_theta_as_not_available()
    {
        using var dir = new TempFolder();
        string csv = dir.File("flat.csv");
        File.WriteAllLines(csv, ["t,level", .. Enumerable.Range(0, 300).Select(i => $"{i},7.5")]);
        var (exit, output, error) = CliRunner.Run("train", "--data", csv, "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "1",
            "--season", "12", "--output", dir.File("out"));
        Assert.True(exit == 0, error);
        Assert.Contains("ets                          not available: level: the series is constant", output);
        Assert.Contains("theta                        not available: level: the series is constant", output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var ets = metrics.RootElement.GetProperty("scores").GetProperty("ets");
        Assert.False(ets.GetProperty("available").GetBoolean());
        Assert.Contains("constant", ets.GetProperty("reason").GetString());
        Assert.False(ets.TryGetProperty("test", out _));
    }
}
