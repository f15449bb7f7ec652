using System;
using System.Collections.Generic;
using GruNative.Reference;

namespace GruNative.TestKit;

/// <summary>The three pairwise distances between the float reference, the double reference and an independent engine, over all sequences of a case.</summary>
/// <param name="FloatVsEngine">ReferenceModel&lt;float&gt; vs the engine.</param>
/// <param name="DoubleVsEngine">ReferenceModel&lt;double&gt; vs the engine.</param>
/// <param name="FloatVsDouble">The two references against each other: how much of the above is float rounding rather than disagreement.</param>
public sealed record ParityResult(Delta FloatVsEngine, Delta DoubleVsEngine, Delta FloatVsDouble);

/// <summary>
/// Runs the references and an independent engine (ONNX Runtime, libtorch) side by side and measures how far apart
/// they land. Used by every parity project, so each engine is held to the same comparison.
/// </summary>
public static class EngineComparison
{
    /// <summary>
    /// Runs <paramref name="sequences"/> through the float and double references built from
    /// <paramref name="referenceWeights"/> and through <paramref name="engine"/> (zero state, whole sequence, head on
    /// the last h). Normally the engine holds the same weights; the sensitivity tests give it deliberately wrong ones.
    /// </summary>
    public static ParityResult Measure(ModelWeights referenceWeights, Func<float[], EngineOutputs> engine, IEnumerable<float[]> sequences)
    {
        var single = new ReferenceModel<float>(referenceWeights);
        var wide = new ReferenceModel<double>(referenceWeights);
        Delta floatVsEngine = Delta.None, doubleVsEngine = Delta.None, floatVsDouble = Delta.None;
        foreach (float[] sequence in sequences)
        {
            var fromFloat = ReferenceRunner<float>.Run(single, sequence);
            var fromDouble = ReferenceRunner<double>.Run(wide, sequence);
            var fromEngine = engine(sequence);
            int steps = sequence.Length / referenceWeights.Spec.InputSize;
            floatVsEngine = Delta.Max(floatVsEngine, InSequence(steps, EngineOutputs.MaxDelta(fromFloat, fromEngine)));
            doubleVsEngine = Delta.Max(doubleVsEngine, InSequence(steps, EngineOutputs.MaxDelta(fromDouble, fromEngine)));
            floatVsDouble = Delta.Max(floatVsDouble, InSequence(steps, EngineOutputs.MaxDelta(fromFloat, fromDouble)));
        }
        return new ParityResult(floatVsEngine, doubleVsEngine, floatVsDouble);
    }

    private static Delta InSequence(int steps, Delta delta) => delta with { Where = $"{delta.Where} (T={steps})" };
}
