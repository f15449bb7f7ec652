using System;

namespace GruNative;

/// <summary>
/// The recurrent state of a generated model, held inline in a struct. <c>default</c> is the zero state PyTorch starts
/// from; <see cref="CopyTo"/> and <see cref="CopyFrom"/> persist and restore it as <see cref="Length"/> floats
/// (h of every layer, then, for LSTM, c of every layer, H each).
/// </summary>
/// <typeparam name="TSelf">The generated state type.</typeparam>
public interface IRecurrentState<TSelf> where TSelf : struct, IRecurrentState<TSelf>
{
    /// <summary>Floats in a saved state: L·H for GRU, 2·L·H for LSTM.</summary>
    static abstract int Length { get; }

    /// <summary>A state holding <paramref name="source"/>, laid out as <see cref="CopyTo"/> writes it (see <see cref="CopyFrom"/>).</summary>
    /// <exception cref="ArgumentException">The length is wrong or a value is not finite.</exception>
    static abstract TSelf From(ReadOnlySpan<float> source);

    /// <summary>Writes the state as <see cref="Length"/> floats.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not hold exactly <see cref="Length"/> floats.</exception>
    void CopyTo(Span<float> destination);

    /// <summary>Replaces the state with <see cref="Length"/> floats laid out as <see cref="CopyTo"/> writes them.</summary>
    /// <exception cref="ArgumentException">The length is wrong or a value is not finite; the state is then unchanged.</exception>
    void CopyFrom(ReadOnlySpan<float> source);

    /// <summary>Returns to the zero state.</summary>
    void Reset();
}
