using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.TestKit;

/// <summary>
/// Trains a small forecaster with the trainer (three input columns, several outputs, a few epochs so the weights are
/// trained rather than initial), saves and re-reads its weights file, and compares an engine's forecasts from that file
/// with the trainer's own forward pass over test windows. Shared by the ONNX Runtime and libtorch tests.
/// </summary>
public static class TrainedModelComparison
{
    /// <summary>The largest |Δ| between the trainer's forecasts and <paramref name="engine"/>'s (opened on the file).</summary>
    public static double MaxDelta(IParityEngine engine, CellKind cell, int layers)
    {
        var table = SyntheticSeries.Sensor(24 * 40, seed: 2);
        var task = ForecastTask.ForMode(ForecastMode.M, table, null, lookback: 48, horizon: 4);
        var data = WindowedDataset.Create(table, task, SplitPlan.Default);
        var spec = new ModelSpec(cell, task.InputCount, 12, layers, task.OutputSize);
        var options = new TrainingOptions { Epochs = 3, LearningRate = 1e-2, Seed = 9 };
        var trained = new Trainer(spec, options, data.Windows(DatasetSplit.Train), data.Windows(DatasetSplit.Validation), "parity").Run().Best;
        double moved = trained.Values.Zip(NetworkParameters<float>.Initialize(spec, options.Seed).Values).Max(p => Math.Abs(p.First - p.Second));
        if (moved == 0)
            throw new InvalidOperationException("training did not change the weights; the comparison would prove nothing about trained models");

        var weights = SafeTensorsWeights.Read(SafeTensorsWeights.ToBytes(trained.ToWeights(data.ToPreprocessing())));
        using var session = engine.Open(weights);
        var network = new Network<float>(spec, task.Lookback, 1);
        var test = data.Windows(DatasetSplit.Test);
        var inputs = new float[task.InputValuesPerWindow];
        var targets = new float[task.OutputSize];
        var ours = new float[task.OutputSize];
        double largest = 0;
        for (int w = 0; w < test.Count; w += 7)
        {
            test.Gather<float>([w], inputs, targets);
            network.Forward(trained.Values, inputs, 1, ours);
            var theirs = session.Run(inputs).Forecast;
            for (int i = 0; i < ours.Length; i++)
                largest = Math.Max(largest, Math.Abs(ours[i] - theirs[i]));
        }
        return largest;
    }
}
