using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class StandardScalingTests
{
    [Fact]
    public void Fits_the_mean_and_the_population_standard_deviation()
    {
        // 1, 2, 3, 4: μ = 2.5, Σ (x − μ)² = 5, population σ = √(5/4) (the sample σ would be √(5/3)).
        var scaler = StandardScaling.Fit("x", [1, 2, 3, 4]);
        Assert.Equal("x", scaler.Name);
        Assert.Equal(2.5, scaler.Mean);
        Assert.Equal(Math.Sqrt(1.25), scaler.StandardDeviation, 15);
    }

    [Fact]
    public void A_constant_column_gets_unit_standard_deviation()
    {
        var scaler = StandardScaling.Fit("flat", [7, 7, 7]);
        Assert.Equal((7.0, 1.0), (scaler.Mean, scaler.StandardDeviation));
        Assert.Equal(0, scaler.Standardize(7));

        var rounding = StandardScaling.Fit("almost", [0.1 + 0.2, 0.3, 0.3]);
        Assert.Equal(1.0, rounding.StandardDeviation);
    }

    [Fact]
    public void The_dataset_fits_on_training_rows_only()
    {
        var values = Enumerable.Range(0, 100).Select(i => i < 70 ? Math.Sin(i) : 1000.0 + i).ToArray();
        var table = TimeSeriesTable.FromColumns("t", ["v"], [values]);
        var data = WindowedDataset.Create(table, new ForecastTask(["v"], ["v"], 5, 2), SplitPlan.Default);
        var train = values.Take(70).ToArray();
        double mean = train.Average();
        double std = Math.Sqrt(train.Sum(x => (x - mean) * (x - mean)) / 70);
        Assert.Equal(mean, data.InputScalers[0].Mean, 14);
        Assert.Equal(std, data.InputScalers[0].StandardDeviation, 14);
        Assert.Same(data.InputScalers[0], data.TargetScalers[0]);
        Assert.Equal((values[99] - mean) / std, data.StandardizedTargets[99], 10);
    }

    [Fact]
    public void ETTh1_scalers_match_an_independent_computation()
    {
        var data = WindowedDataset.Create(SharedData.EttH1, ForecastTask.ForMode(ForecastMode.M, SharedData.EttH1, null, 96, 24), SplitPlan.Ett());
        foreach (var scaler in data.InputScalers)
        {
            var train = SharedData.EttH1ColumnIndependently(scaler.Name).Take(8640).ToArray();
            double mean = train.Average();
            double std = Math.Sqrt(train.Select(x => (x - mean) * (x - mean)).Sum() / train.Length);
            Assert.Equal(mean, scaler.Mean, 9);
            Assert.Equal(std, scaler.StandardDeviation, 9);
        }
        // OT, as a Python script computed it from the CSV (statistics of rows 0..8639, population σ).
        var ot = data.InputScalers.Single(s => s.Name == "OT");
        Assert.Equal(17.1282616982271, ot.Mean, 9);
        Assert.Equal(9.176491024944383, ot.StandardDeviation, 9);
    }

    [Fact]
    public void Preprocessing_carries_the_scalers_windows_and_normalisation()
    {
        var table = SyntheticSeries.Sensor(500, 3);
        var task = ForecastTask.ForMode(ForecastMode.MS, table, ["temperature"], 24, 6);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default, WindowNormalization.LastValue);
        var preprocessing = data.ToPreprocessing();
        Assert.Equal(["temperature", "humidity", "power"], preprocessing.InputColumns.Select(c => c.Name));
        Assert.Equal(["temperature"], preprocessing.TargetColumns.Select(c => c.Name));
        Assert.Equal(data.InputScalers, preprocessing.InputColumns);
        Assert.Equal((24, 6), (preprocessing.Lookback!.Value, preprocessing.Horizon!.Value));
        Assert.Equal(WindowNormalization.LastValue, preprocessing.WindowNormalization);
        Assert.Null(preprocessing.FindMismatch(new ModelSpec(CellKind.Gru, 3, 8, 1, 6)));
    }
}
