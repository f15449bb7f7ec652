using System.Globalization;

namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// What one run of one program printed: <c>GRU_I1_H8 45.7</c> per model (ns per step; RTNeural's benchmark and this
/// harness's <c>--lines</c> both print it), and, from this harness, <c>CLOCK_GHZ 3.37</c>. Lines starting with
/// <c>#</c> are comments.
/// </summary>
/// <param name="NanosecondsPerStep">Each model's time.</param>
/// <param name="ClockGhz">The clock the process measured, or null when it printed none (RTNeural's).</param>
public sealed record ProcessOutput(IReadOnlyDictionary<StepShape, double> NanosecondsPerStep, double? ClockGhz)
{
    /// <summary>The key of the clock's line.</summary>
    public const string ClockKey = "CLOCK_GHZ";

    /// <summary>Reads a program's output.</summary>
    /// <exception cref="FormatException">A line is neither a comment, a model's time nor the clock, or a model appears twice.</exception>
    public static ProcessOutput Parse(IEnumerable<string> lines)
    {
        var times = new Dictionary<StepShape, double>();
        double? clock = null;
        foreach (string line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0))
                throw new FormatException($"Not a result line: '{line}'.");
            if (parts[0] == ClockKey)
                clock = value;
            else if (!StepShape.TryParse(parts[0], out var shape))
                throw new FormatException($"Not a model name: '{parts[0]}' in '{line}'.");
            else if (!times.TryAdd(shape, value))
                throw new FormatException($"{shape} appears twice.");
        }
        return new ProcessOutput(times, clock);
    }
}
