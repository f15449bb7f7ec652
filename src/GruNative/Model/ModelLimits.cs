using GruNative.Kernels;

namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too. The type states no accessibility here, so it is
// internal in the generator; SharedSourceAccessibility.cs makes it public in the runtime.

/// <summary>
/// Every size limit, in one table. Any model (<see cref="ModelSpec"/>, the weights readers, the reference and the
/// trainer) may be as large as <see cref="MaxDimension"/> and <see cref="MaxLayers"/>; a generated kernel is held to
/// the narrower <c>MaxKernel…</c> limits, because its <c>State</c> lives inline in a struct, often on the stack, and its
/// source and baked data grow with the shape. The generator reports a declaration beyond them as GRUN003.
/// </summary>
static partial class ModelLimits
{
    /// <summary>Largest size of any dimension (I, H, O) of any model; keeps every tensor's element count within <see cref="int"/>.</summary>
    public const int MaxDimension = 1 << 14;

    /// <summary>Largest number of layers of any model.</summary>
    public const int MaxLayers = 64;

    /// <summary>Largest I of a generated kernel.</summary>
    public const int MaxKernelInputSize = 4096;

    /// <summary>Largest H of a generated kernel.</summary>
    public const int MaxKernelHiddenSize = 2048;

    /// <summary>Largest O of a generated kernel.</summary>
    public const int MaxKernelOutputSize = 4096;

    /// <summary>Largest L of a generated kernel.</summary>
    public const int MaxKernelLayers = 16;

    /// <summary>Largest state of a generated kernel, in floats of its padded vectors (L·Pad(H), twice that for LSTM): 128 KiB.</summary>
    public const int MaxKernelStateFloats = 32768;

    /// <summary>
    /// The generated-kernel limits that a declaration's sizes break, each as the size's name (as the attribute spells
    /// it), its value and its limit; empty when a kernel can be generated. The state is checked only once every size is
    /// within its own limit.
    /// </summary>
    internal static (string Name, long Value, long Max)[] FindKernelViolations(CellKind cell, int inputSize, int hiddenSize, int layers, int outputSize)
    {
        var violations = new System.Collections.Generic.List<(string Name, long Value, long Max)>();
        void Check(string name, int value, int max)
        {
            if (value < 1 || value > max)
                violations.Add((name, value, max));
        }
        Check("inputSize", inputSize, MaxKernelInputSize);
        Check("hiddenSize", hiddenSize, MaxKernelHiddenSize);
        Check("outputSize", outputSize, MaxKernelOutputSize);
        Check("Layers", layers, MaxKernelLayers);
        long stateFloats = (long)cell.StateVectorCount() * layers * KernelLayout.Pad(hiddenSize);
        if (violations.Count == 0 && stateFloats > MaxKernelStateFloats)
        {
            string name = "the state (Layers × hiddenSize" + (cell.StateVectorCount() == 2 ? " × 2" : "") + ", in floats)";
            violations.Add((name, stateFloats, MaxKernelStateFloats));
        }
        return violations.ToArray();
    }

    /// <summary>
    /// The generated-kernel limits that a segment model's sizes break, as <see cref="FindKernelViolations"/> reports them:
    /// d is the recurrent layer's H (and its input), w the predict head's O and the embedding's input; L and H up to
    /// <see cref="MaxDimension"/>; the device's ring buffer of the last L observations of every channel (L × max(C, 1)
    /// floats, inline in a struct) within <see cref="MaxKernelStateFloats"/>.
    /// </summary>
    internal static (string Name, long Value, long Max)[] FindSegmentKernelViolations(int lookback, int horizon, int segmentLength, int hiddenSize, int channels)
    {
        var violations = new System.Collections.Generic.List<(string Name, long Value, long Max)>();
        void Check(string name, int value, int min, int max)
        {
            if (value < min || value > max)
                violations.Add((name, value, max));
        }
        Check("lookback", lookback, 1, MaxDimension);
        Check("horizon", horizon, 1, MaxDimension);
        Check("segmentLength", segmentLength, 1, MaxKernelOutputSize);
        Check("hiddenSize", hiddenSize, 1, MaxKernelHiddenSize);
        Check("Channels", channels, 0, MaxDimension);
        long historyFloats = (long)lookback * System.Math.Max(channels, 1);
        if (violations.Count == 0 && historyFloats > MaxKernelStateFloats)
            violations.Add(("the history (lookback × Channels, in floats)", historyFloats, MaxKernelStateFloats));
        return violations.ToArray();
    }
}
