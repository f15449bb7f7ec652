namespace GruNative.Tests.Model;

public class PreprocessingTests
{
    [Fact]
    public void Scaler_standardises_and_restores()
    {
        var scaler = new ColumnScaler("OT", mean: 10, standardDeviation: 4);
        Assert.Equal(0.5, scaler.Standardize(12));
        Assert.Equal(12, scaler.Destandardize(0.5));
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(0, 0)]
    [InlineData(0, -1)]
    [InlineData(0, double.PositiveInfinity)]
    public void Scaler_rejects_unusable_statistics(double mean, double std) =>
        Assert.Throws<ArgumentException>(() => new ColumnScaler("x", mean, std));

    [Fact]
    public void Rejects_repeated_columns_and_empty_windows()
    {
        Assert.Throws<ArgumentException>(() => new Preprocessing([new("a", 0, 1), new("a", 1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Preprocessing(lookback: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Preprocessing(horizon: -1));
    }

    [Fact]
    public void Fits_a_head_of_horizon_times_targets_outputs()
    {
        var spec = new ModelSpec(CellKind.Gru, 2, 8, 1, 48);
        var fits = new Preprocessing([new("a", 0, 1), new("b", 0, 1)], [new("a", 0, 1), new("b", 0, 1)], lookback: 96, horizon: 24);
        Assert.Null(fits.FindMismatch(spec));
        Assert.NotNull(new Preprocessing(targetColumns: [new("a", 0, 1)], horizon: 24).FindMismatch(spec));
        Assert.NotNull(new Preprocessing(targetColumns: [new("a", 0, 1), new("b", 0, 1), new("c", 0, 1)]).FindMismatch(new ModelSpec(CellKind.Gru, 2, 8, 1, 4)));
        Assert.Null(new Preprocessing(horizon: 24).FindMismatch(spec));
    }

    [Fact]
    public void Window_normalisation_needs_every_target_among_the_named_inputs()
    {
        var spec = new ModelSpec(CellKind.Gru, 2, 8, 1, 24);
        ColumnScaler a = new("a", 0, 1), b = new("b", 0, 1), c = new("c", 0, 1);
        var ms = new Preprocessing([a, b], [b], horizon: 24, windowNormalization: WindowNormalization.LastValue);
        Assert.Null(ms.FindMismatch(spec));
        Assert.Equal(1, ms.InputIndexOfTarget(0));

        var foreignTarget = new Preprocessing([a, b], [c], windowNormalization: WindowNormalization.Mean);
        Assert.Contains("'c' among the input columns", foreignTarget.FindMismatch(spec));
        Assert.Equal(-1, foreignTarget.InputIndexOfTarget(0));
        Assert.Contains("column names", new Preprocessing(horizon: 24, windowNormalization: WindowNormalization.Mean).FindMismatch(spec));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Preprocessing(windowNormalization: (WindowNormalization)7));
        Assert.NotEqual(ms, new Preprocessing([a, b], [b], horizon: 24));
    }
}
