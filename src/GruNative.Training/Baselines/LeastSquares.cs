using System;

namespace GruNative.Training.Baselines;

/// <summary>Small ordinary least-squares fits for the classical baselines' starting values and the Theta drift.</summary>
internal static class LeastSquares
{
    /// <summary>Intercept and slope of the line through (x₀ + t, y_t), t = 0 … n − 1 (R's <c>lsfit(x0 + 0:(n-1), y)</c>).</summary>
    public static (double Intercept, double Slope) Line(ReadOnlySpan<double> y, double x0)
    {
        int n = y.Length;
        double xMean = x0 + (n - 1) / 2.0, yMean = 0;
        foreach (double v in y)
            yMean += v;
        yMean /= n;
        double sxy = 0, sxx = 0;
        for (int t = 0; t < n; t++)
        {
            double dx = x0 + t - xMean;
            sxy += dx * (y[t] - yMean);
            sxx += dx * dx;
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return (yMean - slope * xMean, slope);
    }

    /// <summary>
    /// The coefficients β minimising ‖y − Xβ‖² for a design of <paramref name="columns"/> columns given row by row
    /// (rows × columns, row-major), by the normal equations and Gaussian elimination with partial pivoting — fine for
    /// the few well-scaled columns used here.
    /// </summary>
    /// <exception cref="ArithmeticException">The design is rank-deficient.</exception>
    public static double[] Solve(ReadOnlySpan<double> design, int columns, ReadOnlySpan<double> y)
    {
        int rows = y.Length, p = columns;
        var a = new double[p, p + 1];
        for (int r = 0; r < rows; r++)
        {
            var x = design.Slice(r * p, p);
            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < p; j++)
                    a[i, j] += x[i] * x[j];
                a[i, p] += x[i] * y[r];
            }
        }
        for (int col = 0; col < p; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < p; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                    pivot = r;
            }
            if (Math.Abs(a[pivot, col]) < 1e-300)
                throw new ArithmeticException("The least-squares design is rank-deficient.");
            for (int j = 0; j <= p; j++)
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            for (int r = 0; r < p; r++)
            {
                if (r == col)
                    continue;
                double f = a[r, col] / a[col, col];
                for (int j = col; j <= p; j++)
                    a[r, j] -= f * a[col, j];
            }
        }
        var beta = new double[p];
        for (int i = 0; i < p; i++)
            beta[i] = a[i, p] / a[i, i];
        return beta;
    }

    /// <summary>
    /// Solves A x = b for a symmetric positive-definite A given by its upper triangle (p × p, row-major) by Cholesky
    /// factorisation; null when A is not positive definite to working precision.
    /// </summary>
    public static double[]? SolveSymmetric(ReadOnlySpan<double> upper, ReadOnlySpan<double> b, int p)
    {
        // A = RᵀR with R upper triangular.
        var r = new double[p * p];
        for (int i = 0; i < p; i++)
        {
            double diagonal = upper[i * p + i];
            for (int k = 0; k < i; k++)
                diagonal -= r[k * p + i] * r[k * p + i];
            if (!(diagonal > 1e-12 * Math.Abs(upper[i * p + i])) || !(diagonal > 0))
                return null;
            double rii = Math.Sqrt(diagonal);
            r[i * p + i] = rii;
            for (int j = i + 1; j < p; j++)
            {
                double v = upper[i * p + j];
                for (int k = 0; k < i; k++)
                    v -= r[k * p + i] * r[k * p + j];
                r[i * p + j] = v / rii;
            }
        }
        var y = new double[p];
        for (int i = 0; i < p; i++)
        {
            double v = b[i];
            for (int k = 0; k < i; k++)
                v -= r[k * p + i] * y[k];
            y[i] = v / r[i * p + i];
        }
        var x = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double v = y[i];
            for (int k = i + 1; k < p; k++)
                v -= r[i * p + k] * x[k];
            x[i] = v / r[i * p + i];
        }
        return x;
    }
}
