using System;

namespace GruNative;

/// <summary>
/// A device's window of a generated segment model: the last L observations (each of the model's I values) in a ring held
/// inline in a struct, so a push is one copy and allocates nothing. <c>default</c> is empty. Persist it with
/// <see cref="CopyTo"/> and restore it with <see cref="CopyFrom"/>.
/// </summary>
/// <typeparam name="TSelf">The generated history type.</typeparam>
public interface IObservationHistory<TSelf> where TSelf : struct, IObservationHistory<TSelf>
{
    /// <summary>Observations held, from 0 up to L.</summary>
    int Count { get; }

    /// <summary>True once the history holds the last L observations, so a forecast can run.</summary>
    bool IsFull { get; }

    /// <summary>Appends one observation (I values), dropping the oldest once full. Allocates nothing.</summary>
    /// <exception cref="ArgumentException">The observation has the wrong length or a value that is not finite; the history is then unchanged.</exception>
    void Push(ReadOnlySpan<float> observation);

    /// <summary>Writes the <see cref="Count"/> observations held, oldest first: <see cref="Count"/> × I values.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not hold exactly <see cref="Count"/> × I floats.</exception>
    void CopyTo(Span<float> destination);

    /// <summary>Replaces the history with up to L observations laid out as <see cref="CopyTo"/> writes them.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of observations up to L, or a value is not finite; the history is then unchanged.</exception>
    void CopyFrom(ReadOnlySpan<float> source);

    /// <summary>Empties the history.</summary>
    void Reset();
}
