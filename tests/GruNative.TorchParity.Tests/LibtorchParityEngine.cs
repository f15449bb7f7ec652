namespace GruNative.TorchParity.Tests;

/// <summary>libtorch as a parity engine: the weights copied into a fresh <see cref="TorchForecaster"/> (nn.GRU/nn.LSTM + nn.Linear).</summary>
public sealed class LibtorchParityEngine : IParityEngine
{
    public static LibtorchParityEngine Instance { get; } = new();

    public string Name => "libtorch";

    public EngineSession Open(ModelWeights weights)
    {
        var module = new TorchForecaster(weights.Spec);
        ForecasterTensors.CopyInto(weights, module);
        return new EngineSession(module.Forward, module);
    }
}
