using GruNative.Reference;

using GruNative.Parity.Tests;

namespace GruNative.TorchParity.Tests;

/// <summary>The pairwise distances between the float reference, the double reference and libtorch, over all sequences of a case.</summary>
/// <param name="FloatVsTorch">ReferenceModel&lt;float&gt; vs libtorch.</param>
/// <param name="DoubleVsTorch">ReferenceModel&lt;double&gt; vs libtorch.</param>
/// <param name="FloatVsDouble">The two references against each other: how much of the above is float32 rounding rather than disagreement.</param>
public sealed record TorchParityResult(Delta FloatVsTorch, Delta DoubleVsTorch, Delta FloatVsDouble);

/// <summary>Runs the references and libtorch side by side and measures how far apart they land.</summary>
public static class TorchParityMeasurement
{
    /// <summary>
    /// Runs every sequence through the references built from <paramref name="referenceWeights"/> and through
    /// <paramref name="module"/>. Normally the module holds the same weights; the sensitivity tests change one.
    /// </summary>
    public static TorchParityResult Measure(ModelWeights referenceWeights, TorchForecaster module, IEnumerable<float[]> sequences)
    {
        var single = new ReferenceModel<float>(referenceWeights);
        var wide = new ReferenceModel<double>(referenceWeights);
        Delta floatVsTorch = Delta.None, doubleVsTorch = Delta.None, floatVsDouble = Delta.None;
        foreach (float[] sequence in sequences)
        {
            var fromFloat = ReferenceRunner<float>.Run(single, sequence);
            var fromDouble = ReferenceRunner<double>.Run(wide, sequence);
            var fromTorch = module.Forward(sequence);
            int steps = sequence.Length / referenceWeights.Spec.InputSize;
            floatVsTorch = Delta.Max(floatVsTorch, At(steps, EngineOutputs.MaxDelta(fromFloat, fromTorch)));
            doubleVsTorch = Delta.Max(doubleVsTorch, At(steps, EngineOutputs.MaxDelta(fromDouble, fromTorch)));
            floatVsDouble = Delta.Max(floatVsDouble, At(steps, EngineOutputs.MaxDelta(fromFloat, fromDouble)));
        }
        return new TorchParityResult(floatVsTorch, doubleVsTorch, floatVsDouble);
    }

    /// <summary>Measures a grid case: its weights copied into a fresh module, on its own sequences.</summary>
    public static TorchParityResult Measure(TorchParityCase parityCase)
    {
        var weights = parityCase.CreateWeights();
        using var module = new TorchForecaster(weights.Spec);
        ForecasterTensors.CopyInto(weights, module);
        return Measure(weights, module, parityCase.SequenceLengths.Select(parityCase.CreateSequence));
    }

    private static Delta At(int steps, Delta delta) => delta with { Where = $"{delta.Where} (T={steps})" };
}
