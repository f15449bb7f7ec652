using System;
using System.ComponentModel;

namespace GruNative.Kernels;

// The runtime's side of the layout: packing a loaded ModelWeights for a generated kernel.
// Plumbing of generated code: public because generated kernels call it, hidden from completion (as System.Text.Json
// hides JsonMetadataServices) because users never need to.
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class KernelLayout
{
    /// <summary>
    /// Packs <paramref name="weights"/> for the generated kernel of a model declared as <paramref name="declared"/>,
    /// on a 64-byte boundary (<see cref="PackedWeights"/>); generated <c>Load</c> methods call this once, at load time.
    /// </summary>
    /// <exception cref="WeightsFormatException">The weights describe another model than the declared one.</exception>
    public static PackedWeights Pack(ModelWeights weights, ModelSpec declared, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(declared);
        var spec = weights.Spec;
        if (!spec.Equals(declared))
            throw new WeightsFormatException(sourceName, null, $"the weights hold {spec} but the model is declared as {declared}");

        var layers = new float[spec.Layers][][];
        for (int k = 0; k < spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            layers[k] = [layer.WeightIh.ToArray(), layer.WeightHh.ToArray(), layer.BiasIh.ToArray(), layer.BiasHh.ToArray()];
        }
        var packed = new PackedWeights(ModelLength(spec));
        var (buffer, start) = packed.Destination;
        PackModel(spec, layers, weights.HeadWeight.ToArray(), weights.HeadBias.ToArray(), buffer, start);
        return packed;
    }
}
