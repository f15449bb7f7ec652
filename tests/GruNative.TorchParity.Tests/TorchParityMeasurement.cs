namespace GruNative.TorchParity.Tests;

/// <summary>The references against libtorch (<see cref="EngineComparison"/> with the module's forward pass as the engine).</summary>
public static class TorchParityMeasurement
{
    /// <summary>
    /// Runs every sequence through the references built from <paramref name="referenceWeights"/> and through
    /// <paramref name="module"/>. Normally the module holds the same weights; the sensitivity tests change one.
    /// </summary>
    public static ParityResult Measure(ModelWeights referenceWeights, TorchForecaster module, IEnumerable<float[]> sequences) =>
        EngineComparison.Measure(referenceWeights, module.Forward, sequences);
}
