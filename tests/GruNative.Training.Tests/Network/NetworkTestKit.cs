using System.Numerics;
using GruNative.Training.Network;

namespace GruNative.Training.Tests.Network;

/// <summary>Random windows and targets, and the error measures the network tests share.</summary>
internal static class NetworkTestKit
{
    /// <summary>Uniform values in [−scale, scale], deterministic for a seed.</summary>
    public static T[] Uniform<T>(int count, int seed, double scale = 1.0) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[count];
        for (int i = 0; i < count; i++)
            values[i] = T.CreateChecked((random.NextDouble() * 2 - 1) * scale);
        return values;
    }

    /// <summary>‖a − b‖₂ / max(‖a‖₂, ‖b‖₂, 1e-300): 0 when both are zero, about 1 when they are unrelated.</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double difference = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            difference += (a[i] - b[i]) * (a[i] - b[i]);
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return Math.Sqrt(difference) / Math.Max(Math.Max(Math.Sqrt(normA), Math.Sqrt(normB)), 1e-300);
    }

    /// <summary>max_i |a_i − b_i|.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    public static ModelSpec Spec(CellKind cell, int input, int hidden, int layers, int output) => new(cell, input, hidden, layers, output);

    /// <summary>
    /// What most network tests run on: parameters initialised with <paramref name="seed"/>, then windows
    /// ([batch][lookback][I], seed + 1) and targets ([batch][O], seed + 2), uniform in [−1, 1].
    /// </summary>
    public static (T[] Parameters, T[] Inputs, T[] Targets) Problem<T>(ModelSpec spec, int lookback, int batch, int seed)
        where T : IFloatingPointIeee754<T> =>
        (NetworkParameters<T>.Initialize(spec, seed).Values,
         Uniform<T>(batch * lookback * spec.InputSize, seed + 1),
         Uniform<T>(batch * spec.OutputSize, seed + 2));

    /// <summary>
    /// Holds <paramref name="gradient"/> (the analytic gradient at <paramref name="theta"/>) to central differences of
    /// <paramref name="loss"/> with step <paramref name="epsilon"/>: per tensor, relative error ≤ <paramref name="tolerance"/>,
    /// and element by element against the tensor's scale, so one wrong element cannot hide in a large norm. Restores
    /// <paramref name="theta"/>. Returns the largest relative error.
    /// </summary>
    public static double AssertMatchesCentralDifferences(
        ParameterLayout layout, double[] theta, ReadOnlySpan<double> gradient, Func<double[], double> loss,
        double epsilon, double tolerance, string context, Xunit.Abstractions.ITestOutputHelper output) =>
        AssertMatchesCentralDifferences(layout.Tensors, theta, gradient, loss, epsilon, tolerance, context, output);

    /// <summary>The check above for any set of named tensors covering the flat vector (for example a segment model's).</summary>
    public static double AssertMatchesCentralDifferences(
        IReadOnlyList<ParameterTensor> tensors, double[] theta, ReadOnlySpan<double> gradient, Func<double[], double> loss,
        double epsilon, double tolerance, string context, Xunit.Abstractions.ITestOutputHelper output)
    {
        var numeric = new double[gradient.Length];
        for (int p = 0; p < theta.Length; p++)
        {
            double saved = theta[p];
            theta[p] = saved + epsilon;
            double plus = loss(theta);
            theta[p] = saved - epsilon;
            double minus = loss(theta);
            theta[p] = saved;
            numeric[p] = (plus - minus) / (2 * epsilon);
        }

        double worst = 0;
        foreach (var tensor in tensors)
        {
            ReadOnlySpan<double> analytic = tensor.Slice(gradient), fd = tensor.Slice<double>(numeric);
            double error = RelativeError(analytic, fd);
            worst = Math.Max(worst, error);
            output.WriteLine($"{tensor.Name,-18} ‖g‖ = {Math.Sqrt(SumOfSquares(analytic)):E3}  relative error {error:E2}");
            Assert.True(error <= tolerance, $"{context}: {tensor.Name} relative error {error:E3} > {tolerance:E0}.");
            double scale = Math.Max(MaxAbs(fd), 1e-300);
            for (int i = 0; i < analytic.Length; i++)
                Assert.True(Math.Abs(analytic[i] - fd[i]) <= tolerance * scale, $"{tensor.Name}[{i}]: analytic {analytic[i]:R}, finite difference {fd[i]:R}.");
        }
        output.WriteLine($"largest relative error: {worst:E2}");
        return worst;
    }

    public static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
            sum += v * v;
        return sum;
    }

    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
            max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
