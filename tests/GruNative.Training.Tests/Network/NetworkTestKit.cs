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

    /// <summary>The same values in double, exactly.</summary>
    public static double[] ToDouble<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = double.CreateChecked(values[i]);
        return result;
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
}
