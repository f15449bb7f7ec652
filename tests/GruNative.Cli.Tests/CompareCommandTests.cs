using System.Text.Json;
using GruNative.Reference;
using GruNative.Cli.Commands;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Tests;

/// <summary>
/// `grunative compare` end to end on the built-in sine: the report's numbers recomputed independently (every run's test
/// MSE through the float64 reference, the seeds' mean and spread by hand), runs identical to `train`'s, and resuming —
/// finished runs reused, a grown grid trains only what is new, an interrupted run continues bit-identically.
/// </summary>
public class CompareCommandTests
{
    private static readonly string[] Small =
        ["compare", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--epochs", "4", "--batch-size", "16", "--lr", "0.01", "--no-speed"];

    private static (int Exit, string Output, string Error) Compare(string output, params string[] extra) =>
        CliRunner.Run([.. Small, .. extra, "--output", output]);

    private static readonly string[] Runs = ["gru-l1-h8-s1", "lstm-l1-h8-s1", "gru-l1-h8-s2", "lstm-l1-h8-s2"];

    [Fact]
    public void The_report_holds_every_run_and_its_numbers_recompute_independently()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Compare(dir.File("sweep"), "--cells", "gru,lstm", "--hidden", "8", "--layers", "1", "--seeds", "2");
        Assert.True(exit == 0, error);
        foreach (string file in new[] { "report.md", "report.json", "accuracy.png", "training-time.png", "sweep.json" })
            Assert.True(new FileInfo(dir.File("sweep/" + file)).Length > 0, file);
        Assert.False(File.Exists(dir.File("sweep/inference.png")));

        // Each run's test MSE, recomputed from its saved weights through the float64 reference on windows cut by hand
        // (2000 rows, 0.7/0.1/0.2 → test targets in rows [1600, 2000)).
        var testMse = new Dictionary<string, double>();
        foreach (string run in Runs)
        {
            Assert.True(File.Exists(dir.File($"sweep/runs/{run}/model.safetensors")), run);
            Assert.False(Directory.Exists(dir.File($"sweep/runs/{run}/checkpoint")), "a finished run keeps no checkpoint");
            testMse[run] = ReferenceTestMse(dir.File($"sweep/runs/{run}/model.safetensors"));
            using var result = JsonDocument.Parse(File.ReadAllText(dir.File($"sweep/runs/{run}/result.json")));
            Assert.Equal(testMse[run], result.RootElement.GetProperty("test").GetProperty("mse").GetDouble(), 1e-5);
        }

        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/report.json")));
        var shapes = report.RootElement.GetProperty("shapes").EnumerateArray().ToList();
        Assert.Equal(["gru", "lstm"], shapes.Select(s => s.GetProperty("cell").GetString()));
        foreach (var shape in shapes)
        {
            string cell = shape.GetProperty("cell").GetString()!;
            double a = testMse[$"{cell}-l1-h8-s1"], b = testMse[$"{cell}-l1-h8-s2"];
            double mean = (a + b) / 2, spread = Math.Abs(a - b) / Math.Sqrt(2);   // sample standard deviation of two values
            Assert.Equal(mean, shape.GetProperty("test_mse").GetProperty("mean").GetDouble(), 1e-5);
            Assert.Equal(spread, shape.GetProperty("test_mse").GetProperty("spread").GetDouble(), 1e-5);
            int parameters = cell == "gru" ? 3 * 8 * (1 + 8) + 2 * 3 * 8 + 8 * 6 + 6 : 4 * 8 * (1 + 8) + 2 * 4 * 8 + 8 * 6 + 6;
            Assert.Equal(parameters, shape.GetProperty("parameters").GetInt32());
            Assert.Equal(4 * parameters, shape.GetProperty("weight_bytes").GetInt32());
        }
        string markdown = File.ReadAllText(dir.File("sweep/report.md"));
        Assert.Contains("| GRU L=1 H=8 | 318 |", markdown);
        Assert.Contains("| LSTM L=1 H=8 | 406 |", markdown);
        Assert.Contains("| repeat last value |", markdown);
        Assert.Contains("## GRU and LSTM of the same size", markdown);
        Assert.Contains("ns/step: not measured", markdown);
        Assert.Contains("## Results", output);
        // The pick is set against the classical baseline a user would pick by validation, on validation and on test.
        const string verdict = @"(better by \d+%|\*\*worse\*\* by \d+%|\*\*worse\*\*, [\d.]+× the error) \(\d\.\d{4} against \d\.\d{4}\)";
        Assert.Matches($@"Against the best classical baseline on validation, (seasonal naive \+ drift \(p=\d+\)|naive \+ drift|ETS: ETS\([AM],[NA]d?,[NAM]\)|Theta): the pick is {verdict} on validation and {verdict} on test\.", markdown);
        Assert.Contains("Against the best classical baseline on validation", output);
        // Two seeds per shape: each shape's ensemble is scored, and no worse on test than its seeds' mean (convexity of the MSE).
        Assert.Contains("## Ensembles of the seeds", markdown);
        foreach (var shape in shapes)
        {
            var ensemble = shape.GetProperty("ensemble");
            Assert.Equal(2, ensemble.GetProperty("members").GetInt32());
            Assert.True(ensemble.GetProperty("test").GetProperty("mse").GetDouble() <= shape.GetProperty("test_mse").GetProperty("mean").GetDouble() + 1e-9);
        }
    }

    [Fact]
    public void A_run_of_the_sweep_is_bit_identical_to_train_with_the_same_options()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Compare(dir.File("sweep"), "--cells", "lstm", "--hidden", "8", "--layers", "2", "--seed", "3").Exit);
        var (exit, _, error) = CliRunner.Run("train", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--epochs", "4", "--batch-size", "16",
            "--lr", "0.01", "--cell", "Lstm", "--hidden", "8", "--layers", "2", "--seed", "3", "--output", dir.File("train"));
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(dir.File("train/model.safetensors")), File.ReadAllBytes(dir.File("sweep/runs/lstm-l2-h8-s3/model.safetensors")));
    }

    [Fact]
    public void Rerunning_reuses_finished_runs_and_a_grown_grid_trains_only_the_new_shapes()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Compare(dir.File("sweep"), "--cells", "gru", "--hidden", "8", "--layers", "1").Exit);
        string resultPath = dir.File("sweep/runs/gru-l1-h8-s1/result.json");
        byte[] firstResult = File.ReadAllBytes(resultPath);
        DateTime written = File.GetLastWriteTimeUtc(resultPath);

        var again = Compare(dir.File("sweep"), "--cells", "gru", "--hidden", "8,12", "--layers", "1");
        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains("gru-l1-h8-s1: finished earlier", again.Output);
        Assert.Contains("gru-l1-h12-s1: GRU(I=1, H=12, L=1)", again.Output);
        Assert.Equal(4, again.Output.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));   // the new shape's 4 epochs only
        Assert.Equal(firstResult, File.ReadAllBytes(resultPath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(resultPath));
        Assert.Contains("| GRU L=1 H=12 |", File.ReadAllText(dir.File("sweep/report.md")));
    }

    [Fact]
    public void An_interrupted_run_continues_from_its_checkpoint_bit_identically()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Compare(dir.File("clean"), "--cells", "gru", "--hidden", "8", "--layers", "2").Exit);

        // Interrupt the same run after 2 of its 4 epochs, where the sweep keeps its checkpoint — as a killed sweep leaves it.
        var dataset = WindowedDataset.Create(SyntheticSeries.Create("sine"),
            ForecastTask.ForMode(ForecastMode.S, SyntheticSeries.Create("sine"), ["value"], 24, 6), SplitPlan.Default);
        Assert.Equal(0, Compare(dir.File("sweep"), "--cells", "lstm", "--hidden", "8", "--layers", "1").Exit);   // writes sweep.json
        var options = new TrainingOptions { Epochs = 4, BatchSize = 16, LearningRate = 0.01 };
        var trainer = new Training.Fitting.Trainer(new ModelSpec(CellKind.Gru, 1, 8, 2, 6), options,
            dataset.Windows(DatasetSplit.Train), dataset.Windows(DatasetSplit.Validation), TrainCommand.Fingerprint(dataset));
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            trainer.Run(r => { if (r.Epoch == 2) stop.Cancel(); }, dir.File("sweep/runs/gru-l2-h8-s1/checkpoint"), cancellation: stop.Token));

        var (exit, output, error) = Compare(dir.File("sweep"), "--cells", "gru,lstm", "--hidden", "8", "--layers", "2,1");
        Assert.True(exit == 0, error);
        Assert.Contains("gru-l2-h8-s1: GRU(I=1, H=8, L=2) → Dense(8 → 6), 750 parameters, seed 1 (resuming from its checkpoint)", output);
        Assert.Equal(File.ReadAllBytes(dir.File("clean/runs/gru-l2-h8-s1/model.safetensors")), File.ReadAllBytes(dir.File("sweep/runs/gru-l2-h8-s1/model.safetensors")));
        using var clean = JsonDocument.Parse(File.ReadAllText(dir.File("clean/runs/gru-l2-h8-s1/result.json")));
        using var resumed = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/runs/gru-l2-h8-s1/result.json")));
        Assert.Equal(clean.RootElement.GetProperty("test").GetProperty("mse").GetDouble(), resumed.RootElement.GetProperty("test").GetProperty("mse").GetDouble());
        Assert.Equal(4, resumed.RootElement.GetProperty("epochs_run").GetInt32());
    }

    [Fact]
    public void The_generated_kernel_of_each_shape_is_timed_once_and_the_timing_is_kept()
    {
        using var dir = new TempFolder();
        string[] args = ["compare", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--epochs", "2", "--batch-size", "16",
            "--cells", "gru", "--hidden", "8", "--layers", "1", "--seeds", "2", "--output", dir.File("sweep")];
        var (exit, output, error) = CliRunner.Run(args);
        Assert.True(exit == 0, error);
        Assert.Contains("timing the generated kernels of 1 shape(s)", output);
        Assert.True(new FileInfo(dir.File("sweep/inference.png")).Length > 0);
        using (var report = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/report.json"))))
        {
            var shape = Assert.Single(report.RootElement.GetProperty("shapes").EnumerateArray());
            double ns = shape.GetProperty("ns_per_step").GetDouble();
            Assert.True(ns > 0 && double.IsFinite(ns), $"{ns} ns/step");
            Assert.Equal(0, shape.GetProperty("allocated_bytes_per_step").GetDouble());
        }
        Assert.Contains("ns/step: the generated kernel", File.ReadAllText(dir.File("sweep/report.md")));

        var again = CliRunner.Run(args);
        Assert.True(again.Exit == 0, again.Error);
        Assert.DoesNotContain("timing the generated kernels", again.Output);
    }

    [Fact]
    public void A_folder_of_a_differently_trained_sweep_is_refused_with_the_differences()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Compare(dir.File("sweep"), "--cells", "gru", "--hidden", "8", "--layers", "1").Exit);
        var (exit, _, error) = Compare(dir.File("sweep"), "--cells", "gru", "--hidden", "8", "--layers", "1", "--weight-decay", "0.01");
        Assert.Equal(1, exit);
        Assert.Contains("weight_decay: 0 there, 0.01 now", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--cells", "gru,rnn", "'rnn' is not a cell")]
    [InlineData("--hidden", "8,0", "'0' is not a whole number")]
    [InlineData("--layers", "two", "'two' is not a whole number")]
    [InlineData("--seeds", "0", "--seeds must be at least 1")]
    [InlineData("--hidden", "100000", "hidden")]
    public void Bad_input_is_one_clear_error_before_anything_trains(string option, string value, string mentioned)
    {
        using var dir = new TempFolder();
        // An option of the base command line takes the row's value; another is added.
        var (exit, output, error) = Compare(dir.File("sweep"), CliRunner.WithOptions(["--cells", "gru", "--hidden", "8", "--layers", "1"], option, value));
        CliAssert.OneClearError(exit, error, mentioned);
        Assert.DoesNotContain("epoch ", output);
    }

    /// <summary>The test MSE of a saved model on the sine's test windows, through the float64 reference.</summary>
    private static double ReferenceTestMse(string modelPath)
    {
        var weights = SafeTensorsWeights.Read(modelPath);
        var scaler = weights.Preprocessing!.InputColumns[0];
        double[] z = SyntheticSeries.Create("sine").Column("value").ToArray().Select(v => (v - scaler.Mean) / scaler.StandardDeviation).ToArray();
        var reference = new ReferenceModel<double>(weights);
        var forecast = new double[6];
        double squared = 0;
        int windows = 0;
        for (int target = 1600; target + 6 <= 2000; target++, windows++)
        {
            reference.Forecast(z[(target - 24)..target], forecast);
            for (int s = 0; s < 6; s++)
                squared += (forecast[s] - z[target + s]) * (forecast[s] - z[target + s]);
        }
        return squared / (windows * 6);
    }
}
