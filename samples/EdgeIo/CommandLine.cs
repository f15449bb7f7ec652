using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace GruNative.Samples.EdgeIo;

/// <summary>A command line the program does not understand; the message says what is wrong.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The exit codes of both edge samples (their READMEs list them too).</summary>
public static class ExitCode
{
    public const int Done = 0;
    public const int Usage = 1;
    public const int BadInput = 2;
    public const int StateRefused = 3;
    public const int IOError = 4;
}

/// <summary>
/// What both edge samples' options share, parsed by hand (a dozen flags need no library, and the binaries stay small
/// and free of reflection): whole-number values, interval levels, and the input files the options name.
/// </summary>
public static class CommandLine
{
    /// <summary><paramref name="text"/> as a whole number from 1 to <paramref name="max"/>, the value of <paramref name="option"/>.</summary>
    /// <exception cref="UsageException">It is not one.</exception>
    public static long Count(string option, string text, long max) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value >= 1 && value <= max
            ? value
            : throw new UsageException($"{option} needs a whole number from 1 to {max}, not '{text}'.");

    /// <summary>
    /// Levels in percent, as <c>grunative train --intervals</c> takes them (80,95), returned as fractions in increasing order.
    /// </summary>
    /// <exception cref="UsageException">A level is not a number between 0 and 100, or is listed twice.</exception>
    public static double[] Levels(string option, string text)
    {
        var levels = new List<double>();
        foreach (string part in text.Split(','))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) || !(percent > 0 && percent < 100))
                throw new UsageException($"{option} takes levels in percent between 0 and 100, e.g. 80,95, not '{part}'.");
            if (levels.Contains(percent / 100))
                throw new UsageException($"{option} lists the level {part} twice.");
            levels.Add(percent / 100);
        }
        levels.Sort();
        return [.. levels];
    }

    /// <summary>An input file named by an option (--input, --warmup), opened unbuffered: the <see cref="LineReader"/> has its own buffer.</summary>
    public static Stream OpenInputFile(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
}
