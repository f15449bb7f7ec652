using System.Collections.Generic;
using GruNative.Parity.Tests.Onnx;
using GruNative.Reference;

namespace GruNative.Parity.Tests;

/// <summary>The three pairwise distances between the float reference, the double reference and ONNX Runtime, over all sequences of a case.</summary>
/// <param name="FloatVsOrt">ReferenceModel&lt;float&gt; vs ONNX Runtime.</param>
/// <param name="DoubleVsOrt">ReferenceModel&lt;double&gt; vs ONNX Runtime.</param>
/// <param name="FloatVsDouble">The two references against each other: how much of the above is float rounding rather than disagreement.</param>
public sealed record ParityResult(Delta FloatVsOrt, Delta DoubleVsOrt, Delta FloatVsDouble);

/// <summary>Runs the references and ONNX Runtime side by side and measures how far apart they land.</summary>
public static class ParityMeasurement
{
    /// <summary>
    /// Runs <paramref name="sequences"/> through the reference built from <paramref name="referenceWeights"/>
    /// and through ONNX Runtime on <paramref name="onnxModel"/>, all in one session. Normally the ONNX model
    /// is exported from the same weights; the sensitivity tests give it deliberately wrong ones.
    /// </summary>
    public static ParityResult Measure(ModelWeights referenceWeights, byte[] onnxModel, IEnumerable<float[]> sequences)
    {
        var single = new ReferenceModel<float>(referenceWeights);
        var wide = new ReferenceModel<double>(referenceWeights);
        using var ort = new OrtForecaster(referenceWeights.Spec, onnxModel);

        Delta floatVsOrt = Delta.None, doubleVsOrt = Delta.None, floatVsDouble = Delta.None;
        foreach (float[] sequence in sequences)
        {
            var fromFloat = ReferenceRunner<float>.Run(single, sequence);
            var fromDouble = ReferenceRunner<double>.Run(wide, sequence);
            var fromOrt = ort.Run(sequence);
            int steps = sequence.Length / referenceWeights.Spec.InputSize;
            floatVsOrt = Delta.Max(floatVsOrt, InSequence(steps, EngineOutputs.MaxDelta(fromFloat, fromOrt)));
            doubleVsOrt = Delta.Max(doubleVsOrt, InSequence(steps, EngineOutputs.MaxDelta(fromDouble, fromOrt)));
            floatVsDouble = Delta.Max(floatVsDouble, InSequence(steps, EngineOutputs.MaxDelta(fromFloat, fromDouble)));
        }
        return new ParityResult(floatVsOrt, doubleVsOrt, floatVsDouble);
    }

    /// <summary>Measures a grid case: its own weights, exported correctly, on its own sequences.</summary>
    public static ParityResult Measure(ParityCase parityCase)
    {
        var weights = parityCase.CreateWeights();
        var sequences = new List<float[]>();
        foreach (int steps in parityCase.SequenceLengths)
            sequences.Add(parityCase.CreateSequence(steps));
        return Measure(weights, ForecasterOnnxExport.Export(weights), sequences);
    }

    private static Delta InSequence(int steps, Delta delta) => delta with { Where = $"{delta.Where} (T={steps})" };
}
