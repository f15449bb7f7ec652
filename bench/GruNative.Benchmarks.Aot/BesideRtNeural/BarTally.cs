using System.Globalization;
using System.Text;

namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// Issue 18's bar counted from the unrounded ratios: per GruNative build, how many models take at most
/// <see cref="Bar"/> of the RTNeural time they are set against, with fp32 weights alone and with each model's faster
/// mode (fp32 or bfloat16), and which models miss. Counting by hand from the tables' printed ratios once counted 0.8045
/// as 0.80; this count never rounds.
/// </summary>
public static class BarTally
{
    /// <summary>The bar: GruNative's time over RTNeural's, at most.</summary>
    public const double Bar = 0.8;

    /// <summary>The Markdown table of counts, one row per build and a row for all three; empty when no ratio exists.</summary>
    public static string Build(ComparisonResults results)
    {
        var rows = new List<(string Build, Count Fp32, Count Faster)>();
        for (int i = 0; i < Contender.GruNative.Count; i++)
        {
            var fp32 = new Count();
            var faster = new Count();
            foreach (var shape in results.Shapes)
            {
                if (RtNeuralFor(results, i, shape) is not double rtNeural)
                    continue;
                double? fp32Time = results.Time(Contender.GruNative[i], shape);
                double? bf16Time = results.Time(Contender.GruNativeBf16[i], shape);
                if (fp32Time is double f)
                    fp32.Add(shape, f / rtNeural, "");
                if (Faster(fp32Time, bf16Time) is var (mode, ns))
                    faster.Add(shape, ns / rtNeural, mode);
            }
            if (fp32.Total + faster.Total > 0)
                rows.Add((Headers[i], fp32, faster));
        }
        if (rows.Count == 0)
            return "";

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"#### Against the bar: at most {Bar:0.0#}× RTNeural, counted from unrounded ratios");
        text.AppendLine();
        text.AppendLine("| GruNative build / RTNeural | fp32 | each model's faster mode | misses (faster mode) |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        foreach (var (build, fp32, faster) in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {build} | {fp32} | {faster} | {faster.Misses()} |");
        var all = (Fp32: Count.Sum(rows.Select(r => r.Fp32)), Faster: Count.Sum(rows.Select(r => r.Faster)));
        text.AppendLine(CultureInfo.InvariantCulture, $"| all | {all.Fp32} | {all.Faster} | |");
        return text.ToString();
    }

    private static readonly string[] Headers = ["JIT / RTNeural best", "AOT native / RTNeural best native", "AOT v3 / RTNeural AVX2"];

    // The RTNeural time build i is set against: the same pairing as the tables' ratio columns.
    internal static double? RtNeuralFor(ComparisonResults results, int build, StepShape shape) => build switch
    {
        0 => results.Fastest(Contender.RtNeural, shape)?.Nanoseconds,
        1 => results.Fastest(Contender.RtNeuralNative, shape)?.Nanoseconds,
        _ => results.Time(Contender.RtNeuralXsimdAvx2, shape),
    };

    // fp32 wins a tie: it is the default and exact.
    internal static (string Mode, double Nanoseconds)? Faster(double? fp32, double? bf16) =>
        fp32 is double f && (bf16 is not double b || f <= b) ? ("fp32", f)
        : bf16 is double b2 ? ("bf16", b2)
        : null;

    private sealed class Count
    {
        private readonly List<string> _misses = [];

        public int Total { get; private set; }

        public int Passed { get; private set; }

        public void Add(StepShape shape, double ratio, string mode)
        {
            Total++;
            if (ratio <= Bar)
                Passed++;
            else
                _misses.Add(string.Create(CultureInfo.InvariantCulture, $"{shape} {(mode.Length == 0 ? "" : mode + " ")}{ratio:F3}"));
        }

        public string Misses() => _misses.Count == 0 ? "none" : string.Join(", ", _misses);

        public static Count Sum(IEnumerable<Count> counts)
        {
            var sum = new Count();
            foreach (var count in counts)
            {
                sum.Total += count.Total;
                sum.Passed += count.Passed;
            }
            return sum;
        }

        public override string ToString() => Total == 0 ? "—" : $"{Passed} of {Total}";
    }
}
