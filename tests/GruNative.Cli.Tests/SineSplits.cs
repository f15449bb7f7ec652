namespace GruNative.Cli.Tests;

/// <summary>The built-in sine series as the tests cut it by hand: 2000 rows, ratios 0.7/0.1/0.2 (test targets in rows [1600, 2000)).</summary>
internal static class SineSplits
{
    /// <summary>The series' values.</summary>
    public static double[] Series() => Training.Data.SyntheticSeries.Create("sine").Column("value").ToArray();

    /// <summary>The training rows' mean and population σ: the standard scale of every score.</summary>
    public static (double Mean, double Sigma) TrainingScale()
    {
        double[] train = Series()[..1400];
        double mean = train.Average();
        return (mean, Math.Sqrt(train.Sum(v => (v - mean) * (v - mean)) / train.Length));
    }

    /// <summary>
    /// The test MSE on the standard scale of a segment model's file, recomputed through the runtime's reference pass in
    /// the data's units over every test window (lookback and horizon from the file).
    /// </summary>
    public static (double Mse, int Windows) SegmentTestMse(SegmentModelWeights weights)
    {
        double[] series = Series();
        var (_, sigma) = TrainingScale();
        int lookback = weights.Spec.Lookback, horizon = weights.Spec.Horizon;
        var reference = new Reference.SegmentReferenceModel<double>(weights);
        var forecast = new double[horizon];
        double squared = 0;
        int windows = 0;
        for (int target = 1600; target + horizon <= 2000; target++, windows++)
        {
            reference.ForecastObservations(series[(target - lookback)..target], forecast);
            for (int s = 0; s < horizon; s++)
                squared += Math.Pow((forecast[s] - series[target + s]) / sigma, 2);
        }
        return (squared / ((double)windows * horizon), windows);
    }

    /// <summary>
    /// The test coverage of a segment model's fixed interval at level index <paramref name="level"/>, recomputed from its
    /// file: each forecast (reference pass, data units) ± the stored offset of its step times the training σ, counted
    /// against the actual value; and the number of values counted.
    /// </summary>
    public static (double Coverage, int Values) SegmentTestCoverage(SegmentModelWeights weights, int level)
    {
        double[] series = Series();
        var (_, sigma) = TrainingScale();
        var offsets = weights.Preprocessing!.Intervals!.OffsetsOf(level);
        int lookback = weights.Spec.Lookback, horizon = weights.Spec.Horizon;
        var reference = new Reference.SegmentReferenceModel<double>(weights);
        var forecast = new double[horizon];
        int inside = 0, values = 0;
        for (int target = 1600; target + horizon <= 2000; target++)
        {
            reference.ForecastObservations(series[(target - lookback)..target], forecast);
            for (int s = 0; s < horizon; s++, values++)
            {
                if (Math.Abs(series[target + s] - forecast[s]) <= offsets[s] * sigma)
                    inside++;
            }
        }
        return ((double)inside / values, values);
    }
}
