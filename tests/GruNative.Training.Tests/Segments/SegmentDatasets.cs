using GruNative.Training.Data;
using GruNative.Training.Segments;

namespace GruNative.Training.Tests.Segments;

/// <summary>Datasets of seasonal channels for the segment trainer, and an independent scorer of a segment model on them.</summary>
internal static class SegmentDatasets
{
    public const int Lookback = 48, Horizon = 24, SegmentLength = 12;

    /// <summary>K seasonal channels (<see cref="SeasonalSeries"/>) in mode M, split 60/20/20, standardised, no window normalisation.</summary>
    public static WindowedDataset Seasonal(int channels = 3, int rows = 900, int seed = 2, double noise = 0.1,
        WindowNormalization normalization = WindowNormalization.None)
    {
        var table = new SeasonalSeries(channels, rows, seed, noise).ToTable();
        var task = new ForecastTask(table.ColumnNames, table.ColumnNames, Lookback, Horizon);
        return WindowedDataset.Create(table, task, SplitPlan.Ratios(0.6, 0.2, 0.2), normalization);
    }

    /// <summary>A GRU PMF model of the dataset's L and H, d = 16, with channel ids for its K columns.</summary>
    public static SegmentModelSpec Shape(WindowedDataset data, bool channelIds = true) =>
        new(CellKind.Gru, Lookback, Horizon, SegmentLength, hiddenSize: 16, SegmentDecoding.Parallel,
            channels: channelIds ? data.Task.TargetCount : 0);

    /// <summary>
    /// MSE and MAE of <paramref name="parameters"/> over every window and column of <paramref name="split"/>, computed
    /// without the evaluator (see <see cref="ForEachForecast"/>), in float64.
    /// </summary>
    public static (double Mse, double Mae) ScoreByHand(SegmentModelSpec shape, float[] parameters, WindowedDataset data, DatasetSplit split)
    {
        double squared = 0, absolute = 0;
        long count = 0;
        ForEachForecast(shape, parameters, data, split, (forecast, actual) =>
        {
            double error = (double)forecast - actual;
            squared += error * error;
            absolute += Math.Abs(error);
            count++;
        });
        return (squared / count, absolute / count);
    }

    /// <summary>The share of the actual values of every window and column of <paramref name="split"/> at or below the model's forecast.</summary>
    public static double ShareAtOrBelow(SegmentModelSpec shape, float[] parameters, WindowedDataset data, DatasetSplit split)
    {
        long below = 0, count = 0;
        ForEachForecast(shape, parameters, data, split, (forecast, actual) =>
        {
            below += actual <= forecast ? 1 : 0;
            count++;
        });
        return (double)below / count;
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(forecast, actual) for every value of every window and column of
    /// <paramref name="split"/>, one window of one column at a time through <see cref="SegmentNetwork{T}.Forward"/>, read
    /// from the dataset's multivariate windows (<see cref="WindowedDataset.Windows"/>): independent of the evaluator.
    /// </summary>
    private static void ForEachForecast(SegmentModelSpec shape, float[] parameters, WindowedDataset data, DatasetSplit split, Action<float, float> visit)
    {
        var network = new SegmentNetwork<float>(shape, maxBatch: 1);
        var windows = data.Windows(split);
        int k = data.Task.TargetCount, lookback = shape.Lookback, horizon = shape.Horizon;
        var inputs = new float[lookback * k];
        var targets = new float[horizon * k];
        var window = new float[lookback];
        var output = new float[horizon];
        int[] channel = new int[1];
        for (int w = 0; w < windows.Count; w++)
        {
            windows.Gather<float>([w], inputs, targets);
            for (int c = 0; c < k; c++)
            {
                for (int t = 0; t < lookback; t++)
                    window[t] = inputs[t * k + c];
                channel[0] = c;
                network.Forward(parameters, window, shape.UsesChannelIds ? channel : [], 1, output);
                for (int s = 0; s < horizon; s++)
                    visit(output[s], targets[s * k + c]);
            }
        }
    }
}
