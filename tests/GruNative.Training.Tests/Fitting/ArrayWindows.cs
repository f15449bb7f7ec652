using GruNative.Training.Fitting;

namespace GruNative.Training.Tests.Fitting;

/// <summary>
/// Windows cut from an in-memory series, written plainly so the loop's tests do not depend on the data layer:
/// window w reads rows [offset + w, offset + w + lookback) of every column and forecasts the next horizon rows of column 0.
/// </summary>
internal sealed class ArrayWindows(double[][] columns, int offset, int count, int lookback, int horizon) : IWindowSource
{
    public int Count => count;
    public int Lookback => lookback;
    public int InputSize => columns.Length;
    public int OutputSize => horizon;

    public void Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets)
    {
        for (int b = 0; b < windows.Length; b++)
        {
            int start = offset + windows[b];
            for (int t = 0; t < lookback; t++)
                for (int c = 0; c < columns.Length; c++)
                    inputs[(b * lookback + t) * columns.Length + c] = (float)columns[c][start + t];
            for (int s = 0; s < horizon; s++)
                targets[b * horizon + s] = (float)columns[0][start + lookback + s];
        }
    }

    /// <summary>Train and validation windows over a series: the first <paramref name="trainFraction"/> of the windows, then the rest.</summary>
    public static (ArrayWindows Train, ArrayWindows Validation) Split(double[][] columns, int lookback, int horizon, double trainFraction = 0.8)
    {
        int windows = columns[0].Length - lookback - horizon + 1;
        int train = (int)(windows * trainFraction);
        return (new ArrayWindows(columns, 0, train, lookback, horizon), new ArrayWindows(columns, train, windows - train, lookback, horizon));
    }

    /// <summary>The series the loop's tests train on: 400 rows of a noisy sine (period 20, noise 0.1, seed 5).</summary>
    public static readonly double[][] Sine400 = NoisySine(400, period: 20, noise: 0.1, seed: 5);

    /// <summary>Train and validation windows of 12 → 3 over <see cref="Sine400"/>.</summary>
    public static (ArrayWindows Train, ArrayWindows Validation) Sine400Windows() => Split(Sine400, lookback: 12, horizon: 3);

    /// <summary>A trainer of a small model (I = 1, H = 6, O = 3) on <see cref="Sine400Windows"/>.</summary>
    public static Trainer Sine400Trainer(CellKind cell, TrainingOptions options, int layers)
    {
        var (train, validation) = Sine400Windows();
        return new Trainer(new ModelSpec(cell, 1, 6, layers, 3), options, train, validation, "noisy sine 400");
    }

    /// <summary>sin(2πt/period) + N(0, noise²), seeded.</summary>
    public static double[][] NoisySine(int length, double period, double noise, int seed)
    {
        var rng = new Random(seed);
        var x = new double[length];
        for (int t = 0; t < length; t++)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            x[t] = Math.Sin(2 * Math.PI * t / period) + noise * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return [x];
    }
}
