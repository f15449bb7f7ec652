using System;

namespace GruNative.Training.Data;

/// <summary>Fills the missing cells (NaN) of one column under a <see cref="MissingValuePolicy"/>.</summary>
internal static class MissingValueFiller
{
    /// <summary>
    /// Fills <paramref name="column"/> in place; <paramref name="lines"/> gives each row's line in the file for messages.
    /// </summary>
    /// <exception cref="DataFormatException">A gap has no neighbour to fill it from, or the policy is Error.</exception>
    public static void Fill(Span<double> column, MissingValuePolicy policy, ReadOnlySpan<int> lines, string source, string name)
    {
        int first = FirstNaN(column);
        if (first < 0)
            return;
        switch (policy)
        {
            case MissingValuePolicy.ForwardFill:
                if (first == 0)
                    throw new DataFormatException(source, lines[0], name,
                        "missing value at the top of the column: forward fill has no earlier value to carry; fill it in the file, or drop the leading rows");
                for (int r = first; r < column.Length; r++)
                {
                    if (double.IsNaN(column[r]))
                        column[r] = column[r - 1];
                }
                return;
            case MissingValuePolicy.LinearInterpolation:
                for (int r = first; r < column.Length; r++)
                {
                    if (!double.IsNaN(column[r]))
                        continue;
                    int end = r;
                    while (end < column.Length && double.IsNaN(column[end]))
                        end++;
                    if (r == 0)
                        throw new DataFormatException(source, lines[0], name,
                            "missing value at the top of the column: linear interpolation needs a value on both sides; fill it in the file, or drop the leading rows");
                    if (end == column.Length)
                        throw new DataFormatException(source, lines[r], name,
                            "missing value at the bottom of the column: linear interpolation needs a value on both sides; fill it in the file, or drop the trailing rows");
                    double before = column[r - 1], after = column[end];
                    int span = end - (r - 1);
                    for (int k = r; k < end; k++)
                        column[k] = before + (after - before) * (k - (r - 1)) / span;
                    r = end;
                }
                return;
            default:
                throw new DataFormatException(source, lines[first], name, "missing value");
        }
    }

    private static int FirstNaN(ReadOnlySpan<double> column)
    {
        for (int r = 0; r < column.Length; r++)
        {
            if (double.IsNaN(column[r]))
                return r;
        }
        return -1;
    }
}
