using System.Text.Json;

namespace GruNative.Cli.Tests;

/// <summary>What every architecture's <c>train --refit</c> must write, checked once for all of them.</summary>
internal static class RefitChecks
{
    /// <summary>
    /// metrics.json holds a <c>refit</c> object: the first run's best epoch count, <paramref name="rows"/> training and
    /// validation rows, validation scores marked in-sample. Returns it.
    /// </summary>
    public static JsonElement AssertRefitObject(JsonDocument metrics, int rows)
    {
        var training = metrics.RootElement.GetProperty("training");
        var refit = training.GetProperty("refit");
        Assert.Equal(training.GetProperty("best_epoch").GetInt32(), refit.GetProperty("epochs").GetInt32());
        Assert.Equal(rows, refit.GetProperty("rows").GetInt32());
        Assert.True(refit.GetProperty("validation_in_sample").GetBoolean());
        return refit;
    }

    /// <summary>The model's test MSE in a metrics.json or an evaluate report.</summary>
    public static double TestMse(JsonDocument report) =>
        report.RootElement.GetProperty("scores").GetProperty("model").GetProperty("test").GetProperty("mse").GetDouble();
}
