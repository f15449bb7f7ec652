using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Tests.Fitting;

public class EnsembleEvaluationTests
{
    [Theory]
    [InlineData(WindowNormalization.None)]
    [InlineData(WindowNormalization.LastValue)]
    public void An_ensembles_errors_are_those_of_its_members_mean_forecast(WindowNormalization normalization)
    {
        var table = SyntheticSeries.Create("sine");
        var task = new ForecastTask(["value"], ["value"], 16, 4);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default, normalization);
        var spec = new ModelSpec(CellKind.Gru, 1, 6, 1, 4);
        NetworkParameters<float>[] members = [NetworkParameters<float>.Initialize(spec, 1), NetworkParameters<float>.Initialize(spec, 2), NetworkParameters<float>.Initialize(spec, 3)];

        // Independently: each member's forward pass per window, averaged by hand, against the window's (normalised) targets.
        var network = new Network<float>(spec, task.Lookback, 1);
        var windows = data.Windows(DatasetSplit.Validation);
        var inputs = new float[task.InputValuesPerWindow];
        var targets = new float[task.OutputSize];
        var output = new float[task.OutputSize];
        double squared = 0;
        for (int w = 0; w < windows.Count; w++)
        {
            windows.Gather<float>([w], inputs, targets);
            var mean = new double[task.OutputSize];
            foreach (var member in members)
            {
                network.Forward(member.Values, inputs, 1, output);
                for (int j = 0; j < output.Length; j++)
                    mean[j] += output[j];
            }
            for (int j = 0; j < mean.Length; j++)
            {
                double error = mean[j] / members.Length - targets[j];
                squared += error * error;
            }
        }
        double expected = squared / (windows.Count * task.OutputSize);

        var ensemble = ModelEvaluation.Evaluate(members, data, DatasetSplit.Validation);
        Assert.Equal(expected, ensemble.MeanSquaredError, 5);
        // An ensemble of one is the model itself, exactly.
        Assert.Equal(ModelEvaluation.Evaluate(members[0], data, DatasetSplit.Validation).MeanSquaredError,
            ModelEvaluation.Evaluate([members[0]], data, DatasetSplit.Validation).MeanSquaredError);
        // Averaging helps here, as it must by convexity: the mean forecast's MSE is at most the members' mean MSE.
        double membersMean = members.Average(m => ModelEvaluation.Evaluate(m, data, DatasetSplit.Validation).MeanSquaredError);
        Assert.True(ensemble.MeanSquaredError <= membersMean + 1e-9);
    }

    [Fact]
    public void Members_of_different_shapes_are_refused()
    {
        var data = WindowedDataset.Create(SyntheticSeries.Create("sine"), new ForecastTask(["value"], ["value"], 16, 4), SplitPlan.Default);
        var small = NetworkParameters<float>.Initialize(new ModelSpec(CellKind.Gru, 1, 6, 1, 4), 1);
        var large = NetworkParameters<float>.Initialize(new ModelSpec(CellKind.Gru, 1, 8, 1, 4), 1);
        Assert.Throws<ArgumentException>(() => ModelEvaluation.Evaluate([small, large], data, DatasetSplit.Test));
        Assert.Throws<ArgumentException>(() => ModelEvaluation.Evaluate(Array.Empty<NetworkParameters<float>>(), data, DatasetSplit.Test));
    }
}
