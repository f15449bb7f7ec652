using GruNative.Reference;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Tests.Data;

/// <summary>
/// Channel-independent windows and evaluation: every channel window cut by hand from the raw table, and a univariate
/// model's multivariate scores equal to scoring each column on its own through the float64 reference.
/// </summary>
public class ChannelWindowsTests
{
    private const int Rows = 400, Lookback = 12, Horizon = 5;
    private static readonly string[] Columns = ["a", "b", "c"];

    private static TimeSeriesTable Table()
    {
        var values = new double[Columns.Length * Rows];
        for (int r = 0; r < Rows; r++)
        {
            values[r] = 10 + 3 * Math.Sin(r * 0.3) + 0.01 * r;               // a: level 10, drifting
            values[Rows + r] = -2 + Math.Cos(r * 0.17) * (1 + r % 7 * 0.1);  // b
            values[2 * Rows + r] = 100 * Math.Sin(r * 0.05 + 1);             // c: another scale
        }
        return new TimeSeriesTable("three", Columns, values);
    }

    private static WindowedDataset Dataset(WindowNormalization normalization) =>
        WindowedDataset.Create(Table(), new ForecastTask(Columns, Columns, Lookback, Horizon), SplitPlan.Counts(280, 60, 60), normalization);

    [Theory]
    [InlineData(WindowNormalization.None)]
    [InlineData(WindowNormalization.LastValue)]
    [InlineData(WindowNormalization.Mean)]
    public void Each_channel_window_is_its_column_standardised_and_normalised_by_its_own_level(WindowNormalization normalization)
    {
        var table = Table();
        var data = Dataset(normalization);
        var windows = new ChannelWindows(data.Windows(DatasetSplit.Validation));
        Assert.Equal(data.WindowCount(DatasetSplit.Validation) * 3, windows.Count);
        Assert.Equal((1, Horizon, Lookback), (windows.InputSize, windows.OutputSize, windows.Lookback));

        int[] picks = [0, 1, 2, 3, 7, windows.Count - 1, 5];
        var inputs = new float[picks.Length * Lookback];
        var targets = new float[picks.Length * Horizon];
        windows.Gather(picks, inputs, targets);
        for (int b = 0; b < picks.Length; b++)
        {
            int window = picks[b] / 3, channel = picks[b] % 3;
            double[] column = table.Column(Columns[channel]).ToArray();
            double mean = column[..280].Average();
            double sigma = Math.Sqrt(column[..280].Sum(v => (v - mean) * (v - mean)) / 280);
            int start = data.WindowStart(DatasetSplit.Validation, window);
            double[] z = column.Select(v => (v - mean) / sigma).ToArray();
            double level = normalization switch
            {
                WindowNormalization.LastValue => z[start + Lookback - 1],
                WindowNormalization.Mean => z[start..(start + Lookback)].Average(),
                _ => 0,
            };
            for (int t = 0; t < Lookback; t++)
                Assert.Equal(z[start + t] - level, inputs[b * Lookback + t], 1e-5);
            for (int s = 0; s < Horizon; s++)
                Assert.Equal(z[start + Lookback + s] - level, targets[b * Horizon + s], 1e-5);
        }
    }

    [Fact]
    public void A_univariate_model_scores_every_column_as_if_each_were_forecast_on_its_own()
    {
        var data = Dataset(WindowNormalization.LastValue);
        var model = NetworkParameters<float>.Initialize(new ModelSpec(CellKind.Lstm, 1, 6, 2, Horizon), seed: 4);
        var errors = ModelEvaluation.Evaluate(model, data, DatasetSplit.Test);

        // Independently: the float64 reference over each column's windows, cut by hand.
        var reference = new ReferenceModel<double>(model.ToWeights(null));
        var table = Table();
        var forecast = new double[Horizon];
        for (int channel = 0; channel < 3; channel++)
        {
            double[] column = table.Column(Columns[channel]).ToArray();
            double mean = column[..280].Average();
            double sigma = Math.Sqrt(column[..280].Sum(v => (v - mean) * (v - mean)) / 280);
            double[] z = column.Select(v => (v - mean) / sigma).ToArray();
            double squared = 0;
            int count = 0;
            for (int w = 0; w < data.WindowCount(DatasetSplit.Test); w++)
            {
                int start = data.WindowStart(DatasetSplit.Test, w);
                double level = z[start + Lookback - 1];
                reference.Forecast(z[start..(start + Lookback)].Select(v => v - level).ToArray(), forecast);
                for (int s = 0; s < Horizon; s++, count++)
                    squared += Math.Pow(forecast[s] + level - z[start + Lookback + s], 2);
            }
            Assert.Equal(squared / count, errors.MeanSquaredErrorOf(channel), 1e-5);
        }
    }

    [Fact]
    public void A_model_that_fits_the_task_in_neither_way_is_refused()
    {
        var data = Dataset(WindowNormalization.None);
        var model = NetworkParameters<float>.Initialize(new ModelSpec(CellKind.Gru, 2, 4, 1, Horizon), seed: 1);
        var error = Assert.Throws<ArgumentException>(() => ModelEvaluation.Evaluate(model, data, DatasetSplit.Test));
        Assert.Contains("neither whole", error.Message);
    }

    [Fact]
    public void A_task_with_other_columns_in_than_out_cannot_be_split_by_channel()
    {
        var data = WindowedDataset.Create(Table(), new ForecastTask(Columns, ["c"], Lookback, Horizon), SplitPlan.Counts(280, 60, 60));
        Assert.False(ChannelWindows.Supports(data.Task));
        var error = Assert.Throws<ArgumentException>(() => new ChannelWindows(data.Windows(DatasetSplit.Train)));
        Assert.Contains("same columns in and out", error.Message);
    }

    [Fact]
    public void Gathering_checks_indices_and_buffers()
    {
        var windows = new ChannelWindows(Dataset(WindowNormalization.None).Windows(DatasetSplit.Train));
        Assert.Throws<ArgumentOutOfRangeException>(() => windows.Gather([windows.Count], new float[Lookback], new float[Horizon]));
        Assert.Throws<ArgumentException>(() => windows.Gather([0], new float[Lookback + 1], new float[Horizon]));
    }
}
