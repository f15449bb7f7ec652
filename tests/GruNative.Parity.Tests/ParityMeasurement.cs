using System.Collections.Generic;
using GruNative.TestKit.Onnx;

namespace GruNative.Parity.Tests;

/// <summary>The references against ONNX Runtime (<see cref="EngineComparison"/> with an ORT session as the engine).</summary>
public static class ParityMeasurement
{
    /// <summary>
    /// Runs <paramref name="sequences"/> through the references and through ONNX Runtime on <paramref name="onnxModel"/>,
    /// all in one session. Normally the ONNX model is exported from the same weights; the sensitivity tests give it
    /// deliberately wrong ones.
    /// </summary>
    public static ParityResult Measure(ModelWeights referenceWeights, byte[] onnxModel, IEnumerable<float[]> sequences)
    {
        using var ort = new OrtForecaster(referenceWeights.Spec, onnxModel);
        return EngineComparison.Measure(referenceWeights, ort.Run, sequences);
    }
}
