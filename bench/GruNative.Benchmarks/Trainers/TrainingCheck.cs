using GruNative.Reference;

namespace GruNative.Benchmarks.Trainers;

/// <summary>
/// Holds the trainers to each other and to the reference before they are timed, from the same initial weights on the
/// same batch: the GruNative trainer's loss to the reference's forecasts, and libtorch's loss and every gradient value
/// to the GruNative trainer's. A mismatch throws.
/// </summary>
public static class TrainingCheck
{
    /// <summary>Largest relative difference of the loss (float sums over 32 × 24 errors).</summary>
    public const double LossTolerance = 1e-5;

    /// <summary>Largest difference of a gradient value, relative to the largest gradient value (96 steps of backpropagation in float).</summary>
    public const double GradientTolerance = 1e-4;

    public static void TrainerAgainstReference(GruNativeTrainingStep trainer, TrainingBatch batch, ModelSpec spec)
    {
        var reference = new ReferenceModel<float>(ModelWeights.CreateRandom(spec, seed: 1));
        var forecast = new float[spec.OutputSize];
        int inputLength = batch.Lookback * spec.InputSize;
        double sum = 0;
        for (int w = 0; w < batch.Count; w++)
        {
            reference.Forecast(batch.Inputs.AsSpan(w * inputLength, inputLength), forecast);
            for (int o = 0; o < forecast.Length; o++)
            {
                double error = (double)forecast[o] - batch.Targets[w * spec.OutputSize + o];
                sum += error * error;
            }
        }
        double expected = sum / (batch.Count * spec.OutputSize);
        double actual = trainer.LossAndGradient(new float[trainer.Parameters.Values.Length]);
        Report("GruNative trainer loss vs reference", Relative(actual, expected), LossTolerance, spec);
    }

    public static void LibtorchAgainstTrainer(LibtorchTrainingStep libtorch, GruNativeTrainingStep trainer, ModelSpec spec)
    {
        var layout = trainer.Parameters.Layout;
        float[] expected = new float[layout.Length], actual = new float[layout.Length];
        double expectedLoss = trainer.LossAndGradient(expected);
        double actualLoss = libtorch.LossAndGradient(layout, actual);
        Report("libtorch loss vs GruNative trainer", Relative(actualLoss, expectedLoss), LossTolerance, spec);

        double largest = 0, worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(expected[i]));
            double delta = Math.Abs((double)expected[i] - actual[i]);
            worst = double.IsNaN(delta) ? double.PositiveInfinity : Math.Max(worst, delta);
        }
        Report("libtorch gradient vs GruNative trainer (relative to the largest)", worst / largest, GradientTolerance, spec);
    }

    private static double Relative(double actual, double expected) => Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-30);

    private static void Report(string what, double delta, double bound, ModelSpec spec)
    {
        Console.WriteLine($"// {what}, {spec}: {delta:E2} (bound {bound:E0})");
        if (!(delta <= bound))
            throw new InvalidOperationException($"{what}, {spec}: {delta:E2} exceeds {bound:E0}; the two trainers do not compute the same step, so their timings would mean nothing.");
    }
}
