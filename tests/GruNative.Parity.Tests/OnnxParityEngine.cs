using GruNative.TestKit.Onnx;

namespace GruNative.Parity.Tests;

/// <summary>ONNX Runtime as a parity engine: the weights exported as an ONNX GRU/LSTM graph, run in one session.</summary>
public sealed class OnnxParityEngine : IParityEngine
{
    public static OnnxParityEngine Instance { get; } = new();

    public string Name => "ONNX Runtime";

    public EngineSession Open(ModelWeights weights)
    {
        var ort = new OrtForecaster(weights.Spec, ForecasterOnnxExport.Export(weights));
        return new EngineSession(ort.Run, ort);
    }
}
