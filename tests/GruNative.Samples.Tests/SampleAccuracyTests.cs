using System.Collections.Concurrent;
using GruNative.TestKit;
using GruNative.Kernels;
using GruNative.TestKit.Onnx;
using GruNative.Reference;
using Xunit.Abstractions;

namespace GruNative.Samples.Tests;

/// <summary>
/// Each of the sample's models on every vector path, over 1,000 steps of inputs U(−2, 2) from the zero state, against
/// the double-precision reference and ONNX Runtime: the top layer's h after every step, the head's output after the
/// last, and every layer's final h (and c), within 1e-5.
/// </summary>
public class SampleAccuracyTests(ITestOutputHelper output)
{
    public const double Tolerance = 1e-5;
    private const int Steps = 1000;
    private static readonly ConcurrentDictionary<string, Lazy<(EngineOutputs Reference, EngineOutputs Onnx)>> Expected = new();

    public static TheoryData<string, VectorPath> NameAndPath() => SampleModel.NameAndPathData();

    [Theory]
    [MemberData(nameof(NameAndPath))]
    public void MatchesReferenceAndOnnxRuntime(string name, VectorPath path)
    {
        var model = SampleModel.Get(name);
        float[] sequence = SequenceFor(model);
        var (reference, onnx) = Expected.GetOrAdd(name, _ => new(() => Run(model.Weights, sequence))).Value;
        var actual = model.Outputs(sequence, path);

        var vsReference = EngineOutputs.MaxDelta(actual, reference);
        var vsOnnx = EngineOutputs.MaxDelta(actual, onnx);
        output.WriteLine($"{name} {model.Weights.Spec} on {path}, {Steps} steps: max |Δ| vs reference<double> {vsReference}; vs ONNX Runtime {vsOnnx}");
        Assert.True(vsReference.Value <= Tolerance, $"{name} on {path}: differs from the reference by {vsReference}");
        Assert.True(vsOnnx.Value <= Tolerance, $"{name} on {path}: differs from ONNX Runtime by {vsOnnx}");

        // The generated Forecast over the whole sequence is the Auto path's Step/Predict, bit for bit.
        if (path == VectorPath.Auto)
            Bits.Equal(actual.Forecast.Select(v => (float)v).ToArray(), model.Harness.Forecast(sequence), $"{name}: Forecast vs Step/Predict");
    }

    /// <summary>One sequence per cell, shared by the baked model and its loaded twin.</summary>
    private static float[] SequenceFor(SampleModel model) =>
        Inputs.Sequence(Steps, model.Weights.Spec.InputSize, seed: model.Weights.Spec.Cell == CellKind.Gru ? 11 : 12);

    private static (EngineOutputs, EngineOutputs) Run(ModelWeights weights, float[] sequence)
    {
        var reference = ReferenceRunner<double>.Run(new ReferenceModel<double>(weights), sequence);
        using var ort = new OrtForecaster(weights.Spec, ForecasterOnnxExport.Export(weights));
        return (reference, ort.Run(sequence));
    }
}
