using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using GruNative.Reference;
using GruNative.Training.Data;
using StreamingForecaster.Persistence;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The sample's model as the tests see it, independently of the program: the weights read from the committed JSON
/// file, the reference model on them, the scalers from their metadata, the fingerprint from the file's own SHA-256 —
/// and test inputs drawn from the model's own kind of data (the trainer's sensor series, another seed).
/// </summary>
internal static class SampleModel
{
    private static readonly Lazy<ModelWeights> LazyWeights = new(() => JsonWeights.Read(WeightsPath));

    /// <summary>samples/StreamingForecaster.</summary>
    public static string Directory { get; } = typeof(SampleModel).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SampleDirectory").Value!;

    public static string WeightsPath => Path.Combine(Directory, "Model", "model.weights.json");

    public static ModelWeights Weights => LazyWeights.Value;

    public static ColumnScaler[] InputScalers => [.. Weights.Preprocessing!.InputColumns];

    public static ColumnScaler TargetScaler => Weights.Preprocessing!.TargetColumns.Single();

    /// <summary>The fingerprint a state file of this model must carry, from the weights file itself (not the build's hash).</summary>
    public static ModelFingerprint Fingerprint => new(Weights.Spec, SHA256.HashData(File.ReadAllBytes(WeightsPath)));

    /// <summary><paramref name="rows"/> hourly observations (temperature, humidity, power) of the sensor series with <paramref name="seed"/>.</summary>
    public static double[][] Observations(int rows, int seed)
    {
        var table = SyntheticSeries.Sensor(rows, seed);
        var columns = InputScalers.Select(s => table.Column(s.Name).ToArray()).ToArray();
        return Enumerable.Range(0, rows).Select(r => columns.Select(c => c[r]).ToArray()).ToArray();
    }

    /// <summary>An observation as the program reads it: CSV, shortest round-trip form, invariant culture.</summary>
    public static string Line(double[] observation) => string.Join(",", observation.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    public static string Lines(IEnumerable<double[]> observations) => string.Concat(observations.Select(o => Line(o) + "\n"));

    /// <summary>The model's inputs for an observation: each value standardised in double, then rounded to float32.</summary>
    public static float[] Standardise(double[] observation) =>
        observation.Select((v, i) => (float)InputScalers[i].Standardize(v)).ToArray();

    /// <summary>
    /// The state after every prefix of <paramref name="observations"/>, by the generated model compiled into this
    /// assembly (the sample's declaration, the same kernel the program runs): element k is the state after k
    /// observations, element 0 the zero state.
    /// </summary>
    public static float[][] PrefixStates(IReadOnlyList<double[]> observations)
    {
        var states = new float[observations.Count + 1][];
        var state = new SensorForecaster.State();
        states[0] = new float[SensorForecaster.StateLength];
        for (int k = 0; k < observations.Count; k++)
        {
            SensorForecaster.Baked.Step(Standardise(observations[k]), ref state);
            states[k + 1] = new float[SensorForecaster.StateLength];
            state.CopyTo(states[k + 1]);
        }
        return states;
    }

    /// <summary>
    /// The reference model in float64 streamed over <paramref name="observations"/>: the head's forecast after each step,
    /// in standardised units.
    /// </summary>
    public static double[][] ReferenceForecasts(IReadOnlyList<double[]> observations)
    {
        var reference = new ReferenceModel<double>(Weights);
        var state = reference.CreateState();
        var forecasts = new double[observations.Count][];
        for (int k = 0; k < observations.Count; k++)
        {
            reference.Step(Standardise(observations[k]).Select(v => (double)v).ToArray(), state);
            forecasts[k] = new double[Weights.Spec.OutputSize];
            reference.Predict(state, forecasts[k]);
        }
        return forecasts;
    }
}
