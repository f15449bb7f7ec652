using System.Globalization;

namespace GruNative.TestKit;

/// <summary>Deterministic test inputs.</summary>
public static class Inputs
{
    /// <summary><paramref name="count"/> values drawn from U(−2, 2).</summary>
    public static float[] Uniform(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 4 - 2);
        return values;
    }

    /// <summary>A sequence of <paramref name="steps"/> steps of <paramref name="inputSize"/> values, U(−2, 2).</summary>
    public static float[] Sequence(int steps, int inputSize, int seed) => Uniform(new Random(seed), steps * inputSize);
}

/// <summary>Bit-level comparison of float arrays (so that −0 ≠ +0 and NaN payloads count).</summary>
public static class Bits
{
    public static void Equal(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} value(s), expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what}: value {i} is {actual[i]:R}, expected {expected[i]:R} (bit for bit)"));
        }
    }

    public static void Equal(Trace expected, Trace actual, string what)
    {
        Assert.Equal(expected.Checkpoints, actual.Checkpoints);
        for (int c = 0; c < expected.Checkpoints.Length; c++)
            Equal(expected.Predictions[c], actual.Predictions[c], $"{what}, prediction after step {expected.Checkpoints[c]}");
        Equal(expected.FinalState, actual.FinalState, $"{what}, final state");
    }
}

/// <summary>Largest absolute difference, tracked with where it occurred.</summary>
public struct MaxDelta
{
    public double Value { get; private set; }

    public string? Where { get; private set; }

    public void Add(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double delta = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(delta))
                delta = double.PositiveInfinity;
            if (delta > Value || Where is null)
            {
                Value = delta;
                Where = $"{where}[{i}]";
            }
        }
    }

    public override readonly string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value:E2} at {Where}");
}
