using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>`grunative train --architecture SegRnn`: its options, its refusals, and what it writes.</summary>
public class SegmentTrainCommandTests
{
    private static readonly string[] Small =
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
        using var dir = new TempFolder();
        var (exit, output, error) = Train(dir);
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

    [Theory]
    [InlineData("--window-norm", "LastValue", "--window-norm")]
    [InlineData("--transform", "box-cox:0.5", "--transform")]
    [InlineData("--layers", "2", "--layers")]
    [InlineData("--segment-length", "5", "multiple of the segment length")]
    [InlineData("--loss", "hinge", "--loss")]
    [InlineData("--decoding", "Recurrent", "Channel ids")]
    [InlineData("--refit", null, "--refit")]
    [InlineData("--checkpoint-dir", "ckpt", "--checkpoint-dir")]
    [InlineData("--dropout", "1.5", "dropout")]
    public void Bad_input_is_one_clear_error(string option, string? value, string mentioned)
    {
        using var dir = new TempFolder();
        string[] extra = option == "--decoding" ? ["--channel-ids", option, value!] : value is null ? [option] : [option, value];
        var (exit, _, error) = Train(dir, extra);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
        Assert.Contains(mentioned, error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--segment-length", "6")]
    [InlineData("--channel-ids", null)]
    [InlineData("--loss", "mse")]
    public void Segment_options_are_refused_for_the_plain_architecture(string option, string? value)
    {
        using var dir = new TempFolder();
        string[] args = ["train", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "1", option, .. value is null ? Array.Empty<string>() : [value], "--output", dir.File("out")];
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.Contains($"{option} applies to --architecture SegRnn only", error);
    }
}
