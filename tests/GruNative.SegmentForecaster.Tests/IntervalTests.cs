namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// <c>--intervals</c>: the header names each level's lower then upper bounds after the forecast, in increasing order of
/// level, and each bound is the forecast ∓ the weights' calibrated offset of its step times σ (the scaler of OT, no
/// transform), to float32 rounding.
/// </summary>
public class IntervalTests
{
    [Theory]
    [InlineData(new string[0], new[] { 0.8, 0.95 })]
    [InlineData(new[] { "95" }, new[] { 0.95 })]
    [InlineData(new[] { "95,80" }, new[] { 0.8, 0.95 })]
    public void BoundsAreTheForecastPlusAndMinusTheCalibratedOffsets(string[] levels, double[] expected)
    {
        using var folder = new TempFolder();
        var run = ProgramUnderTest.Jit.Run(folder.Path, SampleModel.Lines(SampleModel.TestStretch(48)), ["--every", "24", "--intervals", .. levels]);
        Assert.True(run.ExitCode == 0, run.ToString());
        IntervalChecks.BoundsMatchMetadata(run, expected);
    }
}

/// <summary>The checks of an --intervals run, shared with the NativeAOT tests.</summary>
public static class IntervalChecks
{
    public static void BoundsMatchMetadata(RunResult run, double[] levels)
    {
        var intervals = SampleModel.Weights.Preprocessing!.Intervals!;
        string Columns(string name) => string.Join(",", Enumerable.Range(1, 96).Select(k => $"{name}+{k}"));
        string header = "step," + Columns("OT") + string.Concat(levels.Select(l => $",{Columns($"OT_lower_{Math.Round(l * 100)}")},{Columns($"OT_upper_{Math.Round(l * 100)}")}"));
        Assert.Equal(header, run.Header);

        double sigma = SampleModel.Scaler.StandardDeviation;
        Assert.NotEmpty(run.Forecasts);
        foreach (var (_, values) in run.Forecasts)
        {
            Assert.Equal(96 * (1 + 2 * levels.Length), values.Length);
            for (int i = 0; i < levels.Length; i++)
            {
                ReadOnlySpan<double> offsets = intervals.OffsetsOf(intervals.IndexOf(levels[i]));
                for (int k = 0; k < 96; k++)
                {
                    double forecast = values[k], lower = values[96 * (1 + 2 * i) + k], upper = values[96 * (2 + 2 * i) + k];
                    Assert.True(lower < forecast && forecast < upper);
                    // float32 outputs: the bounds and the forecast are each rounded once, to 1e-6 of ~20 °C.
                    Assert.Equal(forecast - offsets[k] * sigma, lower, 1e-4);
                    Assert.Equal(forecast + offsets[k] * sigma, upper, 1e-4);
                }
            }
        }
    }
}
