using System;
using System.Globalization;
using System.IO;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// One CSV line of an edge sample's output — <c>step,value,value,…</c>, each float as the shortest text that reads back
/// as the same float32 — written into a buffer sized once and flushed at once, so a reader at the end of a pipe sees
/// every forecast as it is made. Allocates nothing after construction.
/// </summary>
/// <param name="values">The most values a line holds.</param>
public sealed class ForecastLine(int values)
{
    // A long step (20 characters) and, per value, a comma and at most 15 characters of "R" float text.
    private readonly byte[] _line = new byte[24 + 16 * values];

    /// <summary>Writes <paramref name="step"/>, then <paramref name="first"/> and <paramref name="second"/>, to <paramref name="output"/> and flushes it.</summary>
    /// <exception cref="ArgumentException">More values than the line was sized for.</exception>
    public void Write(Stream output, long step, ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (first.Length + second.Length > (_line.Length - 24) / 16)
            throw new ArgumentException($"{first.Length + second.Length} values do not fit a line sized for {(_line.Length - 24) / 16}.", nameof(second));
        Span<byte> line = _line;
        step.TryFormat(line, out int length, default, CultureInfo.InvariantCulture);
        Append(line, ref length, first);
        Append(line, ref length, second);
        line[length++] = (byte)'\n';
        output.Write(line[..length]);
        output.Flush();
    }

    private static void Append(Span<byte> line, ref int length, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            line[length++] = (byte)',';
            value.TryFormat(line[length..], out int written, "R", CultureInfo.InvariantCulture);
            length += written;
        }
    }
}
