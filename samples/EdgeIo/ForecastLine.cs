using System;
using System.Globalization;
using System.IO;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// One CSV line of an edge sample's output — <c>step,value,value,…</c>, or <c>step,sensor,value,…</c> for one sensor of a
/// gateway, each float as the shortest text that reads back as the same float32 — written into a buffer sized once and flushed at once, so a reader at the end of a pipe sees
/// every forecast as it is made. Allocates nothing after construction.
/// </summary>
/// <param name="values">The most values a line holds.</param>
public sealed class ForecastLine(int values)
{
    // A long step (20 characters), a sensor number (11) and, per value, a comma and at most 15 characters of "R" float text.
    private const int Prefix = 36;
    private readonly byte[] _line = new byte[Prefix + 16 * values];

    /// <summary>
    /// Writes <paramref name="step"/>, then <paramref name="sensor"/> when there is one, then <paramref name="first"/> and
    /// <paramref name="second"/>, to <paramref name="output"/> and flushes it.
    /// </summary>
    /// <exception cref="ArgumentException">More values than the line was sized for.</exception>
    public void Write(Stream output, long step, ReadOnlySpan<float> first, ReadOnlySpan<float> second, int? sensor = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (first.Length + second.Length > (_line.Length - Prefix) / 16)
            throw new ArgumentException($"{first.Length + second.Length} values do not fit a line sized for {(_line.Length - Prefix) / 16}.", nameof(second));
        Span<byte> line = _line;
        step.TryFormat(line, out int length, default, CultureInfo.InvariantCulture);
        if (sensor is int number)
        {
            line[length++] = (byte)',';
            number.TryFormat(line[length..], out int written, default, CultureInfo.InvariantCulture);
            length += written;
        }
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
