namespace GruNative.Training.Data;

/// <summary>The rows [<see cref="Start"/>, <see cref="End"/>) of a series.</summary>
/// <param name="Start">The first row (0-based).</param>
/// <param name="Count">Rows in the range (0 for an empty one).</param>
public readonly record struct RowRange(int Start, int Count)
{
    /// <summary>One past the last row.</summary>
    public int End => Start + Count;

    /// <summary>For example <c>[8640, 11520)</c>.</summary>
    public override string ToString() => $"[{Start}, {End})";
}
