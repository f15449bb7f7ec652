using System.Globalization;
using System.Text;

namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// docs/benchmarks.md's "Beside RTNeural, in the same run": a Markdown table per cell and input size, one row per H,
/// with RTNeural's three builds, its best, GruNative's three, and three ratios — each GruNative build over the
/// RTNeural builds made for the same instruction sets, to three decimals. Below 1 GruNative is faster; issue 18's bar is
/// 0.8, counted at the end by <see cref="BarTally"/>.
/// </summary>
public static class ComparisonTables
{
    private const string Missing = "—";

    /// <summary>The tables, each stamped with the machine, the date, the measured clock and the method.</summary>
    public static string Build(ComparisonResults results, MachineStamp machine)
    {
        var text = new StringBuilder();
        foreach (var group in results.Shapes.GroupBy(s => (s.Cell, s.InputSize)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"#### {group.Key.Cell}, I = {group.Key.InputSize}");
            text.AppendLine();
            text.AppendLine(Stamp(results, machine));
            text.AppendLine();
            text.AppendLine("| H | RTNeural xsimd native | RTNeural xsimd AVX2 | RTNeural Eigen native | RTNeural best | GruNative JIT | GruNative AOT native | GruNative AOT x86-64-v3 | JIT / RTNeural best | AOT native / RTNeural best native | AOT v3 / RTNeural AVX2 |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var shape in group)
                text.AppendLine(Row(results, shape));
            text.AppendLine();
            if (!group.Any(s => Contender.GruNativeBf16.Any(c => results.Time(c, s) is not null)))
                continue;
            text.AppendLine(CultureInfo.InvariantCulture, $"With bfloat16 weights (`WeightPrecision.BFloat16`), same run; the last three columns give each build's better mode and its ratio:");
            text.AppendLine();
            text.AppendLine("| H | GruNative JIT bf16 | GruNative AOT native bf16 | GruNative AOT x86-64-v3 bf16 | JIT bf16 / RTNeural best | AOT native bf16 / RTNeural best native | AOT v3 bf16 / RTNeural AVX2 | JIT: better mode | AOT native: better mode | AOT v3: better mode |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var shape in group)
                text.AppendLine(Bf16Row(results, shape));
            text.AppendLine();
        }
        text.Append(BarTally.Build(results));
        return text.ToString();
    }

    // The bfloat16 builds against the same RTNeural builds as their fp32 twins, and per build the faster mode.
    private static string Bf16Row(ComparisonResults results, StepShape shape)
    {
        double?[] rtNeural = [.. Enumerable.Range(0, 3).Select(i => BarTally.RtNeuralFor(results, i, shape))];
        var cells = new List<string> { shape.HiddenSize.ToString(CultureInfo.InvariantCulture) };
        cells.AddRange(Contender.GruNativeBf16.Select(c => Nanoseconds(results.Time(c, shape))));
        cells.AddRange(Contender.GruNativeBf16.Select((c, i) => Ratio(results.Time(c, shape), rtNeural[i])));
        for (int i = 0; i < 3; i++)
        {
            cells.Add(BarTally.Faster(results.Time(Contender.GruNative[i], shape), results.Time(Contender.GruNativeBf16[i], shape)) is var (mode, ns)
                ? $"{mode} {Ratio(ns, rtNeural[i])}"
                : Missing);
        }
        return $"| {string.Join(" | ", cells)} |";
    }

    private static string Stamp(ComparisonResults results, MachineStamp machine)
    {
        string clock = results.ClockGhz is var (min, max)
            ? string.Create(CultureInfo.InvariantCulture, $"clock {min:F2}–{max:F2} GHz (measured by each GruNative process)")
            : "clock not measured";
        string rounds = results.Rounds == 1 ? "one round" : $"{results.Rounds} rounds";
        return $"{machine}; {clock}. ns per step (Step + Predict; RTNeural: one forward()), the minimum over {rounds} of each process's median.";
    }

    private static string Row(ComparisonResults results, StepShape shape)
    {
        var best = results.Fastest(Contender.RtNeural, shape);
        string[] cells =
        [
            shape.HiddenSize.ToString(CultureInfo.InvariantCulture),
            .. Contender.RtNeural.Select(c => Nanoseconds(results.Time(c, shape))),
            best is var (which, ns) ? $"{Nanoseconds(ns)} ({which.Title})" : Missing,
            .. Contender.GruNative.Select(c => Nanoseconds(results.Time(c, shape))),
            .. Enumerable.Range(0, 3).Select(i => Ratio(results.Time(Contender.GruNative[i], shape), BarTally.RtNeuralFor(results, i, shape))),
        ];
        return $"| {string.Join(" | ", cells)} |";
    }

    private static string Nanoseconds(double? ns) => ns is double value ? value.ToString("N1", CultureInfo.InvariantCulture) : Missing;

    private static string Ratio(double? gruNative, double? rtNeural) =>
        gruNative is double g && rtNeural is double r ? (g / r).ToString("F3", CultureInfo.InvariantCulture) : Missing;
}
