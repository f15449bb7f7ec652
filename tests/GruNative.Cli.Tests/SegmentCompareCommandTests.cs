using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>`grunative compare --architectures recurrent,segrnn`: both families in one sweep, on the same windows and scale.</summary>
public class SegmentCompareCommandTests
{
    private static readonly string[] Small =
        ["compare", "--builtin", "sine", "--lookback", "24", "--horizon", "12", "--epochs", "3", "--batch-size", "16", "--lr", "0.01", "--no-speed",
         "--window-norm", "LastValue", "--segment-length", "6", "--hidden", "8", "--layers", "1"];

    [Fact]
    public void Both_architectures_train_and_the_segment_runs_score_as_their_files_do()
    {
        using var dir = new TempFolder();
        // Bands as calibrated, so that a run's coverage can be recounted from its file's offsets alone.
        var (exit, output, error) = CliRunner.Run([.. Small, "--architectures", "recurrent,segrnn", "--cells", "gru,lstm", "--seeds", "2",
            "--interval-tracking", "none", "--output", dir.File("sweep")]);
        Assert.True(exit == 0, error);
        string[] segmentRuns = ["segrnn-gru-d8-s1", "segrnn-lstm-d8-s1", "segrnn-gru-d8-s2", "segrnn-lstm-d8-s2"];
        foreach (string run in segmentRuns.Concat(["gru-l1-h8-s1", "lstm-l1-h8-s2"]))
            Assert.True(File.Exists(dir.File($"sweep/runs/{run}/result.json")), run);

        // A segment run's test MSE, recomputed from its file alone through the runtime's reference in data units — on
        // windows standardised only, although the recurrent runs of the sweep normalise by the last value.
        foreach (string run in segmentRuns)
        {
            var (mse, _) = SineSplits.SegmentTestMse(SafeTensorsSegmentWeights.Read(dir.File($"sweep/runs/{run}/model.safetensors")));
            using var result = JsonDocument.Parse(File.ReadAllText(dir.File($"sweep/runs/{run}/result.json")));
            Assert.Equal("segrnn", result.RootElement.GetProperty("architecture").GetString());
            Assert.Equal(mse, result.RootElement.GetProperty("test").GetProperty("mse").GetDouble(), 1e-5);
            // Its 80 % band's test coverage, recounted from the file (a value on the band's edge may round either way).
            var (coverage, values) = SineSplits.SegmentTestCoverage(SafeTensorsSegmentWeights.Read(dir.File($"sweep/runs/{run}/model.safetensors")), 0);
            var recorded = result.RootElement.GetProperty("test").GetProperty("intervals")[0];
            Assert.Equal(0.8, recorded.GetProperty("level").GetDouble());
            Assert.Equal(coverage, recorded.GetProperty("coverage").GetDouble(), 2.0 / values);
        }

        string markdown = File.ReadAllText(dir.File("sweep/report.md"));
        Assert.Contains("| SegRNN GRU d=8 | ", markdown);
        Assert.Contains("| SegRNN LSTM d=8 | ", markdown);
        Assert.Contains("| SegRNN | 1 | 8 | ", markdown);      // GRU against LSTM inside the segment family
        Assert.Contains("| recurrent | 1 | 8 | ", markdown);
        Assert.Contains("SegRNN GRU d=8 ×2", markdown);        // the seeds' ensemble
        Assert.Contains("## Prediction intervals (test)", markdown);
        Assert.Contains("with a batch of 16 and the options above otherwise", markdown);   // --batch-size given: the segment runs' batch too
        Assert.Contains("| SegRNN GRU d=8 | 95 % | ", markdown);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("sweep/report.json")));
        Assert.Equal(["recurrent", "recurrent", "segrnn", "segrnn"],
            report.RootElement.GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("architecture").GetString()).Order());

        // Rerun: every run is read back, nothing trains again.
        var again = CliRunner.Run([.. Small, "--architectures", "recurrent,segrnn", "--cells", "gru,lstm", "--seeds", "2", "--output", dir.File("sweep")]);
        Assert.True(again.Exit == 0, again.Error);
        Assert.Equal(8, again.Output.Split('\n').Count(l => l.Contains("finished earlier", StringComparison.Ordinal)));
    }

    [Fact]
    public void Refit_trains_each_segment_run_again_and_scores_that_model()
    {
        using var dir = new TempFolder();
        string[] args = [.. Small, "--architectures", "segrnn", "--cells", "gru", "--seeds", "1"];
        Assert.Equal(0, CliRunner.Run([.. args, "--output", dir.File("plain")]).Exit);
        var (exit, _, error) = CliRunner.Run([.. args, "--refit", "--output", dir.File("refit")]);
        Assert.True(exit == 0, error);
        const string run = "runs/segrnn-gru-d8-s1";
        Assert.NotEqual(File.ReadAllBytes(dir.File($"plain/{run}/model.safetensors")), File.ReadAllBytes(dir.File($"refit/{run}/model.safetensors")));
        var (mse, _) = SineSplits.SegmentTestMse(SafeTensorsSegmentWeights.Read(dir.File($"refit/{run}/model.safetensors")));
        using var result = JsonDocument.Parse(File.ReadAllText(dir.File($"refit/{run}/result.json")));
        Assert.Equal(mse, result.RootElement.GetProperty("test").GetProperty("mse").GetDouble(), 1e-5);
        // The intervals are the first model's, calibrated before the refit: the same bands as the run without it.
        Assert.Equal(SafeTensorsSegmentWeights.Read(dir.File($"plain/{run}/model.safetensors")).Preprocessing!.Intervals,
            SafeTensorsSegmentWeights.Read(dir.File($"refit/{run}/model.safetensors")).Preprocessing!.Intervals);
    }

    [Theory]
    [InlineData("--architectures", "transformer", "--architectures")]
    [InlineData("--transform", "box-cox:0.5", "--transform")]
    [InlineData("--segment-length", "5", "multiple of the segment length")]
    public void Bad_input_is_one_clear_error(string option, string value, string mentioned)
    {
        using var dir = new TempFolder();
        string[] args = option == "--architectures"
            ? [.. Small, option, value, "--output", dir.File("sweep")]
            : [.. CliRunner.WithOptions(Small, option, value), "--architectures", "segrnn", "--output", dir.File("sweep")];
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
        Assert.Contains(mentioned, error, StringComparison.OrdinalIgnoreCase);
    }
}
