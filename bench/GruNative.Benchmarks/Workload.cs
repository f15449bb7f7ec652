namespace GruNative.Benchmarks;

/// <summary>The shapes of the window and training benchmarks, and the series every engine is checked and timed on.</summary>
public static class Workload
{
    /// <summary>Lookback: time steps per window.</summary>
    public const int WindowSteps = 96;

    /// <summary>Outputs of the window models' head (a 24-step horizon of one target).</summary>
    public const int Horizon = 24;

    /// <summary>Windows per optimiser step in the training benchmarks.</summary>
    public const int TrainingBatch = 32;

    /// <summary>
    /// A smooth, bounded multivariate series (row-major [steps, inputs]) starting at step <paramref name="start"/>:
    /// every engine sees the same values, which exercise the gates without saturating them.
    /// </summary>
    public static float[] Series(int start, int steps, int inputs)
    {
        var values = new float[steps * inputs];
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < inputs; i++)
                values[t * inputs + i] = (float)(0.8 * Math.Sin(0.13 * (start + t) + 0.7 * i) + 0.2 * Math.Cos(0.031 * (start + t) * (i + 1)));
        }
        return values;
    }
}
