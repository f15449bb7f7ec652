namespace GruNative.Parity.Tests;

/// <summary>
/// A model the trainer learnt, exported, forecasts in ONNX Runtime what the trainer's own forward pass forecasts: the
/// weights file carries everything (names, shapes, gate order) an independent engine needs.
/// </summary>
public class TrainedModelParityTests
{
    [Theory]
    [InlineData(CellKind.Gru, 1)]
    [InlineData(CellKind.Lstm, 2)]
    public void Exported_weights_forecast_the_same_in_ONNX_Runtime(CellKind cell, int layers) =>
        Assert.InRange(TrainedModelComparison.MaxDelta(OnnxParityEngine.Instance, cell, layers), 0, 1e-5);
}
