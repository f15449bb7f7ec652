using GruNative.Reference;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Tests.Baselines;

namespace GruNative.Training.Tests.Data;

public class TargetTransformTests
{
    private static TimeSeriesTable AirlineTable(double[]? values = null)
    {
        values ??= Airline.Passengers;
        var months = Enumerable.Range(0, values.Length).Select(i => $"{1949 + i / 12}-{i % 12 + 1:00}").ToArray();
        return TimeSeriesTable.FromColumns("airline", ["Passengers"], [values], months, "Month");
    }

    [Fact]
    public void Guerrero_picks_Rs_published_lambda_for_the_airline_series()
    {
        // R: forecast::BoxCox.lambda(AirPassengers) = -0.2947156 (Guerrero's method on [-1, 2]; R's optimize stops at
        // about 1.2e-4, so the minimum itself may differ by that much).
        Assert.Equal(-0.2947156, BoxCoxLambda.Guerrero(Airline.Passengers, 12, -1, 2), 3);
        // Restricted to [0, 1], where the criterion rises from 0 on: the log transform.
        Assert.Equal(0, BoxCoxLambda.Guerrero(Airline.Passengers, 12, 0, 1));
        Assert.Equal(0, TargetTransform.ChosenBoxCox(12).LambdaFor(Airline.Passengers));
    }

    [Fact]
    public void Guerrero_refuses_what_it_cannot_use()
    {
        Assert.Throws<ArgumentException>(() => BoxCoxLambda.Guerrero(new double[23], 12, 0, 1));
        Assert.Throws<ArgumentException>(() => BoxCoxLambda.Guerrero(Enumerable.Repeat(-1.0, 24).ToArray(), 12, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoxCoxLambda.Guerrero(new double[24], 1, 0, 1));
    }

    [Theory]
    [InlineData("none", null, false)]
    [InlineData("log", 0.0, false)]
    [InlineData("Box-Cox", null, true)]
    [InlineData("box-cox:0.25", 0.25, false)]
    public void Parses_every_form(string text, double? lambda, bool chosen)
    {
        var transform = TargetTransform.Parse(text, 12);
        Assert.Equal(lambda, transform.Lambda);
        Assert.Equal(chosen, transform.IsChosenOnTrainingRows);
    }

    [Theory]
    [InlineData("sqrt")]
    [InlineData("box-cox:-0.5")]
    [InlineData("box-cox:3")]
    [InlineData("box-cox:x")]
    public void Refuses_anything_else(string text) =>
        Assert.Throws<ArgumentException>(() => TargetTransform.Parse(text));

    [Fact]
    public void The_model_sees_logs_while_scores_stay_on_the_datas_own_scale()
    {
        var values = Airline.Passengers;
        var task = new ForecastTask(["Passengers"], ["Passengers"], 36, 12);
        var data = WindowedDataset.Create(AirlineTable(), task, SplitPlan.LastRows(24, 24), transform: TargetTransform.Log);

        var train = values[..96];
        double rawMean = train.Average(), rawStd = Math.Sqrt(train.Sum(v => (v - rawMean) * (v - rawMean)) / 96);
        double logMean = train.Average(Math.Log), logStd = Math.Sqrt(train.Sum(v => (Math.Log(v) - logMean) * (Math.Log(v) - logMean)) / 96);
        Assert.True(data.HasTransform);
        Assert.Equal(0, data.TargetScalers[0].BoxCoxLambda);
        Assert.Equal(logMean, data.TargetScalers[0].Mean, 12);
        Assert.Equal(logStd, data.TargetScalers[0].StandardDeviation, 12);
        Assert.Null(data.ScoringScalers[0].BoxCoxLambda);
        for (int r = 0; r < values.Length; r += 17)
        {
            Assert.Equal((Math.Log(values[r]) - logMean) / logStd, data.StandardizedTargets[r], 10);
            Assert.Equal((values[r] - rawMean) / rawStd, data.ScoringTargets[r], 10);
        }
        Assert.Equal(0, data.ToPreprocessing().InputColumns[0].BoxCoxLambda);
    }

    [Fact]
    public void A_value_the_transform_cannot_take_is_a_data_error_naming_column_and_row()
    {
        var values = Airline.Passengers;
        values[130] = 0;   // in the test rows: every used row is checked, not only the training rows
        var task = new ForecastTask(["Passengers"], ["Passengers"], 36, 12);
        var e = Assert.Throws<DataFormatException>(() => WindowedDataset.Create(AirlineTable(values), task, SplitPlan.LastRows(24, 24), transform: TargetTransform.Log));
        Assert.Equal("Passengers", e.Column);
        Assert.Contains("row 130 (1959-11)", e.Message);
        Assert.Contains("log", e.Message);

        values[130] = 400;
        values[5] = -3;
        e = Assert.Throws<DataFormatException>(() => WindowedDataset.Create(AirlineTable(values), task, SplitPlan.LastRows(24, 24), transform: TargetTransform.ChosenBoxCox(12)));
        Assert.Contains("row 5 (1949-06)", e.Message);
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void A_trained_log_seasonal_model_forecasts_the_same_from_its_weights_file_on_the_device_path(CellKind cell)
    {
        var task = new ForecastTask(["Passengers"], ["Passengers"], 36, 12);
        var data = WindowedDataset.Create(AirlineTable(), task, SplitPlan.LastRows(24, 24), WindowNormalization.Seasonal,
            seasonLength: 12, transform: TargetTransform.Log);
        var spec = new ModelSpec(cell, 1, 6, 1, 12);
        var options = new TrainingOptions { Epochs = 4, LearningRate = 1e-2, Seed = 3, BatchSize = 8 };
        var trained = new Trainer(spec, options, data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "e2e").Run().Best;

        // The file a device gets, and the device's path: raw observations → standardise → normalise → run → forecast.
        var weights = SafeTensorsWeights.Read(SafeTensorsWeights.ToBytes(trained.ToWeights(data.ToPreprocessing())));
        var p = weights.Preprocessing!;
        Assert.Equal(WindowNormalization.Seasonal, p.WindowNormalization);
        var model = new ReferenceModel<float>(weights);
        var values = Airline.Passengers;
        var window = new float[36];
        var levels = new float[p.LevelsPerWindow];
        var outputs = new float[12];
        var forecast = new double[12];
        var squared = new List<double>();
        for (int w = 0; w < data.WindowCount(DatasetSplit.Test); w++)
        {
            int start = data.WindowStart(DatasetSplit.Test, w);
            p.StandardizeInputs<float>(values.AsSpan(start, 36), window);
            p.NormalizeWindow<float>(window, levels);
            var state = model.CreateState();
            for (int t = 0; t < 36; t++)
                model.Step(window.AsSpan(t, 1), state);
            model.Predict(state, outputs);
            p.ToForecast<float, double>(outputs, levels, forecast);

            var (trainer, actual) = ModelEvaluation.ForecastWindow(trained, data, DatasetSplit.Test, w);
            for (int h = 0; h < 12; h++)
            {
                Assert.True(double.IsFinite(forecast[h]));
                Assert.Equal(values[start + 36 + h], actual[h]);
                Assert.True(Math.Abs(forecast[h] - trainer[h]) <= 1e-5 * Math.Abs(trainer[h]), $"window {w} step {h}: device {forecast[h]} vs trainer {trainer[h]}");
                double error = (forecast[h] - actual[h]) / data.ScoringScalers[0].StandardDeviation;
                squared.Add(error * error);
            }
        }
        // The scoreboard's test MSE is the device forecasts' MSE on the data's standardised scale.
        var scores = ModelEvaluation.Scores(ModelEvaluation.Evaluate(trained, data, DatasetSplit.Test), data.ScoringScalers, data.WindowCount(DatasetSplit.Test));
        Assert.Equal(squared.Average(), scores.Mse, 4);
    }
}
