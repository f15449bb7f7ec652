using System;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Persistence;

/// <summary>
/// What a saved history belongs to: the model's shape and the SHA-256 of the weights file it was baked from. The
/// history holds observations already standardised with those weights' scaler, and a forecast from it only means
/// something to those weights: another model's file would load without error and forecast nonsense, so it is refused.
/// </summary>
internal sealed class ModelIdentity(SegmentModelSpec spec, ReadOnlySpan<byte> weightsSha256)
    : WeightsIdentity<SegmentModelSpec>(spec, weightsSha256)
{
    /// <summary>The identity of the baked model: its declared shape and the hash the build computed (BakedWeightsHash).</summary>
    public static ModelIdentity Baked { get; } = new(OilTemperatureForecaster.Spec, Convert.FromHexString(BakedWeightsHash.Sha256));
}
