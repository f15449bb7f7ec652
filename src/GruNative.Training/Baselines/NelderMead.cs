using System;

namespace GruNative.Training.Baselines;

/// <summary>The end of a <see cref="NelderMead"/> minimisation.</summary>
/// <param name="Point">The best point found.</param>
/// <param name="Value">The objective there.</param>
/// <param name="Evaluations">Objective evaluations spent, over every restart.</param>
/// <param name="Converged">
/// True when the last restart's simplex shrank below the tolerances (and improved on the one before it by less than the
/// function tolerance); false when the evaluation budget ran out first.
/// </param>
public sealed record NelderMeadResult(double[] Point, double Value, int Evaluations, bool Converged);

/// <summary>
/// The Nelder–Mead downhill simplex (Nelder and Mead 1965, with the standard coefficients of Lagarias et al. 1998:
/// reflection 1, expansion 2, contraction ½, shrink ½), derivative-free, for objectives that return +∞ outside their
/// feasible region — the way R's <c>forecast::ets</c> drives its likelihood. A simplex collapses early on ridges, so the
/// search restarts from the best point with a fresh simplex until a restart no longer improves the value.
/// </summary>
public static class NelderMead
{
    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="start"/>; the first simplex is the start and the
    /// start moved by <paramref name="steps"/>[i] along each axis i.
    /// </summary>
    /// <param name="objective">The function to minimise; +∞ (or NaN, taken as +∞) marks an infeasible point.</param>
    /// <param name="start">A feasible starting point.</param>
    /// <param name="steps">The first simplex's edge along each axis (non-zero).</param>
    /// <param name="maxEvaluations">Budget of objective evaluations over all restarts.</param>
    /// <param name="functionTolerance">
    /// A simplex has converged when its values differ by at most functionTolerance · (|best| + functionTolerance)…
    /// </param>
    /// <param name="pointTolerance">… and every vertex lies within pointTolerance · (|x| + 1) of the best one along every axis.</param>
    /// <param name="maxRestarts">Fresh simplexes after the first one converges (each with half the previous steps).</param>
    /// <exception cref="ArgumentException">The start and steps differ in length, are empty, a step is zero, or the start is infeasible.</exception>
    public static NelderMeadResult Minimize(
        Func<double[], double> objective, ReadOnlySpan<double> start, ReadOnlySpan<double> steps,
        int maxEvaluations = 10_000, double functionTolerance = 1e-10, double pointTolerance = 1e-7, int maxRestarts = 4)
    {
        ArgumentNullException.ThrowIfNull(objective);
        int n = start.Length;
        if (n == 0 || steps.Length != n)
            throw new ArgumentException($"{n} coordinate(s) and {steps.Length} step(s): need one non-zero step per coordinate.", nameof(steps));
        foreach (double s in steps)
        {
            if (s == 0 || !double.IsFinite(s))
                throw new ArgumentException("Every step must be finite and non-zero.", nameof(steps));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvaluations, n + 1);

        int evaluations = 0;
        double Evaluate(double[] x)
        {
            evaluations++;
            double v = objective(x);
            return double.IsNaN(v) ? double.PositiveInfinity : v;
        }

        var best = start.ToArray();
        double bestValue = Evaluate(best);
        if (double.IsPositiveInfinity(bestValue))
            throw new ArgumentException("The objective is infinite at the start: it must be feasible.", nameof(start));
        var currentSteps = steps.ToArray();
        bool converged = false;
        for (int restart = 0; restart <= maxRestarts && evaluations < maxEvaluations; restart++)
        {
            double before = bestValue;
            (best, bestValue, converged) = RunSimplex(Evaluate, best, bestValue, currentSteps, maxEvaluations, () => evaluations, functionTolerance, pointTolerance);
            // A restart that gains nothing measurable means the point is a minimum, not a collapsed simplex.
            if (restart > 0 && before - bestValue <= functionTolerance * (Math.Abs(bestValue) + functionTolerance))
                break;
            for (int i = 0; i < n; i++)
                currentSteps[i] *= 0.5;
        }
        return new NelderMeadResult(best, bestValue, evaluations, converged);
    }

    private static (double[] Best, double Value, bool Converged) RunSimplex(
        Func<double[], double> evaluate, double[] start, double startValue, double[] steps, int maxEvaluations,
        Func<int> evaluationsSoFar, double functionTolerance, double pointTolerance)
    {
        int n = start.Length;
        var vertices = new double[n + 1][];
        var values = new double[n + 1];
        vertices[0] = (double[])start.Clone();
        values[0] = startValue;
        for (int i = 0; i < n; i++)
        {
            var v = (double[])start.Clone();
            v[i] += steps[i];
            vertices[i + 1] = v;
            values[i + 1] = evaluate(v);
        }

        var centroid = new double[n];
        var reflected = new double[n];
        var trial = new double[n];
        while (true)
        {
            Sort(vertices, values);
            if (HasConverged(vertices, values, functionTolerance, pointTolerance))
                return (vertices[0], values[0], true);
            if (evaluationsSoFar() >= maxEvaluations)
                return (vertices[0], values[0], false);

            // Centroid of every vertex but the worst.
            Array.Clear(centroid);
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < n; i++)
                    centroid[i] += vertices[j][i] / n;
            }
            var worst = vertices[n];
            for (int i = 0; i < n; i++)
                reflected[i] = centroid[i] + (centroid[i] - worst[i]);
            double reflectedValue = evaluate(reflected);

            if (reflectedValue < values[0])
            {
                for (int i = 0; i < n; i++)
                    trial[i] = centroid[i] + 2 * (centroid[i] - worst[i]);
                double expandedValue = evaluate(trial);
                if (expandedValue < reflectedValue)
                    Replace(vertices, values, n, trial, expandedValue);
                else
                    Replace(vertices, values, n, reflected, reflectedValue);
                continue;
            }
            if (reflectedValue < values[n - 1])
            {
                Replace(vertices, values, n, reflected, reflectedValue);
                continue;
            }
            // Contract: outside when the reflection beat the worst vertex, inside otherwise.
            bool outside = reflectedValue < values[n];
            for (int i = 0; i < n; i++)
                trial[i] = outside ? centroid[i] + 0.5 * (reflected[i] - centroid[i]) : centroid[i] + 0.5 * (worst[i] - centroid[i]);
            double contractedValue = evaluate(trial);
            if (contractedValue < (outside ? reflectedValue : values[n]))
            {
                Replace(vertices, values, n, trial, contractedValue);
                continue;
            }
            // Shrink every vertex halfway towards the best one.
            for (int j = 1; j <= n; j++)
            {
                for (int i = 0; i < n; i++)
                    vertices[j][i] = vertices[0][i] + 0.5 * (vertices[j][i] - vertices[0][i]);
                values[j] = evaluate(vertices[j]);
            }
        }
    }

    private static bool HasConverged(double[][] vertices, double[] values, double functionTolerance, double pointTolerance)
    {
        double best = values[0];
        if (double.IsPositiveInfinity(values[^1]) || values[^1] - best > functionTolerance * (Math.Abs(best) + functionTolerance))
            return false;
        for (int j = 1; j < vertices.Length; j++)
        {
            for (int i = 0; i < vertices[0].Length; i++)
            {
                if (Math.Abs(vertices[j][i] - vertices[0][i]) > pointTolerance * (Math.Abs(vertices[0][i]) + 1))
                    return false;
            }
        }
        return true;
    }

    private static void Replace(double[][] vertices, double[] values, int index, double[] point, double value)
    {
        point.CopyTo(vertices[index], 0);
        values[index] = value;
    }

    // Insertion sort by value, stable: n is small and the simplex is nearly sorted after one step.
    private static void Sort(double[][] vertices, double[] values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            var v = vertices[i];
            double f = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > f)
            {
                vertices[j + 1] = vertices[j];
                values[j + 1] = values[j];
                j--;
            }
            vertices[j + 1] = v;
            values[j + 1] = f;
        }
    }
}
