namespace GruNative.Benchmarks.Engines;

/// <summary>
/// Holds an engine to the scalar reference before it is timed: a timing of an engine that computes something else
/// means nothing. Called from the benchmarks' GlobalSetup; a mismatch throws, which fails the run.
/// </summary>
public static class EngineCheck
{
    /// <summary>The largest |Δ| allowed in any forecast or state value.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Streamed steps compared (forecast after each, state after the last).</summary>
    public const int Steps = 100;

    /// <summary>
    /// Streams <see cref="Steps"/> steps of <see cref="Workload.Series"/> through <paramref name="engine"/> and the
    /// reference from zero states, comparing every forecast and the final state, then one window; prints and returns
    /// the largest difference, and throws when it exceeds <see cref="Tolerance"/>. Leaves the engine reset.
    /// </summary>
    public static double AgainstReference(ForecastEngine engine, ModelWeights weights, string name)
    {
        var spec = weights.Spec;
        using var reference = new ReferenceEngine(weights);
        engine.Reset();
        float[] series = Workload.Series(0, Steps, spec.InputSize);
        float[] expected = new float[spec.OutputSize], actual = new float[spec.OutputSize];
        (double Value, string Where) worst = (0, "nowhere");
        for (int t = 0; t < Steps; t++)
        {
            var input = series.AsSpan(t * spec.InputSize, spec.InputSize);
            reference.Step(input, expected);
            engine.Step(input, actual);
            worst = Worst(worst, expected, actual, $"forecast after step {t + 1}");
        }
        float[] expectedState = new float[spec.StateSize], actualState = new float[spec.StateSize];
        reference.TryCopyState(expectedState);
        if (engine.TryCopyState(actualState))
            worst = Worst(worst, expectedState, actualState, $"state after step {Steps}");

        float[] window = Workload.Series(Steps, Workload.WindowSteps, spec.InputSize);
        reference.Forecast(window, expected);
        engine.Forecast(window, actual);
        worst = Worst(worst, expected, actual, $"forecast of a {Workload.WindowSteps}-step window");
        engine.Reset();

        Console.WriteLine($"// {name}, {spec}: max |Δ| against the reference {worst.Value:E2} (at the {worst.Where}; bound {Tolerance:E0})");
        if (!(worst.Value <= Tolerance))
            throw new InvalidOperationException($"{name} ({spec}) differs from the reference by {worst.Value:E2} at the {worst.Where} (bound {Tolerance:E0}); its timings would mean nothing.");
        return worst.Value;
    }

    private static (double, string) Worst((double Value, string Where) worst, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string where)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double delta = Math.Abs((double)expected[i] - actual[i]);
            if (double.IsNaN(delta) || delta > worst.Value)
                worst = (double.IsNaN(delta) ? double.PositiveInfinity : delta, $"{where}, value {i}");
        }
        return worst;
    }
}
