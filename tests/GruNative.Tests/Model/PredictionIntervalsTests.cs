namespace GruNative.Tests.Model;

public class PredictionIntervalsTests
{
    [Fact]
    public void Bounds_are_the_offsets_around_the_forecast_undone_like_it()
    {
        // Two steps of one target; standardised scale μ = 10, σ = 2; offsets (80%: 0.5, 1.0), (95%: 1.0, 2.0).
        var intervals = new PredictionIntervals([0.8, 0.95], [0.5, 1.0, 1.0, 2.0]);
        var p = new Preprocessing(targetColumns: [new ColumnScaler("y", 10, 2)], horizon: 2, intervals: intervals);
        var forecast = new double[2];
        var lower = new double[2];
        var upper = new double[2];
        p.ToForecast<float, double>(new float[] { 1, -1 }, [], 1, forecast, lower, upper);
        Assert.Equal([12.0, 8.0], forecast);
        Assert.Equal([(1 - 1.0) * 2 + 10, (-1 - 2.0) * 2 + 10], lower);
        Assert.Equal([(1 + 1.0) * 2 + 10, (-1 + 2.0) * 2 + 10], upper);

        // Through a log transform the band is multiplicative: e^(μ + σ(y ± q)).
        var logged = new Preprocessing(targetColumns: [new ColumnScaler("y", 5, 0.5, 0)], horizon: 2, intervals: intervals);
        logged.ToForecast<float, double>(new float[] { 0, 2 }, [], 0, forecast, lower, upper);
        Assert.Equal(Math.Exp(5 - 0.25), lower[0], 9);
        Assert.Equal(Math.Exp(5 + 0.25), upper[0], 9);
        Assert.Equal(Math.Exp(5 + 0.5 * 2), forecast[1], 5);
        Assert.Equal(forecast[1] / lower[1], upper[1] / forecast[1], 4);
    }

    [Fact]
    public void Window_levels_go_back_on_before_the_band_is_drawn()
    {
        var intervals = new PredictionIntervals([0.9], [0.5]);
        var p = new Preprocessing([new ColumnScaler("y", 0, 1)], [new ColumnScaler("y", 0, 1)], lookback: 2, horizon: 1,
            windowNormalization: WindowNormalization.LastValue, intervals: intervals);
        var forecast = new double[1];
        var lower = new double[1];
        var upper = new double[1];
        p.ToForecast<double, double>(new double[] { 0.25 }, [3.0], 0, forecast, lower, upper);
        Assert.Equal((3.25, 2.75, 3.75), (forecast[0], lower[0], upper[0]));
    }

    [Theory]
    [InlineData(new[] { 0.8, 0.95 }, new[] { 1.0, 2.0, 0.5, 3.0 }, "narrows")]
    [InlineData(new[] { 0.95, 0.8 }, new[] { 1.0, 2.0 }, "increase")]
    [InlineData(new[] { 1.0 }, new[] { 1.0 }, "outside (0, 1)")]
    [InlineData(new[] { 0.8 }, new[] { -0.1 }, "≥ 0")]
    [InlineData(new[] { 0.8, 0.9 }, new[] { 1.0, 2.0, 3.0 }, "whole number")]
    public void Bad_levels_or_offsets_are_refused(double[] levels, double[] offsets, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => new PredictionIntervals(levels, offsets)).Message);

    [Fact]
    public void Without_intervals_or_with_a_wrong_level_the_bounds_are_refused()
    {
        var none = new Preprocessing(targetColumns: [new ColumnScaler("y", 0, 1)]);
        var buffer = new double[1];
        Assert.Throws<InvalidOperationException>(() => none.ToForecast<double, double>(new double[1], [], 0, buffer, new double[1], new double[1]));
        var some = none.WithIntervals(new PredictionIntervals([0.8], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => some.ToForecast<double, double>(new double[1], [], 1, buffer, new double[1], new double[1]));
        Assert.NotNull(some.FindMismatch(new ModelSpec(CellKind.Gru, 1, 4, 1, 2)));
        Assert.Null(some.FindMismatch(new ModelSpec(CellKind.Gru, 1, 4, 1, 1)));
    }

    [Fact]
    public void Scale_adaptive_bands_are_the_offsets_times_the_windows_recent_mean_absolute_change()
    {
        // A window of 5 steps × (calendar-free) inputs (a, y); y's last 3 changes: +1, −2, +0.5 → scale (1 + 2 + 0.5) / 3.
        double[] window = [0, 10, 0, 11, 0, 12, 0, 10, 0, 10.5];
        Assert.Equal(3.5 / 3, PredictionIntervals.RecentScale<double>(window, 2, 1, 3), 12);
        Assert.Equal(PredictionIntervals.MinimumScale, PredictionIntervals.RecentScale<double>(window, 2, 0, 3));
        Assert.Throws<ArgumentException>(() => PredictionIntervals.RecentScale<double>(window, 2, 1, 5));

        var intervals = new PredictionIntervals([0.9], [2.0, 4.0], scaleSteps: 3);
        var p = new Preprocessing([new ColumnScaler("a", 0, 1), new ColumnScaler("y", 0, 1)], [new ColumnScaler("y", 0, 1)],
            lookback: 5, horizon: 2, intervals: intervals);
        var scales = new double[1];
        p.IntervalScales<double>(window, scales);
        Assert.Equal(3.5 / 3, scales[0], 12);
        var forecast = new double[2];
        var lower = new double[2];
        var upper = new double[2];
        p.ToForecast<double, double>(new double[] { 1, 2 }, [], 0, forecast, lower, upper, scales);
        Assert.Equal([1 - 2.0 * 3.5 / 3, 2 - 4.0 * 3.5 / 3], lower);
        Assert.Equal([1 + 2.0 * 3.5 / 3, 2 + 4.0 * 3.5 / 3], upper);
        // Adaptive bands need the scales; fixed ones refuse them.
        Assert.Throws<ArgumentException>(() => p.ToForecast<double, double>(new double[] { 1, 2 }, [], 0, forecast, lower, upper));
        var fixedBands = p.WithIntervals(new PredictionIntervals([0.9], [2.0, 4.0]));
        Assert.Throws<ArgumentException>(() => fixedBands.ToForecast<double, double>(new double[] { 1, 2 }, [], 0, forecast, lower, upper, scales));
        Assert.Throws<InvalidOperationException>(() => fixedBands.IntervalScales<double>(window, scales));
        // Its target must be an input, with a lookback of k + 1.
        Assert.NotNull(new Preprocessing([new ColumnScaler("a", 0, 1)], [new ColumnScaler("y", 0, 1)], horizon: 2, intervals: intervals).FindMismatch(new ModelSpec(CellKind.Gru, 1, 4, 1, 2)));
        Assert.Contains("lookback of at least 4", new Preprocessing([new ColumnScaler("y", 0, 1)], [new ColumnScaler("y", 0, 1)], lookback: 3, horizon: 2, intervals: intervals).FindMismatch(new ModelSpec(CellKind.Gru, 1, 4, 1, 2)));
    }
}
