namespace GruNative.TorchParity.Tests;

/// <summary>The TorchSharp module really is the PyTorch module GruNative's tensor names describe.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class TorchForecasterTests
{
    [Theory]
    [InlineData(CellKind.Gru, 1)]
    [InlineData(CellKind.Lstm, 3)]
    public void Its_state_dict_has_exactly_PyTorchs_names_and_shapes(CellKind cell, int layers)
    {
        var spec = new ModelSpec(cell, inputSize: 2, hiddenSize: 5, layers, outputSize: 3);
        using var module = new TorchForecaster(spec);

        var expected = PyTorchTensors.Expected(spec)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, PyTorchTensors.Format(e.Value)));
        var actual = module.state_dict()
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, PyTorchTensors.Format(e.Value.shape)));
        Assert.Equal(expected, actual);
    }
}
