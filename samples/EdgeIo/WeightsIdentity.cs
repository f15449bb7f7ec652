using System;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// What a saved state belongs to: the model's shape (<typeparamref name="TSpec"/>) and the SHA-256 of the weights file it
/// was baked from. Given to another model — another shape, or the same shape with retrained weights — a state would load
/// without error and forecast nonsense, so a state file carries this and any other model refuses it.
/// </summary>
/// <typeparam name="TSpec">The kind of shape: a recurrent model's or a segment-recurrent model's spec.</typeparam>
public abstract class WeightsIdentity<TSpec>
    where TSpec : class
{
    /// <summary>Bytes of a SHA-256 digest.</summary>
    public const int HashLength = 32;

    private readonly byte[] _weightsSha256;

    /// <exception cref="ArgumentException"><paramref name="weightsSha256"/> is not a SHA-256 digest.</exception>
    protected WeightsIdentity(TSpec spec, ReadOnlySpan<byte> weightsSha256)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (weightsSha256.Length != HashLength)
            throw new ArgumentException($"A SHA-256 digest has {HashLength} bytes, not {weightsSha256.Length}.", nameof(weightsSha256));
        Spec = spec;
        _weightsSha256 = weightsSha256.ToArray();
    }

    /// <summary>The shape.</summary>
    public TSpec Spec { get; }

    /// <summary>The SHA-256 of the weights file the model was made from.</summary>
    public ReadOnlySpan<byte> WeightsSha256 => _weightsSha256;

    /// <summary>True when both describe the same shape and the same weights.</summary>
    public bool Matches(WeightsIdentity<TSpec> other) =>
        Spec.Equals(other.Spec) && WeightsSha256.SequenceEqual(other.WeightsSha256);

    /// <summary>"GRU(I=3, H=64, L=2) → Dense(64 → 24), weights sha256 1f0c…": the shape and the weights, as messages give them.</summary>
    public override string ToString() => $"{Spec}, weights sha256 {Convert.ToHexStringLower(_weightsSha256)}";
}
