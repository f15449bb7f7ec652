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
    public static PackedWeights Pack(ModelWeights weights, ModelSpec declared, string sourceName) =>
        Pack(weights, declared, sourceName, WeightPrecision.Fp32);

    /// <summary>
    /// Like <see cref="Pack(ModelWeights, ModelSpec, string)"/>, storing the layers' rows with <paramref name="precision"/>
    /// (bfloat16: each weight rounded to nearest, ties to even, <see cref="BFloat16Rounding"/>).
    /// </summary>
    /// <exception cref="WeightsFormatException">The weights describe another model than the declared one, or a weight is beyond bfloat16's range.</exception>
    public static PackedWeights Pack(ModelWeights weights, ModelSpec declared, string sourceName, WeightPrecision precision)
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
        var packed = new PackedWeights(ModelLength(spec, precision));
        var (buffer, start) = packed.Destination;
        try
        {
            PackModel(spec, layers, weights.HeadWeight.ToArray(), weights.HeadBias.ToArray(), buffer, start, precision);
        }
        catch (ArgumentException e) when (precision == WeightPrecision.BFloat16)
        {
            // The sizes match (checked above) and loaded weights are finite, so what fails here is a weight beyond
            // bfloat16's range.
            throw new WeightsFormatException(sourceName, null,
                "a layer weight is beyond bfloat16's largest finite value (about 3.39e38); declare this model with WeightPrecision.Fp32", e);
        }
        return packed;
    }
}
