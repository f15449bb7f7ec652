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

    /// <summary>Measures a grid case: its weights copied into a fresh module, on its own sequences.</summary>
    public static ParityResult Measure(TorchParityCase parityCase)
    {
        var weights = parityCase.CreateWeights();
        using var module = new TorchForecaster(weights.Spec);
        ForecasterTensors.CopyInto(weights, module);
        return Measure(weights, module, parityCase.SequenceLengths.Select(parityCase.CreateSequence));
    }
}
