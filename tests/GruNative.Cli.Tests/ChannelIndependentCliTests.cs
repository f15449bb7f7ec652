using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>
/// `--channel-independent` and `--dropout` through the CLI: one univariate model shared by the sensor's three columns,
/// written once per column with that column's scaler, and each file scoring its column exactly as the multivariate
/// run reported it; options refused where they cannot apply.
/// </summary>
public class ChannelIndependentCliTests
{
    private static readonly string[] Small =
        ["--builtin", "sensor", "--mode", "M", "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "3", "--batch-size", "32",
         "--lr", "0.01", "--window-norm", "LastValue"];

    private static readonly string[] SensorColumns = ["temperature", "humidity", "power"];

    [Fact]
    public void Train_writes_one_univariate_model_per_column_and_each_scores_its_column_as_reported()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run(["train", .. Small, "--channel-independent", "--output", dir.File("out")]);
        Assert.True(exit == 0, error);
        Assert.Contains("GRU(I=1, H=8, L=1) → Dense(8 → 6)", output);
        Assert.Contains("keep one State per column", output);

        var weights = SensorColumns.Select(c => SafeTensorsWeights.Read(dir.File($"out/model.{c}.safetensors"))).ToArray();
        for (int k = 0; k < 3; k++)
        {
            Assert.True(File.Exists(dir.File($"out/model.{SensorColumns[k]}.weights.json")));
            var p = weights[k].Preprocessing!;
            Assert.Equal(SensorColumns[k], Assert.Single(p.InputColumns).Name);
            Assert.Equal(SensorColumns[k], Assert.Single(p.TargetColumns).Name);
            Assert.Equal(WindowNormalization.LastValue, p.WindowNormalization);
        }
        // The same weights in every file; only the scalers differ.
        var bytes = weights.Select(w => SafeTensorsWeights.ToBytes(new ModelWeights(w.Spec, w.Layers, w.HeadWeight, w.HeadBias))).ToArray();
        Assert.Equal(bytes[0], bytes[1]);
        Assert.Equal(bytes[0], bytes[2]);
        Assert.NotEqual(weights[0].Preprocessing!.InputColumns[0].StandardDeviation, weights[1].Preprocessing!.InputColumns[0].StandardDeviation);

        // Each column's file, evaluated as a univariate model of that column, gives the per-column errors whose mean
        // (every column has as many values) is the multivariate test MSE that train reported.
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        Assert.True(metrics.RootElement.GetProperty("model").GetProperty("channel_independent").GetBoolean());
        double reported = metrics.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test").GetProperty("mse").GetDouble();
        double sum = 0;
        foreach (string column in SensorColumns)
        {
            var evaluated = CliRunner.Run("evaluate", "--model", dir.File($"out/model.{column}.safetensors"), "--builtin", "sensor",
                "--json", dir.File($"{column}.json"));
            Assert.True(evaluated.Exit == 0, evaluated.Error);
            using var json = JsonDocument.Parse(File.ReadAllText(dir.File($"{column}.json")));
            sum += json.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test").GetProperty("mse").GetDouble();
        }
        Assert.Equal(reported, sum / 3, 1e-6);
    }

    [Fact]
    public void Compare_sweeps_channel_independent_models_and_keeps_each_runs_files()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run(["compare", .. Small.Where(a => a != "--hidden" && a != "8"), "--hidden", "8", "--cells", "gru,lstm",
            "--layers", "2", "--dropout", "0.2", "--channel-independent", "--no-speed", "--output", dir.File("sweep")]);
        Assert.True(exit == 0, error);
        Assert.Contains("LSTM(I=1, H=8, L=2) → Dense(8 → 6)", output);
        Assert.True(File.Exists(dir.File("sweep/runs/gru-l2-h8-s1/model.power.safetensors")));
        using var result = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/runs/gru-l2-h8-s1/result.json")));
        Assert.Equal("model.temperature.safetensors", result.RootElement.GetProperty("model_file").GetString());
        using var sweep = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/sweep.json")));
        Assert.EndsWith("; channel-independent", sweep.RootElement.GetProperty("data").GetString());
        Assert.Equal("0.2", sweep.RootElement.GetProperty("dropout").GetString());
        Assert.Contains("dropout 0.2", File.ReadAllText(dir.File("sweep/report.md")));
    }

    [Theory]
    [InlineData("train", "--mode", "MS", "--channel-independent")]
    [InlineData("train", "--calendar", "hour", "--channel-independent")]
    [InlineData("train", "--dropout", "1")]
    [InlineData("compare", "--dropout", "-0.1")]
    public void Options_that_cannot_apply_are_one_clear_error(string command, params string[] extra)
    {
        using var dir = new TempFolder();
        string[] args = CliRunner.WithOptions(Small, extra);
        if (command == "train" && extra.Contains("--mode"))
            args = [.. args, "--target", "temperature"];
        var (exit, output, error) = CliRunner.Run([command, .. args, "--output", dir.File("out")]);
        CliAssert.OneClearError(exit, error, extra.Contains("--dropout") ? "dropout" : "--channel-independent");
        Assert.DoesNotContain("epoch ", output);
    }
}
