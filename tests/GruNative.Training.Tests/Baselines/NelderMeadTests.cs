using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

public class NelderMeadTests
{
    /// <summary>
    /// A convex quadratic with unequal curvatures and a cross term, f(x) = (x − c)ᵀ A (x − c) + 7, whose minimum (c, 7)
    /// is known in closed form.
    /// </summary>
    [Fact]
    public void Finds_the_minimum_of_a_known_quadratic()
    {
        double[] c = [3, -2, 0.5, 10];
        double[,] a = { { 4, 1, 0, 0 }, { 1, 2, 0, 0 }, { 0, 0, 0.5, 0.2 }, { 0, 0, 0.2, 9 } };
        double F(double[] x)
        {
            double sum = 7;
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    sum += (x[i] - c[i]) * a[i, j] * (x[j] - c[j]);
            return sum;
        }
        var result = NelderMead.Minimize(F, [0, 0, 0, 0], [1, 1, 1, 1], maxEvaluations: 20_000);
        Assert.True(result.Converged);
        Assert.Equal(7, result.Value, 9);
        for (int i = 0; i < 4; i++)
            Assert.Equal(c[i], result.Point[i], 4);
    }

    /// <summary>Rosenbrock's valley, minimum 0 at (1, 1): the classic test of a simplex method's progress along a curved ridge.</summary>
    [Fact]
    public void Follows_the_Rosenbrock_valley()
    {
        var result = NelderMead.Minimize(x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2), [-1.2, 1], [0.5, 0.5]);
        Assert.Equal(1, result.Point[0], 4);
        Assert.Equal(1, result.Point[1], 4);
        Assert.True(result.Value < 1e-9);
    }

    /// <summary>
    /// +∞ outside x ≥ 1 (the way ETS marks inadmissible parameters): the minimum there is on the boundary, x = 1. A simplex
    /// flattens against a wall, so the point is held to 10⁻³ here, not to the 10⁻⁴ of the unconstrained cases.
    /// </summary>
    [Fact]
    public void Stays_in_the_feasible_region_and_reaches_its_boundary()
    {
        var result = NelderMead.Minimize(x => x[0] < 1 ? double.PositiveInfinity : x[0] * x[0] + (x[1] - 2) * (x[1] - 2), [5, 5], [1, 1]);
        Assert.Equal(1, result.Point[0], 1e-3);
        Assert.Equal(2, result.Point[1], 1e-3);
        Assert.True(result.Point[0] >= 1);
    }

    [Fact]
    public void Refuses_an_infeasible_start_and_bad_steps()
    {
        Assert.Throws<ArgumentException>(() => NelderMead.Minimize(_ => double.PositiveInfinity, [0], [1]));
        Assert.Throws<ArgumentException>(() => NelderMead.Minimize(x => x[0] * x[0], [0, 0], [1, 0]));
        Assert.Throws<ArgumentException>(() => NelderMead.Minimize(x => x[0] * x[0], [0, 0], [1]));
    }

    [Fact]
    public void Stops_at_its_budget_and_says_so()
    {
        int calls = 0;
        var result = NelderMead.Minimize(x => { calls++; return 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2); }, [-1.2, 1], [0.5, 0.5], maxEvaluations: 20);
        Assert.False(result.Converged);
        Assert.Equal(calls, result.Evaluations);
        Assert.True(calls <= 24);   // the budget is checked between simplex steps, each of at most n + 2 evaluations
    }
}
