using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>
/// `--calendar` end to end on ETTh1 (the first 1,400 rows): the model reads the calendar columns, and `evaluate` derives
/// them from the model alone.
/// </summary>
public class CalendarOptionTests
{
    private static readonly string[] Small =
    [
        "--data", SharedData.PathOf("ETTh1.csv"), "--target", "OT", "--split", "counts:1000/200/200",
        "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "2", "--batch-size", "32",
    ];

    private static double Mse(JsonDocument metrics, string split) =>
        metrics.RootElement.GetProperty("scores").GetProperty("model").GetProperty(split).GetProperty("mse").GetDouble();

    [Fact]
    public void Train_reads_the_calendar_columns_and_evaluate_derives_them_without_the_option()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run(["train", .. Small, "--calendar", "hour,weekday", "--window-norm", "LastValue", "-o", dir.File("out")]);
        Assert.True(exit == 0, error);
        Assert.Contains("[OT, calendar.hour_sin, calendar.hour_cos, calendar.weekday_sin, calendar.weekday_cos] × 24 → [OT] × 6", output);
        Assert.Contains("[GruModel(inputSize: 5, hiddenSize: 8, outputSize: 6", output);
        var p = SafeTensorsWeights.Read(dir.File("out/model.safetensors")).Preprocessing!;
        Assert.Equal(["OT", "calendar.hour_sin", "calendar.hour_cos", "calendar.weekday_sin", "calendar.weekday_cos"], p.InputColumns.Select(c => c.Name));

        // No --calendar: the model's input columns say which to compute.
        var evaluated = CliRunner.Run("evaluate", "--model", dir.File("out/model.safetensors"), "--data", SharedData.PathOf("ETTh1.csv"),
            "--split", "counts:1000/200/200", "--json", dir.File("eval.json"));
        Assert.True(evaluated.Exit == 0, evaluated.Error);
        using var trained = JsonDocument.Parse(File.ReadAllText(dir.File("out/metrics.json")));
        using var scored = JsonDocument.Parse(File.ReadAllText(dir.File("eval.json")));
        foreach (var split in new[] { "train", "validation", "test" })
            Assert.Equal(Mse(trained, split), Mse(scored, split));
    }

    [Fact]
    public void Repeated_options_and_commas_name_the_same_features_in_one_order()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = CliRunner.Run(["train", .. Small, "--mode", "M", "--calendar", "month", "--calendar", "Hour,month", "-o", dir.File("out")]);
        Assert.True(exit == 0, error);
        // M: every column in, the observed ones out.
        Assert.Contains("[HUFL, HULL, MUFL, MULL, LUFL, LULL, OT, calendar.hour_sin, calendar.hour_cos, calendar.month_sin, calendar.month_cos] × 24 "
            + "→ [HUFL, HULL, MUFL, MULL, LUFL, LULL, OT] × 6", output);
    }

    [Theory]
    [InlineData("year", "error: --calendar: 'year' is not one of hour, weekday, month.")]
    [InlineData("hour", "calendar feature 'hour' is constant over all 3650 row(s)")]
    public void Bad_calendar_options_are_one_clear_error(string value, string expected)
    {
        using var dir = new TempFolder();
        var (exit, _, error) = CliRunner.Run("train", "--data", SharedData.PathOf("daily-min-temperatures.csv"), "--calendar", value, "-o", dir.File("out"));
        Assert.Equal(1, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_file_without_a_date_column_says_calendar_needs_one()
    {
        using var dir = new TempFolder();
        File.WriteAllLines(dir.File("data.csv"), ["load,OT", .. Enumerable.Range(0, 50).Select(i => $"{i % 7},{i % 11}")]);
        var (exit, _, error) = CliRunner.Run("train", "--data", dir.File("data.csv"), "--calendar", "weekday", "-o", dir.File("out"));
        Assert.Equal(1, exit);
        Assert.Contains("--calendar needs --date-column", error);
    }
}
