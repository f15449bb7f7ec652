using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>
/// `--loss`, `--quantile` and `--huber-delta` for the plain architecture (the segment architecture's are tested with
/// it), in train and compare; compare ranks by validation MSE, so it trains no quantile model.
/// </summary>
public class LossOptionTests
{
    private static readonly string[] Plain =
        ["train", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "3", "--batch-size", "32", "--lr", "0.01",
         "--intervals", "none"];

    [Fact]
    public void A_plain_model_trained_on_the_pinball_loss_says_its_level_and_reports_its_validation_loss()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run([.. Plain, "--loss", "pinball", "--quantile", "0.1", "--output", dir.File("out")]);
        Assert.True(exit == 0, error);
        Assert.Contains("; loss pinball at τ = 0.1 (chosen by its validation pinball loss);", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal) && l.Contains("  val pinball ", StringComparison.Ordinal)));
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        var model = metrics.RootElement.GetProperty("model");
        Assert.Equal("pinball", model.GetProperty("loss").GetString());
        Assert.Equal(0.1, model.GetProperty("quantile").GetDouble());
        Assert.All(metrics.RootElement.GetProperty("training").GetProperty("history").EnumerateArray(),
            h => Assert.True(h.GetProperty("validation_pinball_loss").GetDouble() > 0));
    }

    [Fact]
    public void A_plain_model_trains_on_the_MSE_unless_told_otherwise()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run([.. Plain, "--output", dir.File("out")]);
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("val pinball", output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        Assert.Equal("mse", metrics.RootElement.GetProperty("model").GetProperty("loss").GetString());
    }

    [Theory]
    [InlineData("--quantile", "0.9", "--quantile applies to --loss pinball only")]
    [InlineData("--huber-delta", "2", "--huber-delta applies to --loss huber only")]
    [InlineData("--loss", "hinge", "--loss: 'hinge' is not mae, mse, huber or pinball")]
    public void Bad_loss_options_for_a_plain_model_are_one_clear_error(string option, string value, string mentioned)
    {
        using var dir = new TempFolder();
        var (exit, _, error) = CliRunner.Run([.. Plain, option, value, "--output", dir.File("out")]);
        CliAssert.OneClearError(exit, error, mentioned);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Compare_trains_its_recurrent_runs_on_the_loss_given_and_refuses_quantile_models()
    {
        using var dir = new TempFolder();
        string[] compare = ["compare", "--builtin", "sine", "--lookback", "24", "--horizon", "12", "--epochs", "1", "--hidden", "8", "--layers", "1",
            "--cells", "gru", "--no-speed", "--intervals", "none"];
        foreach (string architecture in new[] { "recurrent", "segrnn" })
        {
            var pinball = CliRunner.Run([.. compare, "--architectures", architecture, "--segment-length", "6", "--loss", "pinball", "--quantile", "0.9",
                "--output", dir.File("refused")]);
            CliAssert.OneClearError(pinball.Exit, pinball.Error, "compare ranks its runs by validation MSE");
        }
        Assert.False(Directory.Exists(dir.File("refused/runs")));

        // The same run trained by train with --loss mae: compare's run is that model, bit for bit.
        var (exit, _, error) = CliRunner.Run([.. compare, "--loss", "mae", "--output", dir.File("sweep")]);
        Assert.True(exit == 0, error);
        Assert.Contains("loss mae (of the recurrent runs)", File.ReadAllText(dir.File("sweep/report.md")));
        (exit, _, error) = CliRunner.Run(["train", "--builtin", "sine", "--lookback", "24", "--horizon", "12", "--epochs", "1", "--hidden", "8",
            "--intervals", "none", "--loss", "mae", "--output", dir.File("train")]);
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(dir.File("train/model.safetensors")), File.ReadAllBytes(dir.File("sweep/runs/gru-l1-h8-s1/model.safetensors")));
    }
}
