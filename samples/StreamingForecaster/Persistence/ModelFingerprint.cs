using System;
using GruNative;

namespace StreamingForecaster.Persistence;

/// <summary>
/// What a saved state belongs to: the model's shape (cell, I, H, L, O) and the SHA-256 of the weights file it was
/// baked from. A state is a point in one model's hidden space; given to another model — another shape, or the same
/// shape with retrained weights — it would run without error and forecast nonsense, so a state file carries this and
/// any other model refuses it.
/// </summary>
internal sealed class ModelFingerprint
{
    /// <summary>Bytes of a SHA-256 digest.</summary>
    public const int HashLength = 32;

    private readonly byte[] _weightsSha256;

    public ModelFingerprint(ModelSpec spec, ReadOnlySpan<byte> weightsSha256)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (weightsSha256.Length != HashLength)
            throw new ArgumentException($"A SHA-256 digest has {HashLength} bytes, not {weightsSha256.Length}.", nameof(weightsSha256));
        Spec = spec;
        _weightsSha256 = weightsSha256.ToArray();
    }

    /// <summary>The fingerprint of a model of shape <paramref name="spec"/> whose weights file has the given SHA-256 (64 hex digits).</summary>
    public ModelFingerprint(ModelSpec spec, string weightsSha256Hex) : this(spec, Convert.FromHexString(weightsSha256Hex))
    {
    }

    /// <summary>The shape.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The SHA-256 of the weights file the model was made from.</summary>
    public ReadOnlySpan<byte> WeightsSha256 => _weightsSha256;

    /// <summary>True when both describe the same shape and the same weights.</summary>
    public bool Matches(ModelFingerprint other) =>
        Spec.Equals(other.Spec) && WeightsSha256.SequenceEqual(other.WeightsSha256);

    /// <summary>"GRU(I=3, H=64, L=2) → Dense(64 → 24), weights sha256 1f0c…": the whole fingerprint, as messages give it.</summary>
    public override string ToString() => $"{Spec}, weights sha256 {Convert.ToHexStringLower(_weightsSha256)}";
}
