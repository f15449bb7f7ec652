using GruNative.Training.Data;
using GruNative.Training.Metrics;
using GruNative.Training.Tests.Data;
using Xunit.Abstractions;

namespace GruNative.Training.Tests.Metrics;

public class NaiveForecastTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Seasonal_naive_repeats_the_last_period_of_the_lookback(int period)
    {
        var table = SyntheticSeries.Sensor(300, 8);
        var task = ForecastTask.ForMode(ForecastMode.M, table, null, 5, 7);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        int[] windows = [0, 4, 11, 4];
        var forecasts = new double[windows.Length * task.OutputSize];
        NaiveForecast.Seasonal<double>(data, DatasetSplit.Test, windows, period, forecasts);
        var series = data.StandardizedTargets;
        for (int b = 0; b < windows.Length; b++)
        {
            int start = data.Splits.Windows(DatasetSplit.Test).Start + windows[b];
            for (int h = 0; h < 7; h++)
            {
                for (int k = 0; k < 3; k++)
                {
                    // The lookback's last period is rows s + L − p … s + L − 1; step h repeats its (h mod p)-th row.
                    double expected = series[(start + 5 - period + h % period) * 3 + k];
                    Assert.Equal(expected, forecasts[b * 21 + h * 3 + k]);
                }
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => NaiveForecast.Seasonal<double>(data, DatasetSplit.Test, windows, 6, forecasts));
    }

    /// <summary>
    /// The bar quoted in the study issue, ETTh1 S mode (OT), ETT protocol: repeat-last-value over every test window. The
    /// expected figures to three decimals are the issue's; the exact ones come from <see cref="RepeatLastIndependently"/>.
    /// </summary>
    [Theory]
    [InlineData(96, 24, 0.034, 0.139)]
    [InlineData(96, 96, 0.069, 0.203)]
    public void ETTh1_repeat_last_value_meets_the_quoted_bar(int lookback, int horizon, double mse, double mae)
    {
        var errors = NaiveForecast.Evaluate(EttOt(lookback, horizon), DatasetSplit.Test);
        Assert.Equal(mse, errors.MeanSquaredError, 3);
        Assert.Equal(mae, errors.MeanAbsoluteError, 3);
    }

    [Theory]
    [MemberData(nameof(EttH1Shapes.All), MemberType = typeof(EttH1Shapes))]
    public void ETTh1_repeat_last_value_equals_a_direct_computation(int lookback, int horizon)
    {
        var data = EttOt(lookback, horizon);
        var errors = NaiveForecast.Evaluate(data, DatasetSplit.Test);
        var (mse, mae, windows) = RepeatLastIndependently(lookback, horizon);
        Assert.Equal(windows * horizon, errors.Count);
        Assert.Equal(mse, errors.MeanSquaredError, 12);
        Assert.Equal(mae, errors.MeanAbsoluteError, 12);
        double mase = errors.MeanAbsoluteScaledError(NaiveForecast.MaseScales(data));
        output.WriteLine($"ETTh1 S OT L={lookback} T={horizon}: {windows} test windows, MSE {errors.MeanSquaredError:F6}, MAE {errors.MeanAbsoluteError:F6}, MASE(p=1) {mase:F4}");
    }

    [Fact]
    public void MASE_scales_are_the_training_rows_naive_errors()
    {
        var data = EttOt(96, 24);
        var ot = SharedData.EttH1ColumnIndependently("OT");
        double mean = ot.Take(8640).Average(), std = Math.Sqrt(ot.Take(8640).Sum(x => (x - mean) * (x - mean)) / 8640);
        double scale24 = Enumerable.Range(24, 8640 - 24).Average(t => Math.Abs(ot[t] - ot[t - 24])) / std;
        Assert.Equal(scale24, NaiveForecast.MaseScales(data, 24)[0], 10);
    }

    private static WindowedDataset EttOt(int lookback, int horizon)
    {
        var table = SharedData.EttH1;
        return WindowedDataset.Create(table, ForecastTask.ForMode(ForecastMode.S, table, ["OT"], lookback, horizon), SplitPlan.Ett());
    }

    /// <summary>
    /// Repeat-last-value on OT written out from the protocol, sharing nothing with the library: standardise with rows
    /// 0..8639, then for every start s with targets in [11520, 14400) compare rows s+L..s+L+T−1 with row s+L−1.
    /// </summary>
    private static (double Mse, double Mae, int Windows) RepeatLastIndependently(int lookback, int horizon)
    {
        var ot = SharedData.EttH1ColumnIndependently("OT");
        double mean = ot.Take(8640).Average();
        double std = Math.Sqrt(ot.Take(8640).Sum(x => (x - mean) * (x - mean)) / 8640);
        var z = ot.Select(x => (x - mean) / std).ToArray();
        double squared = 0, absolute = 0;
        int windows = 0;
        for (int s = 11520 - lookback; s + lookback + horizon <= 14400; s++)
        {
            windows++;
            for (int h = 0; h < horizon; h++)
            {
                double error = z[s + lookback + h] - z[s + lookback - 1];
                squared += error * error;
                absolute += Math.Abs(error);
            }
        }
        return (squared / (windows * horizon), absolute / (windows * horizon), windows);
    }
}
