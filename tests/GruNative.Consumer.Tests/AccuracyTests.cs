using System.Collections.Concurrent;
using GruNative.Kernels;
using GruNative.TestKit.Onnx;
using GruNative.Reference;
using Xunit.Abstractions;

namespace GruNative.Consumer.Tests;

/// <summary>
/// Every declared model on every vector path against the double-precision reference (1,000 steps, inputs
/// U(−2, 2), head outputs at checkpoints and the final state) and against ONNX Runtime (forecasts over windows).
/// </summary>
public class AccuracyTests(ITestOutputHelper output)
{
    public const double Tolerance = 1e-5;
    private const int Steps = 1000;
    private static readonly int[] Checkpoints = [1, 2, 10, 100, 250, 500, 750, 999, 1000];
    private static readonly (int Start, int Length)[] Windows = [(0, 1), (0, 2), (0, 48), (137, 200), (400, 600)];
    private static readonly ConcurrentDictionary<ModelWeights, Lazy<OrtForecaster>> Sessions = new();

    public static TheoryData<string, VectorPath> NameAndPath() => Cases.NameAndPathData();

    /// <summary>The same sequence for every path of a model, another for every model.</summary>
    internal static float[] SequenceFor(string name, int steps) =>
        Inputs.Sequence(steps, Cases.Get(name).Spec.InputSize, seed: 17 + 1000 * Array.IndexOf(Cases.Names, name));

    [Theory]
    [MemberData(nameof(NameAndPath))]
    public void MatchesReferenceOverLongSequences(string name, VectorPath path)
    {
        var harness = Cases.Get(name);
        var spec = harness.Spec;
        float[] sequence = SequenceFor(name, Steps);
        var trace = harness.Run(sequence, path, Checkpoints);

        var reference = new ReferenceModel<double>(harness.Weights);
        var state = reference.CreateState();
        double[] wide = EngineOutputs.Widen<float>(sequence);
        var expected = new double[spec.OutputSize];
        var predictions = new MaxDelta();
        int next = 0;
        for (int t = 0; t < Steps; t++)
        {
            reference.Step(wide.AsSpan(t * spec.InputSize, spec.InputSize), state);
            if (next < Checkpoints.Length && Checkpoints[next] == t + 1)
            {
                reference.Predict(state, expected);
                predictions.Add(trace.Predictions[next], expected, $"y after step {t + 1}");
                next++;
            }
        }

        var expectedState = new List<double>();
        for (int k = 0; k < spec.Layers; k++)
            expectedState.AddRange(state.Hidden(k).ToArray());
        if (spec.Cell == CellKind.Lstm)
        {
            for (int k = 0; k < spec.Layers; k++)
                expectedState.AddRange(state.Cell(k).ToArray());
        }
        var states = new MaxDelta();
        states.Add(trace.FinalState, expectedState.ToArray(), "final state");

        output.WriteLine($"{name} {spec} on {path}: max |Δ| vs reference<double>: predictions {predictions}, final state {states}");
        Assert.True(predictions.Value <= Tolerance, $"{name} on {path}: predictions differ from the reference by {predictions}");
        Assert.True(states.Value <= Tolerance, $"{name} on {path}: the final state differs from the reference by {states}");
    }

    // A NaN observation must not pass for a saturated value anywhere in the kernel (the activations' clamps keep NaN
    // by their operand order, which the compiler must not swap once inlined): every forecast of the window is NaN.
    [Theory]
    [MemberData(nameof(NameAndPath))]
    public void A_NaN_input_gives_NaN_forecasts(string name, VectorPath path)
    {
        var harness = Cases.Get(name);
        float[] window = SequenceFor(name, 12);
        window[5 * harness.Spec.InputSize] = float.NaN;
        float[] forecast = harness.Forecast(window, path);
        Assert.All(forecast, y => Assert.True(float.IsNaN(y), $"{name} on {path}: {y} where NaN was due"));
    }

    [Theory]
    [MemberData(nameof(NameAndPath))]
    public void ForecastsMatchOnnxRuntime(string name, VectorPath path)
    {
        var harness = Cases.Get(name);
        var ort = Sessions.GetOrAdd(harness.Weights, w => new Lazy<OrtForecaster>(() => new OrtForecaster(w.Spec, ForecasterOnnxExport.Export(w)))).Value;
        float[] sequence = SequenceFor(name, Steps);
        int inputSize = harness.Spec.InputSize;
        var delta = new MaxDelta();
        foreach (var (start, length) in Windows)
        {
            float[] window = sequence.AsSpan(start * inputSize, length * inputSize).ToArray();
            double[] expected = ort.Run(window).Forecast;
            float[] actual = harness.Forecast(window, path);
            delta.Add(actual, expected, $"window [{start}, {start + length})");
            if (path == VectorPath.Auto)
            {
                // The generated Forecast is the Auto path from the zero state, bit for bit.
                Bits.Equal(actual, harness.Forecast(window), $"{name}: Forecast vs Step/Predict on Auto, window [{start}, {start + length})");
            }
        }
        output.WriteLine($"{name} {harness.Spec} on {path}: max |Δ| of Forecast vs ONNX Runtime: {delta}");
        Assert.True(delta.Value <= Tolerance, $"{name} on {path}: forecasts differ from ONNX Runtime by {delta}");
    }

    [Theory]
    [MemberData(nameof(NameAndPath))]
    public void SaturatingInputsMatchReference(string name, VectorPath path)
    {
        // Inputs far outside the training range drive every gate into saturation (the activations clamp at ±87).
        var harness = Cases.Get(name);
        var spec = harness.Spec;
        var random = new Random(99);
        float[] magnitudes = [30f, 1e3f, 1e6f, 1e20f];
        float[] sequence = new float[200 * spec.InputSize];
        for (int i = 0; i < sequence.Length; i++)
            sequence[i] = magnitudes[random.Next(magnitudes.Length)] * (random.Next(2) == 0 ? -1 : 1) * (float)(0.5 + random.NextDouble());
        var trace = harness.Run(sequence, path, [1, 50, 200]);

        var reference = new ReferenceModel<double>(harness.Weights);
        var state = reference.CreateState();
        reference.Run(EngineOutputs.Widen<float>(sequence), state);
        var expected = new double[spec.OutputSize];
        reference.Predict(state, expected);
        var delta = new MaxDelta();
        delta.Add(trace.Predictions[2], expected, "y after step 200");
        // h is bounded by 1 (c of an LSTM is not); nothing may overflow.
        Assert.All(trace.FinalState, v => Assert.True(float.IsFinite(v), $"{name} on {path}: state value {v}"));
        Assert.All(trace.FinalState.Take(spec.Layers * spec.HiddenSize), v => Assert.True(Math.Abs(v) <= 1f, $"{name} on {path}: h value {v}"));
        Assert.True(delta.Value <= Tolerance, $"{name} on {path}: saturated predictions differ from the reference by {delta}");
    }

    [Theory]
    [MemberData(nameof(Cases.NameData), MemberType = typeof(Cases))]
    public void RunIsStepOverTheSequence(string name)
    {
        var harness = Cases.Get(name);
        float[] sequence = SequenceFor(name, 300);
        var trace = harness.Run(sequence, VectorPath.Auto, [300]);
        var (prediction, state) = harness.RunApi(sequence);
        Bits.Equal(trace.Predictions[0], prediction, $"{name}: Run then Predict");
        Bits.Equal(trace.FinalState, state, $"{name}: Run's final state");
    }
}
