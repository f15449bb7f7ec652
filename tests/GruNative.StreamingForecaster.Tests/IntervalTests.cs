using System.Globalization;
using System.Text;
using StreamingForecaster.Streaming;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>A run's CSV output read by its header: each line's cells by column name.</summary>
public sealed class ForecastTable
{
    private readonly Dictionary<string, int> _columns;

    public ForecastTable(string stdout)
    {
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Header = lines[0];
        string[] names = Header.Split(',');
        _columns = names.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        Assert.Equal(names.Length, _columns.Count);   // no column named twice
        Rows = lines[1..].Select(line => line.Split(',')).ToList();
        Assert.All(Rows, row => Assert.Equal(names.Length, row.Length));
    }

    public string Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The value of column <paramref name="name"/> in row <paramref name="row"/>: the printed float32, exactly.</summary>
    public double Value(int row, string name) => float.Parse(Rows[row][_columns[name]], CultureInfo.InvariantCulture);
}

/// <summary>Checks of the --intervals output that every build must pass: JIT here, NativeAOT x86-64-v3 in its own tests.</summary>
public static class IntervalChecks
{
    public static readonly string[] Levels = ["80", "95"];

    /// <summary>The header of <c>--intervals</c> with the levels <paramref name="levels"/> (in percent, increasing).</summary>
    public static string Header(params string[] levels)
    {
        static string Columns(string name) => string.Concat(Enumerable.Range(1, 24).Select(k => $",temperature{name}+{k}"));
        return "step" + Columns("") + string.Concat(levels.Select(l => Columns("_lower_" + l) + Columns("_upper_" + l)));
    }

    /// <summary>
    /// Streams <see cref="ProgramChecks.ParityInput"/> through the program with <c>--intervals</c> and holds every bound to
    /// an independent computation: the printed forecast f ± q · σ, in float64, with the offset q of its level and step read
    /// from the weights file by the runtime's reader (<see cref="JsonWeights"/>, not the baked copy) and the target's σ.
    /// The program computes each bound as g⁻¹((y ± q) · σ + μ) in double and rounds it to float32, and f likewise, so the
    /// two differ by at most the two roundings: the tolerance is half a float32 ulp of the bound plus half of the
    /// forecast's (1 to 2 × 10⁻⁶ °C here), plus 10⁻¹² for the double arithmetic. Also: lower ≤ forecast ≤ upper, the 95 %
    /// band contains the 80 % band, and the forecast columns are exactly those of a run without --intervals.
    /// </summary>
    public static void BoundsMatchMetadata(ProgramUnderTest program, ITestOutputHelper output)
    {
        using var folder = new TempDirectory();
        string input = SampleModel.Lines(ProgramChecks.ParityInput);
        var run = program.Run(folder.Path, input, "--intervals");
        Assert.True(run.ExitCode == 0, run.ToString());
        var plain = program.Run(folder.Path, input);
        var table = new ForecastTable(run.Stdout);
        Assert.Equal(Header(Levels), table.Header);
        Assert.Equal(ProgramChecks.ParityInput.Length, table.Rows.Count);

        var intervals = JsonWeights.Read(SampleModel.WeightsPath).Preprocessing!.Intervals!;
        Assert.Equal([0.8, 0.95], intervals.Levels);
        Assert.Null(intervals.ScaleSteps);
        double sigma = SampleModel.TargetScaler.StandardDeviation;
        string[] plainLines = plain.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        double maxDelta = 0;
        for (int row = 0; row < table.Rows.Count; row++)
        {
            // The forecast columns are the plain run's, to the character.
            Assert.Equal(plainLines[row + 1], string.Join(",", table.Rows[row][..25]));
            for (int j = 0; j < SensorForecaster.OutputSize; j++)
            {
                double forecast = table.Value(row, $"temperature+{j + 1}");
                var bands = new (double Lower, double Upper)[Levels.Length];
                for (int level = 0; level < Levels.Length; level++)
                {
                    double lower = table.Value(row, $"temperature_lower_{Levels[level]}+{j + 1}");
                    double upper = table.Value(row, $"temperature_upper_{Levels[level]}+{j + 1}");
                    double halfWidth = intervals.Offset(level, j) * sigma;
                    foreach (var (bound, expected) in new[] { (lower, forecast - halfWidth), (upper, forecast + halfWidth) })
                    {
                        double tolerance = (Ulp(bound) + Ulp(forecast)) / 2 + 1e-12;
                        double delta = Math.Abs(bound - expected);
                        maxDelta = Math.Max(maxDelta, delta);
                        Assert.True(delta <= tolerance, $"step {row + 1}, value {j + 1}, {Levels[level]} %: {bound:R} vs {expected:R} (|Δ| {delta:E2} > {tolerance:E2})");
                    }
                    Assert.True(lower <= forecast && forecast <= upper, $"step {row + 1}, value {j + 1}, {Levels[level]} %: {lower} ≤ {forecast} ≤ {upper}");
                    bands[level] = (lower, upper);
                }
                Assert.True(bands[1].Lower <= bands[0].Lower && bands[0].Upper <= bands[1].Upper,
                    $"step {row + 1}, value {j + 1}: the 95 % band {bands[1]} does not contain the 80 % band {bands[0]}");
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{program}: {table.Rows.Count} lines × {SensorForecaster.OutputSize} values × 2 levels, max |bound − (f ± q·σ)| = {maxDelta:E2} °C"));
    }

    private static double Ulp(double value) => MathF.BitIncrement(MathF.Abs((float)value)) - MathF.Abs((float)value);
}

/// <summary>--intervals: the bounds the weights' calibrated offsets give, their header, the levels chosen, and the refusals.</summary>
public class IntervalTests(ITestOutputHelper output)
{
    private static readonly string Input = SampleModel.Lines(SampleModel.Observations(48, seed: 71));

    [Fact]
    public void BoundsAreTheForecastPlusOrMinusTheCalibratedOffsetTimesTheTargetStd() =>
        IntervalChecks.BoundsMatchMetadata(ProgramUnderTest.Jit, output);

    [Theory]
    [InlineData("", "80,95")]
    [InlineData("80,95", "80,95")]
    [InlineData("95,80", "80,95")]
    [InlineData("95", "95")]
    [InlineData("80", "80")]
    public void TheHeaderNamesEachLevelsBoundsInIncreasingOrder(string levels, string columns)
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, "", levels.Length == 0 ? ["--intervals"] : ["--intervals", levels]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(IntervalChecks.Header(columns.Split(',')) + "\n", run.Stdout);
    }

    [Fact]
    public void ALevelListWritesThoseLevelsColumnsOfTheFullOutput()
    {
        using var folder = new TempDirectory();
        var all = new ForecastTable(ProgramUnderTest.Jit.Run(folder.Path, Input, "--intervals").Stdout);
        var run = ProgramUnderTest.Jit.Run(folder.Path, Input, "--intervals", "95");
        Assert.True(run.ExitCode == 0, run.ToString());
        var only95 = new ForecastTable(run.Stdout);
        string[] names = only95.Header.Split(',');
        Assert.Equal(all.Rows.Count, only95.Rows.Count);
        for (int row = 0; row < all.Rows.Count; row++)
        {
            foreach (string name in names)
                Assert.Equal(all.Value(row, name), only95.Value(row, name));
        }
    }

    [Fact]
    public void IntervalsWithoutLevelsBeforeAnotherOptionMeansEveryLevel()
    {
        using var folder = new TempDirectory();
        var run = ProgramUnderTest.Jit.Run(folder.Path, Input, "--intervals", "--every", "24");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = new ForecastTable(run.Stdout);
        Assert.Equal(IntervalChecks.Header(IntervalChecks.Levels), table.Header);
        Assert.Equal(["24", "48"], table.Rows.Select(r => r[0]));
    }

    [Fact]
    public void InfoNamesTheModelsIntervals() =>
        Assert.Equal("80 %, 95 %, split conformal, one offset per step (--intervals writes them)", ProgramChecks.Info(ProgramUnderTest.Jit)["intervals"]);

    // The baked model has intervals, so the program cannot be run on one without: these hold the check Program.cs makes
    // (ModelColumns.IntervalLevels, whose NotSupportedException it prints with exit code 1, as for a level the model lacks).
    [Fact]
    public void AModelWithoutIntervalsIsRefused()
    {
        var columns = ModelColumns.Of(SensorForecaster.Spec, SensorForecaster.Baked.Preprocessing!.WithIntervals(null));
        var e = Assert.Throws<NotSupportedException>(() => columns.IntervalLevels([]));
        Assert.Equal("--intervals: the model carries no prediction intervals (its weights have no grunative.interval_levels). "
            + "Train it with `grunative train --intervals 80,95` (the default) and rebuild.", e.Message);
    }

    [Fact]
    public void ScaleAdaptiveIntervalsAreRefusedRatherThanStreamedWithoutTheirScale()
    {
        var fixedBands = SensorForecaster.Baked.Preprocessing!.Intervals!;
        var adaptive = new PredictionIntervals(fixedBands.Levels, [.. Enumerable.Range(0, 2).SelectMany(l => fixedBands.OffsetsOf(l).ToArray())], scaleSteps: 4);
        var columns = ModelColumns.Of(SensorForecaster.Spec, SensorForecaster.Baked.Preprocessing.WithIntervals(adaptive));
        var e = Assert.Throws<NotSupportedException>(() => columns.IntervalLevels([0.8]));
        Assert.StartsWith("--intervals: the model's intervals are scale-adaptive (grunative.interval_scale_steps = 4)", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Train the model without --interval-scale-steps (fixed bands) to stream its intervals.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LevelsAreFoundAmongTheModels()
    {
        var columns = ModelColumns.Of(SensorForecaster.Spec, SensorForecaster.Baked.Preprocessing);
        Assert.Equal([0, 1], columns.IntervalLevels([]));
        Assert.Equal([1], columns.IntervalLevels([0.95]));
        Assert.Equal([0, 1], columns.IntervalLevels([0.8, 0.95]));
        Assert.Equal("97.5", ModelColumns.Percent(0.975));
        Assert.Equal("55", ModelColumns.Percent(0.55));
    }
}
