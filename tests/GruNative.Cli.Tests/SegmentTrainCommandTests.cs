using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>`grunative train --architecture SegRnn`: its options, its refusals, what it writes, checkpoints and --refit.</summary>
public class SegmentTrainCommandTests
{
    /// <summary>A segment model small enough to train in a second on the built-in sine.</summary>
    internal static readonly string[] Small =
        ["train", "--builtin", "sine", "--architecture", "SegRnn", "--lookback", "24", "--horizon", "12", "--segment-length", "6",
         "--hidden", "8", "--epochs", "3", "--batch-size", "32", "--lr", "0.01"];

    private static (int Exit, string Output, string Error) Train(TempFolder dir, params string[] extra) =>
        CliRunner.Run([.. CliRunner.WithOptions(Small, extra), "--output", dir.File("out")]);

    [Fact]
    public void Trains_scores_and_describes_the_segment_model()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "--intervals", "none");
        Assert.True(exit == 0, error);
        Assert.Contains("model: SegRNN GRU L=24 H=12 w=6 d=8 PMF, ", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));

        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var model = metrics.RootElement.GetProperty("model");
        Assert.Equal("segrnn", model.GetProperty("architecture").GetString());
        Assert.Equal(6, model.GetProperty("segment_length").GetInt32());
        Assert.Equal("pmf", model.GetProperty("decoding").GetString());
        Assert.Equal("mae", model.GetProperty("loss").GetString());
        Assert.False(model.TryGetProperty("quantile", out _));
        // pos_emb 2·8 + valueEmbedding 8·6 + 8 + GRU 2·(24·8) + 2·24 + predict 6·8 + 6, counted by hand.
        Assert.Equal(16 + 56 + 432 + 54, model.GetProperty("parameters").GetInt64());
        var scores = metrics.RootElement.GetProperty("scores");
        Assert.True(scores.GetProperty("model").GetProperty("test").GetProperty("mse").GetDouble() > 0);
        Assert.True(scores.TryGetProperty("ets", out _));
        Assert.Equal(3, metrics.RootElement.GetProperty("training").GetProperty("history").GetArrayLength());

        // The files: the official state_dict names, the JSON twin the same model.
        var weights = SafeTensorsSegmentWeights.Read(dir.File("out/model.safetensors"));
        Assert.Equal(new SegmentModelSpec(CellKind.Gru, 24, 12, 6, 8), weights.Spec);
        Assert.Equal(SafeTensorsSegmentWeights.ToBytes(weights), SafeTensorsSegmentWeights.ToBytes(JsonSegmentWeights.Read(dir.File("out/model.weights.json"))));

        // The test MSE recomputed from the file alone, through the runtime's reference pass in the data's units: 2000
        // rows, ratios 0.7/0.1/0.2 → test targets in rows [1600, 2000), scored on the training rows' standard scale.
        var (mse, windows) = SineSplits.SegmentTestMse(weights);
        var test = scores.GetProperty("model").GetProperty("test");
        Assert.Equal(windows, test.GetProperty("windows").GetInt32());
        Assert.Equal(mse, test.GetProperty("mse").GetDouble(), 1e-5);
    }

    [Fact]
    public void Intervals_are_calibrated_stored_and_scored_for_the_segment_model()
    {
        // The bands as calibrated, whose coverage of their own calibration windows split conformal guarantees.
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "--interval-tracking", "none");
        Assert.True(exit == 0, error);
        Assert.Contains("prediction intervals 80 %, 95 %: calibrated on ", output);
        var intervals = SafeTensorsSegmentWeights.Read(dir.File("out/model.safetensors")).Preprocessing!.Intervals!;
        Assert.Equal([0.8, 0.95], intervals.Levels);
        Assert.Equal(12, intervals.OutputCount);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var validation = metrics.RootElement.GetProperty("scores").GetProperty("model").GetProperty("validation").GetProperty("intervals");
        // Split conformal on the validation windows themselves: at least the nominal share there, per step.
        Assert.True(validation.GetProperty("0.8").GetProperty("coverage").GetDouble() >= 0.8);
        Assert.True(validation.GetProperty("0.95").GetProperty("coverage").GetDouble() >= 0.95);
    }

    [Fact]
    public void Evaluate_reproduces_the_scores_of_train_from_either_file()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Train(dir).Exit);
        using var trained = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        foreach (string file in new[] { "model.safetensors", "model.weights.json" })
        {
            var (exit, output, error) = CliRunner.Run("evaluate", "--model", dir.File("out/" + file), "--builtin", "sine", "--json", dir.File(file + ".json"));
            Assert.True(exit == 0, error);
            Assert.Contains("model: SegRNN GRU L=24 H=12 w=6 d=8 PMF from ", output);
            using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.File(file + ".json")));
            Assert.Equal("segrnn", evaluated.RootElement.GetProperty("model").GetProperty("architecture").GetString());
            foreach (string split in new[] { "train", "validation", "test" })
            {
                var a = trained.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split);
                var b = evaluated.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split);
                Assert.Equal(a.GetProperty("mse").GetDouble(), b.GetProperty("mse").GetDouble());
                Assert.Equal(a.GetProperty("intervals").GetProperty("0.95").GetProperty("coverage").GetDouble(),
                    b.GetProperty("intervals").GetProperty("0.95").GetProperty("coverage").GetDouble());
            }
        }
    }

    [Fact]
    public void A_pinball_loss_run_says_its_level_reports_its_validation_loss_and_refuses_a_level_outside_0_1()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "--loss", "pinball", "--quantile", "0.9", "--intervals", "none");
        Assert.True(exit == 0, error);
        Assert.Contains("loss pinball at τ = 0.9 (chosen by its validation pinball loss)", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal) && l.Contains("  val pinball ", StringComparison.Ordinal)));
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        Assert.Equal("pinball", metrics.RootElement.GetProperty("model").GetProperty("loss").GetString());
        Assert.Equal(0.9, metrics.RootElement.GetProperty("model").GetProperty("quantile").GetDouble());
        var history = metrics.RootElement.GetProperty("training").GetProperty("history");
        Assert.All(history.EnumerateArray(), h => Assert.True(h.GetProperty("validation_pinball_loss").GetDouble() > 0));

        foreach (string level in new[] { "0", "1", "1.5" })
        {
            var bad = Train(dir, "--loss", "pinball", "--quantile", level);
            CliAssert.OneClearError(bad.Exit, bad.Error, "quantile level must lie in (0, 1)");
        }
    }

    [Theory]
    [InlineData("--window-norm", "LastValue", "--window-norm")]
    [InlineData("--transform", "box-cox:0.5", "--transform")]
    [InlineData("--layers", "2", "--layers")]
    [InlineData("--segment-length", "5", "multiple of the segment length")]
    [InlineData("--loss", "hinge", "--loss")]
    [InlineData("--quantile", "0.9", "--quantile applies to --loss pinball only")]
    [InlineData("--huber-delta", "0.5", "--huber-delta applies to --loss huber only")]
    [InlineData("--decoding", "Recurrent", "Channel ids")]
    [InlineData("--dropout", "1.5", "dropout")]
    public void Bad_input_is_one_clear_error(string option, string value, string mentioned)
    {
        using var dir = new TempFolder();
        string[] extra = option == "--decoding" ? ["--channel-ids", option, value!] : [option, value!];
        var (exit, _, error) = Train(dir, extra);
        CliAssert.OneClearError(exit, error, mentioned);
    }

    [Fact]
    public void A_run_interrupted_after_epoch_2_and_resumed_on_another_thread_count_writes_the_uninterrupted_run_s_model()
    {
        using var dir = new TempFolder();
        string[] options = ["--epochs", "4", "--dropout", "0.2", "--channel-ids", "--intervals", "80"];
        var straight = Train(dir, [.. options, "--threads", "1"]);
        Assert.True(straight.Exit == 0, straight.Error);
        byte[] model = File.ReadAllBytes(dir.File("out/model.safetensors"));
        using var straightMetrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));

        // The run stops as the line of epoch 2 is printed, after that epoch's checkpoint was saved.
        string[] args = [.. CliRunner.WithOptions(Small, [.. options, "--threads", "1", "--checkpoint-dir", dir.File("ckpt")]), "--output", dir.File("cut")];
        var cut = new InterruptingWriter("epoch   2/");
        int cutExit;
        try
        {
            cutExit = CommandLine.Run(args, cut, new StringWriter());
        }
        catch (OperationCanceledException)
        {
            cutExit = -1;
        }
        Assert.NotEqual(0, cutExit);
        Assert.Contains("epoch   1/4", cut.ToString());
        Assert.True(File.Exists(dir.File("ckpt/checkpoint.safetensors")));
        Assert.False(File.Exists(dir.File("cut/model.safetensors")));

        var resumed = Train(dir, [.. options, "--threads", "2", "--checkpoint-dir", dir.File("ckpt"), "--resume"]);
        Assert.True(resumed.Exit == 0, resumed.Error);
        // Only epochs 3 and 4 trained; the weights file (weights, scalers, intervals) is the uninterrupted run's, byte for byte.
        Assert.Equal(["epoch   3/4", "epoch   4/4"], resumed.Output.Split('\n').Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).Select(l => l[..11]));
        Assert.Equal(model, File.ReadAllBytes(dir.File("out/model.safetensors")));
        using var resumedMetrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        static IEnumerable<string> History(JsonDocument d) => d.RootElement.GetProperty("training").GetProperty("history").EnumerateArray()
            .Select(e => $"{e.GetProperty("train_mse").GetDouble():R} {e.GetProperty("validation_mse").GetDouble():R}");
        Assert.Equal(History(straightMetrics), History(resumedMetrics));

        // A checkpoint of other options is refused, naming the difference.
        var foreign = Train(dir, [.. options, "--loss", "mse", "--checkpoint-dir", dir.File("ckpt"), "--resume"]);
        Assert.Equal(1, foreign.Exit);
        Assert.Contains("option.loss: checkpoint has 'mae', this run 'mse'", foreign.Error);
    }

    [Fact]
    public void Refit_trains_again_on_training_and_validation_rows_keeping_the_first_run_s_intervals()
    {
        using var first = new TempFolder();
        Assert.Equal(0, Train(first).Exit);
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir, "--refit");
        Assert.True(exit == 0, error);
        Assert.Contains("refit on the training and validation rows (1600 rows", output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var refit = RefitChecks.AssertRefitObject(metrics, rows: 1600);
        Assert.Equal(1600 - 24 - 12 + 1, refit.GetProperty("windows").GetInt32());

        // Another model than the first run's, with the first run's intervals (calibrated before the refit, out of sample).
        var refitted = SafeTensorsSegmentWeights.Read(dir.File("out/model.safetensors"));
        var plain = SafeTensorsSegmentWeights.Read(first.File("out/model.safetensors"));
        Assert.NotEqual(SafeTensorsSegmentWeights.ToBytes(plain), SafeTensorsSegmentWeights.ToBytes(refitted));
        Assert.Equal(plain.Preprocessing!.Intervals, refitted.Preprocessing!.Intervals);

        // The test score is the refitted model's: evaluate, from the file alone, finds it again; the first run's differs.
        (exit, _, error) = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--builtin", "sine", "--json", dir.File("eval.json"));
        Assert.True(exit == 0, error);
        using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        using var firstMetrics = JsonDocument.Parse(File.ReadAllText(first.File("out/metrics.json")));
        Assert.Equal(RefitChecks.TestMse(metrics), RefitChecks.TestMse(evaluated));
        Assert.NotEqual(RefitChecks.TestMse(firstMetrics), RefitChecks.TestMse(metrics));
    }

    /// <summary>Output that stops the command, as an interruption would, when a line starting with <c>prefix</c> is written.</summary>
    private sealed class InterruptingWriter(string prefix) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
                throw new OperationCanceledException($"interrupted at '{value}'");
            base.WriteLine(value);
        }
    }

    [Theory]
    [InlineData("--segment-length", "6")]
    [InlineData("--channel-ids", null)]
    [InlineData("--decoding", "Recurrent")]
    public void Segment_options_are_refused_for_the_plain_architecture(string option, string? value)
    {
        using var dir = new TempFolder();
        string[] args = ["train", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "1", option, .. value is null ? Array.Empty<string>() : [value], "--output", dir.File("out")];
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.Contains($"{option} applies to --architecture SegRnn only", error);
    }
}
