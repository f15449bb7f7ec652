using GruNative.Training.Baselines;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Metrics;

namespace GruNative.Training.Tests.Baselines;

/// <summary>
/// The classical baselines scored on the model's own windows and scales: the test scores recomputed here from the
/// fitted forecasters and the split written out by hand, and the cases where a baseline is not available.
/// </summary>
public class ClassicalBaselinesTests
{
    private static WindowedDataset AirlineData()
    {
        var table = TimeSeriesTable.FromColumns("airline", ["Passengers"], [Airline.Passengers]);
        var task = ForecastTask.ForMode(ForecastMode.S, table, ["Passengers"], 24, 12);
        return WindowedDataset.Create(table, task, SplitPlan.LastRows(24, 24), WindowNormalization.LastValue);
    }

    [Fact]
    public void Test_scores_equal_a_recomputation_from_the_fitted_forecasters()
    {
        var data = AirlineData();
        var scores = Scoreboard.Score(data, null, 12);
        Assert.Equal(["repeat_last", "seasonal_naive", "seasonal_naive_drift", "ets", "theta"], scores.Select(s => s.Name));

        // Training rows [0, 96), test rows [120, 144): 13 test windows of 12 months, origins 120 … 132.
        var y = Airline.Passengers;
        double mean = y[..96].Average(), sigma = Math.Sqrt(y[..96].Sum(v => (v - mean) * (v - mean)) / 96);
        double scale = Enumerable.Range(12, 84).Average(t => Math.Abs(y[t] - y[t - 12]));   // in-sample seasonal naive MAE
        foreach (var baseline in scores.Where(s => s.Classical is not null))
        {
            Assert.True(baseline.IsAvailable);
            var forecaster = baseline.Classical!.Forecasters.Single();
            double squared = 0, absolute = 0;
            for (int origin = 120; origin <= 132; origin++)
            {
                var f = new double[12];
                forecaster.ForecastFromOrigins(y, origin, 1, 12, f);
                for (int h = 0; h < 12; h++)
                {
                    double e = f[h] - y[origin + h];
                    squared += e * e;
                    absolute += Math.Abs(e);
                }
            }
            var test = baseline.Splits[DatasetSplit.Test];
            Assert.Equal(13, test.Windows);
            Assert.Equal(squared / 156 / (sigma * sigma), test.Mse, 10);
            Assert.Equal(absolute / 156 / sigma, test.Mae, 10);
            Assert.Equal(squared / 156, test.MseOriginal, 6);
            Assert.Equal(absolute / 156 / scale, test.Mase!.Value, 10);
        }
        var ets = scores.Single(s => s.Name == "ets").Classical!;
        Assert.Equal(ClassicalBaselines.FittedProtocol, ets.Protocol);
        Assert.Equal("Passengers", ets.Columns[0].Column);
        Assert.StartsWith("ETS(", ets.Columns[0].Method);
        Assert.Contains(ets.Columns[0].Parameters, p => p.Key == "alpha");
        Assert.Contains(ets.Columns[0].States, p => p.Key == "l");
    }

    [Fact]
    public void The_fits_use_the_training_rows_only()
    {
        var data = AirlineData();
        var scores = Scoreboard.Score(data, null, 12);
        var ets = (EtsModel)scores.Single(s => s.Name == "ets").Classical!.Forecasters[0];
        var onTraining = AutoEts.Select(Airline.Passengers[..96], 12).Best!.Model;
        Assert.Equal(onTraining.Form, ets.Form);
        Assert.Equal(onTraining.Parameters, ets.Parameters);
    }

    [Fact]
    public void A_constant_target_makes_ets_and_theta_unavailable_with_the_reason()
    {
        var table = TimeSeriesTable.FromColumns("flat", ["x"], [Enumerable.Repeat(4.0, 200).ToArray()]);
        var task = ForecastTask.ForMode(ForecastMode.S, table, ["x"], 12, 6);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        var scores = Scoreboard.Score(data, null, 12);
        foreach (string name in new[] { "ets", "theta" })
        {
            var b = scores.Single(s => s.Name == name);
            Assert.False(b.IsAvailable);
            Assert.Empty(b.Splits);
            Assert.Contains("constant", b.Classical!.UnavailableReason);
        }
        var drift = scores.Single(s => s.Name == "seasonal_naive_drift");
        Assert.True(drift.IsAvailable);
        Assert.Equal(0, drift.Splits[DatasetSplit.Test].Mse);
    }

    [Fact]
    public void Without_a_season_every_baseline_falls_back_and_says_so()
    {
        var table = SyntheticSeries.Create("ar2");
        var task = ForecastTask.ForMode(ForecastMode.S, table, [table.ColumnNames[0]], 16, 4);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        var scores = Scoreboard.Score(data, null, null);
        var drift = scores.Single(s => s.Name == "seasonal_naive_drift");
        Assert.Equal(1, drift.Period);
        Assert.Contains(drift.Classical!.Columns[0].Notes, n => n.Contains("no season given"));
        Assert.Contains(scores.Single(s => s.Name == "ets").Classical!.Columns[0].Notes, n => n.Contains("no season given"));
        Assert.Contains(scores.Single(s => s.Name == "theta").Classical!.Columns[0].Notes, n => n.Contains("no season given"));
        Assert.All(scores, s => Assert.All(s.Splits.Values, v => Assert.True(double.IsFinite(v.Mse))));
    }

    [Fact]
    public void Leaving_the_classical_baselines_out_keeps_the_naive_ones()
    {
        var scores = Scoreboard.Score(AirlineData(), null, 12, classical: false);
        Assert.Equal(["repeat_last", "seasonal_naive"], scores.Select(s => s.Name));
    }
}
