using System;
using GruNative;

namespace SegmentForecaster.Persistence;

/// <summary>
/// What a saved history belongs to: the model's shape and the SHA-256 of the weights file it was baked from. The
/// history holds observations already standardised with those weights' scaler, and a forecast from it only means
/// something to those weights: another model's file would load without error and forecast nonsense, so it is refused.
/// </summary>
internal sealed class ModelIdentity
{
    /// <summary>Bytes of a SHA-256 digest.</summary>
    public const int HashLength = 32;

    private readonly byte[] _weightsSha256;

    public ModelIdentity(SegmentModelSpec spec, ReadOnlySpan<byte> weightsSha256)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (weightsSha256.Length != HashLength)
            throw new ArgumentException($"A SHA-256 digest has {HashLength} bytes, not {weightsSha256.Length}.", nameof(weightsSha256));
        Spec = spec;
        _weightsSha256 = weightsSha256.ToArray();
    }

    /// <summary>The identity of the baked model: its declared shape and the hash the build computed (BakedWeightsHash).</summary>
    public static ModelIdentity Baked { get; } = new(OilTemperatureForecaster.Spec, Convert.FromHexString(BakedWeightsHash.Sha256));

    public SegmentModelSpec Spec { get; }

    public ReadOnlySpan<byte> WeightsSha256 => _weightsSha256;

    /// <summary>True when both describe the same shape and the same weights.</summary>
    public bool Matches(ModelIdentity other) => Spec.Equals(other.Spec) && WeightsSha256.SequenceEqual(other.WeightsSha256);

    /// <summary>"SegRNN GRU L=336 H=96 …, weights sha256 1f0c…", as messages give it.</summary>
    public override string ToString() => $"{Spec}, weights sha256 {Convert.ToHexStringLower(_weightsSha256)}";
}
