using System;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Persistence;

/// <summary>
/// What a saved state belongs to: the model's shape (cell, I, H, L, O) and the SHA-256 of the weights file it was
/// baked from. A state is a point in one model's hidden space; given to another model — another shape, or the same
/// shape with retrained weights — it would run without error and forecast nonsense, so a state file carries this and
/// any other model refuses it.
/// </summary>
internal sealed class ModelFingerprint(ModelSpec spec, ReadOnlySpan<byte> weightsSha256)
    : WeightsIdentity<ModelSpec>(spec, weightsSha256)
{
    /// <summary>The fingerprint of a model of shape <paramref name="spec"/> whose weights file has the given SHA-256 (64 hex digits).</summary>
    public ModelFingerprint(ModelSpec spec, string weightsSha256Hex) : this(spec, Convert.FromHexString(weightsSha256Hex))
    {
    }
}
