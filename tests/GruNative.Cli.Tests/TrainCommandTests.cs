using System.Text.Json;
using GruNative.Reference;
using GruNative.Training.Data;

namespace GruNative.Cli.Tests;

/// <summary>
/// `grunative train` end to end on small built-in data: every output written, and the scores in metrics.json recomputed
/// independently — the model through the float64 reference, the naive forecast by plain indexing.
/// </summary>
public class TrainCommandTests
{
    // Options in `extra` replace those of the small run (System.CommandLine refuses an option given twice).
    private static (int Exit, string Output, string Error) Train(TempFolder dir, params string[] extra) =>
        CliRunner.TrainSmall(dir, "out", extra);

    [Fact]
    public void Writes_every_output_and_the_declaration()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir);

        Assert.True(exit == 0, error);
        foreach (var file in new[] { "model.safetensors", "model.weights.json", "metrics.json", "loss.png", "forecast.png" })
            Assert.True(new FileInfo(dir.File("out/" + file)).Length > 0, file);
        Assert.Contains("[GruModel(inputSize: 1, hiddenSize: 8, outputSize: 6, WeightsFile = \"model.weights.json\")]", output);
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));

        var safetensors = SafeTensorsWeights.Read(dir.File("out/model.safetensors"));
        var json = JsonWeights.Read(dir.File("out/model.weights.json"));
        Assert.Equal(SafeTensorsWeights.ToBytes(safetensors), SafeTensorsWeights.ToBytes(json));
        var p = safetensors.Preprocessing!;
        Assert.Equal((24, 6, "value", "value"), (p.Lookback!.Value, p.Horizon!.Value, p.InputColumns[0].Name, p.TargetColumns[0].Name));
    }

    [Fact]
    public void The_reported_test_scores_match_an_independent_recomputation()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Train(dir).Exit);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var scores = metrics.RootElement.GetProperty("scores");

        // The same series and split, cut by hand: 2000 rows, ratios 0.7/0.1/0.2 → test rows [1600, 2000), and a test
        // window's targets lie inside them; standardised with the training rows' mean and population σ.
        var weights = SafeTensorsWeights.Read(dir.File("out/model.safetensors"));
        var scaler = weights.Preprocessing!.InputColumns[0];
        double[] series = SyntheticSeries.Create("sine").Column("value").ToArray();
        double[] train = series[..1400];
        double mean = train.Average(), sigma = Math.Sqrt(train.Sum(v => (v - mean) * (v - mean)) / train.Length);
        Assert.Equal(mean, scaler.Mean, 1e-12);
        Assert.Equal(sigma, scaler.StandardDeviation, 1e-12);
        double[] z = series.Select(v => (v - mean) / sigma).ToArray();

        var reference = new ReferenceModel<double>(weights);
        var forecast = new double[6];
        double modelSquared = 0, naiveSquared = 0, naiveAbsolute = 0;
        int windows = 0;
        for (int target = 1600; target + 6 <= 2000; target++, windows++)
        {
            reference.Forecast(z[(target - 24)..target], forecast);
            for (int s = 0; s < 6; s++)
            {
                modelSquared += (forecast[s] - z[target + s]) * (forecast[s] - z[target + s]);
                naiveSquared += (z[target - 1] - z[target + s]) * (z[target - 1] - z[target + s]);
                naiveAbsolute += Math.Abs(z[target - 1] - z[target + s]);
            }
        }
        var test = scores.GetProperty("model").GetProperty("test");
        Assert.Equal(windows, test.GetProperty("windows").GetInt32());
        Assert.Equal(modelSquared / (windows * 6), test.GetProperty("mse").GetDouble(), 1e-5);
        var naive = scores.GetProperty("repeat_last").GetProperty("test");
        Assert.Equal(naiveSquared / (windows * 6), naive.GetProperty("mse").GetDouble(), 1e-9);
        Assert.Equal(naiveAbsolute / (windows * 6), naive.GetProperty("mae").GetDouble(), 1e-9);
        Assert.Equal(naiveSquared / (windows * 6) * sigma * sigma, naive.GetProperty("mse_original").GetDouble(), 1e-9);
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_weights_whatever_the_thread_count()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        Assert.Equal(0, Train(one, "--threads", "1", "--cell", "Lstm", "--layers", "2").Exit);
        Assert.Equal(0, Train(two, "--threads", "2", "--cell", "Lstm", "--layers", "2").Exit);
        Assert.Equal(File.ReadAllBytes(one.File("out/model.safetensors")), File.ReadAllBytes(two.File("out/model.safetensors")));
    }

    [Fact]
    public void Resume_picks_up_the_checkpoint_and_a_foreign_one_is_refused()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Train(dir, "--checkpoint-dir", dir.File("ckpt")).Exit);
        byte[] first = File.ReadAllBytes(dir.File("out/model.safetensors"));

        var resumed = Train(dir, "--checkpoint-dir", dir.File("ckpt"), "--resume");
        Assert.Equal(0, resumed.Exit);
        // Retraining from scratch with the same seed would also reproduce the weights; a resume trains no epoch at all.
        Assert.DoesNotContain("\nepoch ", "\n" + resumed.Output);
        Assert.Contains("best epoch", resumed.Output);
        Assert.Equal(first, File.ReadAllBytes(dir.File("out/model.safetensors")));

        var foreign = Train(dir, "--checkpoint-dir", dir.File("ckpt"), "--resume", "--seed", "2");
        Assert.Equal(1, foreign.Exit);
        Assert.Contains("option.seed: checkpoint has '1', this run '2'", foreign.Error);
    }

    [Fact]
    public void Evaluate_reproduces_the_scores_of_train()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Train(dir).Exit);
        var (exit, _, error) = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--builtin", "sine", "--json", dir.File("eval.json"));
        Assert.True(exit == 0, error);
        using var trained = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        foreach (var split in new[] { "train", "validation", "test" })
        {
            Assert.Equal(trained.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split).GetProperty("mse").GetDouble(),
                evaluated.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split).GetProperty("mse").GetDouble());
        }
    }

    [Fact]
    public void Evaluate_reproduces_a_log_seasonal_model_from_its_file_alone()
    {
        using var dir = new TempFolder();
        string data = SharedData.PathOf("airline-passengers.csv");
        string[] options = ["--data", data, "--split", "last:24/24", "--lookback", "24", "--horizon", "12", "--season", "12",
            "--window-norm", "Seasonal", "--transform", "log", "--hidden", "4", "--epochs", "3", "--batch-size", "8"];
        var (exit, output, error) = CliRunner.Run(["train", .. options, "--output", dir.File("out")]);
        Assert.True(exit == 0, error);
        var p = SafeTensorsWeights.Read(dir.File("out/model.safetensors")).Preprocessing!;
        Assert.Equal((WindowNormalization.Seasonal, 12, 0.0), (p.WindowNormalization, p.SeasonLength, p.TargetColumns[0].BoxCoxLambda));

        // evaluate reads the transform and the season from the file, not from options.
        (exit, _, error) = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--data", data, "--split", "last:24/24", "--json", dir.File("eval.json"));
        Assert.True(exit == 0, error);
        using var trained = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        Assert.Equal("log", trained.RootElement.GetProperty("data").GetProperty("transforms").GetProperty("Passengers").GetString());
        foreach (var split in new[] { "train", "validation", "test" })
        {
            Assert.Equal(trained.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split).GetProperty("mse").GetDouble(),
                evaluated.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split).GetProperty("mse").GetDouble());
        }
        // Baselines are scored on the data's own scale whatever the model's transform: seasonal naive is the same as without one.
        Assert.Contains("seasonal_naive (p=12)", output);
    }

    [Fact]
    public void Intervals_are_calibrated_stored_scored_and_read_back_by_evaluate()
    {
        // The bands as calibrated (tracked ones: IntervalTrackingOptionTests): on the validation windows, split conformal's guarantee.
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "--interval-tracking", "none");
        Assert.True(exit == 0, error);
        Assert.Contains("prediction intervals 80 %, 95 %: calibrated on", output);
        var p = SafeTensorsWeights.Read(dir.File("out/model.safetensors")).Preprocessing!;
        Assert.Equal([0.8, 0.95], p.Intervals!.Levels);
        Assert.Equal(6, p.Intervals.OutputCount);

        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var validation = metrics.RootElement.GetProperty("scores").GetProperty("model").GetProperty("validation").GetProperty("intervals");
        // On its own calibration windows split conformal covers at least its level, by construction.
        Assert.True(validation.GetProperty("0.8").GetProperty("coverage").GetDouble() >= 0.8);
        Assert.True(validation.GetProperty("0.95").GetProperty("coverage").GetDouble() >= 0.95);
        var test = metrics.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test").GetProperty("intervals");
        Assert.True(test.GetProperty("0.95").GetProperty("mean_width").GetDouble() > test.GetProperty("0.8").GetProperty("mean_width").GetDouble());

        (exit, _, error) = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--builtin", "sine", "--json", dir.File("eval.json"));
        Assert.True(exit == 0, error);
        using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        Assert.Equal(test.GetProperty("0.8").GetProperty("coverage").GetDouble(),
            evaluated.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test").GetProperty("intervals").GetProperty("0.8").GetProperty("coverage").GetDouble());

        using var none = new TempFolder();
        Assert.Equal(0, Train(none, "--intervals", "none").Exit);
        Assert.Null(SafeTensorsWeights.Read(none.File("out/model.safetensors")).Preprocessing!.Intervals);
    }

    [Fact]
    public void Refit_trains_again_on_training_and_validation_rows_and_saves_that_model()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "--refit");
        Assert.True(exit == 0, error);
        Assert.Contains("refit on the training and validation rows (1600 rows", output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        RefitChecks.AssertRefitObject(metrics, rows: 1600);

        // The saved model is the refit one: evaluate, from the file alone, gives the reported test score; and it differs
        // from the model of the same run without --refit.
        (exit, _, error) = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--builtin", "sine", "--json", dir.File("eval.json"));
        Assert.True(exit == 0, error);
        using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        Assert.Equal(RefitChecks.TestMse(metrics), RefitChecks.TestMse(evaluated));
        using var plainDir = new TempFolder();
        Assert.Equal(0, Train(plainDir).Exit);
        Assert.NotEqual(File.ReadAllBytes(dir.File("out/model.safetensors")), File.ReadAllBytes(plainDir.File("out/model.safetensors")));
    }

    [Theory]
    [InlineData("--target", "nope", "nope")]
    [InlineData("--lookback", "1990", "rows")]
    [InlineData("--hidden", "0", "hidden")]
    [InlineData("--split", "0.5/0.5", "split")]
    [InlineData("--transform", "sqrt", "transform")]
    [InlineData("--transform", "box-cox:-1", "[0, 2]")]
    [InlineData("--transform", "log", "column 'value': row ")]
    [InlineData("--window-norm", "Seasonal", "--season")]
    [InlineData("--intervals", "80,120", "--intervals")]
    public void Bad_input_is_one_clear_error(string option, string value, string mentioned)
    {
        using var dir = new TempFolder();
        var (exit, _, error) = Train(dir, option, value);
        CliAssert.OneClearError(exit, error, mentioned);
        Assert.DoesNotContain("Parameter '", error);
    }

    [Fact]
    public void A_bad_cell_in_a_CSV_names_its_line_and_column()
    {
        using var dir = new TempFolder();
        var lines = new List<string> { "date,load,OT" };
        for (int i = 0; i < 300; i++)
            lines.Add($"2024-01-01 {i},{i % 7},{(i == 137 ? "warm" : (i % 11).ToString())}");
        File.WriteAllLines(dir.File("data.csv"), lines);

        var (exit, _, error) = CliRunner.Run("train", "--data", dir.File("data.csv"), "--lookback", "8", "--horizon", "2", "--epochs", "1", "-o", dir.File("out"));

        Assert.Equal(1, exit);
        Assert.Contains("line 139", error);
        Assert.Contains("'OT'", error);
    }
}
