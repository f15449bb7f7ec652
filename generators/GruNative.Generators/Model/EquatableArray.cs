using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GruNative.Generators.Model;

/// <summary>An immutable array with value equality, so pipeline models compare by content and steps cache.</summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items;

    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    public static EquatableArray<T> Empty => new(Array.Empty<T>());

    public int Count => _items?.Length ?? 0;

    public T this[int index] => _items![index];

    public T[] AsArray() => _items ?? Array.Empty<T>();

    public bool Equals(EquatableArray<T> other) =>
        AsArray().AsSpanEquals(other.AsArray());

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        var items = AsArray();
        // Hashing a sample keeps large weight arrays cheap; Equals still compares every element.
        int step = Math.Max(1, items.Length / 64);
        for (int i = 0; i < items.Length; i += step)
            hash = hash * 31 + (items[i] is null ? 0 : EqualityComparer<T>.Default.GetHashCode(items[i]!));
        return hash * 31 + items.Length;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)AsArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

internal static class EquatableArrayExtensions
{
    public static bool AsSpanEquals<T>(this T[] a, T[] b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a.Length != b.Length)
            return false;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
                return false;
        }
        return true;
    }

    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);
}
