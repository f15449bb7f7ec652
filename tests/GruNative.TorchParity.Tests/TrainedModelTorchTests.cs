namespace GruNative.TorchParity.Tests;

/// <summary>A model the trainer learnt, loaded into libtorch's nn.GRU/nn.LSTM and nn.Linear, forecasts what the trainer forecasts.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class TrainedModelTorchTests
{
    [Theory]
    [InlineData(CellKind.Gru, 2)]
    [InlineData(CellKind.Lstm, 1)]
    public void Exported_weights_forecast_the_same_in_libtorch(CellKind cell, int layers) =>
        Assert.InRange(TrainedModelComparison.MaxDelta(LibtorchParityEngine.Instance, cell, layers), 0, 1e-5);
}
