using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace GruNative.Kernels;

// The runtime's side of the segment layout: packing a loaded SegmentModelWeights for a generated kernel.
// Plumbing of generated code: public because generated kernels call it, hidden from completion because users never need to.
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class SegmentKernelLayout
{
    /// <summary>
    /// Packs <paramref name="weights"/> for the generated kernel of a model declared as <paramref name="declared"/>, on a
    /// 64-byte boundary (<see cref="PackedWeights"/>); generated <c>Load</c> methods call this once, at load time.
    /// </summary>
    /// <exception cref="WeightsFormatException">The weights describe another model than the declared one.</exception>
    public static PackedWeights Pack(SegmentModelWeights weights, SegmentModelSpec declared, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(declared);
        if (!weights.Spec.Equals(declared))
            throw new WeightsFormatException(sourceName, null, $"the weights hold {weights.Spec} but the model is declared as {declared}");
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, _) in SegmentTensors.Expected(declared))
            tensors.Add(name, weights.Tensor(name).ToArray());
        var packed = new PackedWeights(ModelLength(declared));
        var (buffer, start) = packed.Destination;
        Pack(declared, tensors, buffer, start);
        return packed;
    }
}
