namespace GruNative.Tests.Model;

public class BoxCoxScalerTests
{
    [Fact]
    public void Log_and_box_cox_match_hand_worked_values_both_ways()
    {
        var log = new ColumnScaler("y", mean: 2, standardDeviation: 0.5, boxCoxLambda: 0);
        Assert.Equal((3 - 2) / 0.5, log.Standardize(Math.Exp(3)), 12);
        Assert.Equal(Math.Exp(1 * 0.5 + 2), log.Destandardize(1), 12);

        // λ = 0.5: g(9) = (√9 − 1) / 0.5 = 4; g⁻¹(4) = (0.5 · 4 + 1)² = 9.
        var root = new ColumnScaler("y", mean: 1, standardDeviation: 3, boxCoxLambda: 0.5);
        Assert.Equal(4, root.Transform(9), 12);
        Assert.Equal((4 - 1) / 3.0, root.Standardize(9), 12);
        Assert.Equal(9, root.Destandardize(1), 12);
        Assert.Equal(-2, root.Transform(0), 12);   // 0 is in the domain for λ > 0

        // λ = 1 is a shift by one: g(x) = x − 1.
        Assert.Equal(41, new ColumnScaler("y", 0, 1, 1).Transform(42), 12);
    }

    [Fact]
    public void The_inverse_is_never_NaN_and_the_domain_is_enforced()
    {
        var root = new ColumnScaler("load", 0, 1, 0.5);
        Assert.Equal(0, root.Destandardize(-3));   // λy + 1 = −0.5: the edge of the data's range
        Assert.Equal(0, root.InverseTransform(-2));
        Assert.True(double.IsPositiveInfinity(new ColumnScaler("y", 0, 1, 0).Destandardize(1000)));
        Assert.True(double.IsNaN(root.Standardize(double.NaN)));   // a missing value stays missing

        var log = new ColumnScaler("load", 0, 1, 0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => log.Standardize(0));
        Assert.Contains("'load'", e.Message);
        Assert.Contains("log", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => root.Standardize(-0.1));
        Assert.False(log.IsInDomain(-1));
        Assert.True(new ColumnScaler("y", 0, 1).IsInDomain(-1));
    }

    [Theory]
    [InlineData(-0.3)]
    [InlineData(2.5)]
    [InlineData(double.NaN)]
    public void A_lambda_outside_zero_to_two_is_refused(double lambda)
    {
        var e = Assert.Throws<ArgumentException>(() => new ColumnScaler("y", 0, 1, lambda));
        Assert.Contains("outside [0, 2]", e.Message);
    }

    [Fact]
    public void Preprocessing_names_the_step_and_column_of_a_value_it_cannot_transform()
    {
        var p = new Preprocessing([new ColumnScaler("t", 0, 1), new ColumnScaler("y", 0, 1, 0)], [new ColumnScaler("y", 0, 1, 0)]);
        var inputs = new float[4];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => p.StandardizeInputs<float>([1, 2, 3, -4], inputs));
        Assert.Contains("Step 1", e.Message);
        Assert.Contains("'y'", e.Message);

        var forecast = new double[1];
        p.ToForecast<float, double>(new float[] { 0.5f }, [], forecast);
        Assert.Equal(Math.Exp(0.5), forecast[0], 6);
    }

    [Fact]
    public void A_column_transformed_differently_in_and_out_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Preprocessing([new ColumnScaler("y", 0, 1, 0)], [new ColumnScaler("y", 0, 1)]));
        Assert.Contains("transformed differently", e.Message);
    }
}
