using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Metrics;
using GruNative.Training.Segments;
using static GruNative.Training.Tests.Segments.SegmentDatasets;

namespace GruNative.Training.Tests.Segments;

/// <summary>
/// A segment forecaster, scored by <see cref="ModelEvaluation"/>, scores every window and column of a split as a hand loop over
/// <see cref="SegmentNetwork{T}.Forward"/> does, on the scale the plain models and baselines are scored on.
/// </summary>
public class SegmentForecasterTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void Its_MSE_and_MAE_equal_a_hand_loop_over_the_windows(bool channelIds, int threads)
    {
        // 5 columns: a pass of 256 channel windows holds 51 whole windows, so the last pass is partial.
        var data = Seasonal(channels: 5, rows: 700);
        var shape = Shape(data, channelIds);
        float[] parameters = SegmentParameterInitializer.Create<float>(new SegmentParameterLayout(shape), 5);
        var forecaster = new SegmentForecaster(shape, parameters, data, threads, shardSize: 16);
        foreach (var split in (DatasetSplit[])[DatasetSplit.Validation, DatasetSplit.Test])
        {
            var errors = ModelEvaluation.Evaluate(forecaster, data, split);
            var (mse, mae) = ScoreByHand(shape, parameters, data, split);
            Assert.Equal((long)data.WindowCount(split) * shape.Horizon * data.Task.TargetCount, errors.Count);
            Assert.Equal(mse, errors.MeanSquaredError, 1e-6 * mse);
            Assert.Equal(mae, errors.MeanAbsoluteError, 1e-6 * mae);

            var scores = Scoreboard.Score(data, forecaster, period: null, classical: false)[0].Splits[split];
            Assert.Equal(data.WindowCount(split), scores.Windows);
            Assert.Equal(errors.MeanSquaredError, scores.Mse);
            Assert.Equal(errors.MeanAbsoluteError, scores.Mae);
        }
    }

    [Fact]
    public void Its_per_column_errors_are_each_column_s_own()
    {
        // A model that forecasts the window's last value (all-zero weights: the prediction before the last value is
        // added back is zero) is the repeat-last baseline, column by column.
        var data = Seasonal(channels: 3);
        var shape = Shape(data);
        float[] zero = new float[new SegmentParameterLayout(shape).Length];
        var model = ModelEvaluation.Evaluate(new SegmentForecaster(shape, zero, data), data, DatasetSplit.Test);
        var naive = NaiveForecast.Evaluate(data, DatasetSplit.Test, period: 1);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(naive.MeanSquaredErrorOf(k), model.MeanSquaredErrorOf(k), 1e-6);
            Assert.Equal(naive.MeanAbsoluteErrorOf(k), model.MeanAbsoluteErrorOf(k), 1e-6);
        }
        var scores = ModelEvaluation.Scores(naive, data.ScoringScalers, data.WindowCount(DatasetSplit.Test));
        var modelScores = Scoreboard.Score(data, new SegmentForecaster(shape, zero, data), period: null, classical: false)[0];
        Assert.Equal("model", modelScores.Name);
        Assert.Equal(scores.MseOriginal, modelScores.Splits[DatasetSplit.Test].MseOriginal, 1e-6 * scores.MseOriginal);
    }

    [Fact]
    public void It_refuses_data_it_cannot_score_and_shapes_that_do_not_fit()
    {
        var normalised = Seasonal(normalization: WindowNormalization.LastValue);
        Assert.Contains("window normalisation", Assert.Throws<ArgumentException>(() => new SegmentForecaster(Shape(normalised), Zero(Shape(normalised)), normalised)).Message);

        var data = Seasonal(channels: 3);
        var fourChannels = new SegmentModelSpec(CellKind.Gru, Lookback, Horizon, SegmentLength, 16, SegmentDecoding.Parallel, channels: 4);
        Assert.Contains("4 channel embeddings", Assert.Throws<ArgumentException>(() => new SegmentForecaster(fourChannels, Zero(fourChannels), data)).Message);
        var longer = new SegmentModelSpec(CellKind.Gru, 2 * Lookback, Horizon, SegmentLength, 16);
        Assert.Throws<ArgumentException>(() => new SegmentForecaster(longer, Zero(longer), data));

        var table = new SeasonalSeries(3, 600, seed: 1).ToTable();
        var ms = WindowedDataset.Create(table, new ForecastTask(table.ColumnNames, ["c0"], Lookback, Horizon), SplitPlan.Ratios(0.6, 0.2, 0.2));
        Assert.Contains("same columns in and out", Assert.Throws<ArgumentException>(() => new SegmentForecaster(Shape(ms, channelIds: false), Zero(Shape(ms, channelIds: false)), ms)).Message);
        Assert.Contains("parameters", Assert.Throws<ArgumentException>(() => new SegmentForecaster(Shape(data), new float[3], data)).Message);
    }

    private static float[] Zero(SegmentModelSpec shape) => new float[new SegmentParameterLayout(shape).Length];
}
