using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GruNative.Benchmarks.Reporting;

/// <summary>
/// The Markdown tables of docs/benchmarks.md, built from one run's summary (<see cref="SummaryTable"/>): one table per
/// benchmark group, one row per model, every engine's mean time with its ratio to the generated kernel. Ratios are
/// ratios of means. A group the run did not include is left out; a case that failed shows as NA.
/// </summary>
internal static partial class ResultTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The engines of a comparison, in column order: the summary's method description → the column heading.
    private static readonly (string Method, string Heading)[] Engines =
    [
        ("reference (scalar)", "reference (scalar)"),
        ("TensorPrimitives", "TensorPrimitives"),
        ("ONNX Runtime", "ONNX Runtime 1.31.1"),
        ("libtorch", "libtorch 2.10"),
    ];

    public static string Build(SummaryTable summary)
    {
        var text = new StringBuilder();
        StepKernel(summary, text);
        StepComparison(summary, text);
        BakedComparison(summary, text);
        WindowComparison(summary, text);
        ManyStreams(summary, text);
        Training(summary, text);
        return text.ToString();
    }

    private static void StepKernel(SummaryTable summary, StringBuilder text)
    {
        var rows = Of(summary, "StepBenchmark");
        if (!Heading(text, rows.Count, "### One step, generated kernel (`StepBenchmark`)"))
            return;
        text.AppendLine("| cell | I | L | H | path | ns/step | GFLOP/s | % FMA peak | % L2 ceiling | allocated |");
        text.AppendLine("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (model, row) in rows)
        {
            text.AppendLine(Invariant, $"| {model.Cell} | {model.Inputs} | {model.Layers} | {model.Hidden} | {row["Path"]} | {Ns(row.MeanNs)} | " +
                $"{row["GFLOP/s"]} | {row["% FMA peak"]} | {row["% L2 ceiling"]} | {Bytes(row.AllocatedBytes)} |");
        }
        text.AppendLine();
    }

    private static void StepComparison(SummaryTable summary, StringBuilder text)
    {
        var byModel = Grouped(Of(summary, "StepComparison"));
        if (!Heading(text, byModel.Count, "### One step against other engines (`StepComparison`), ns per step"))
            return;
        ComparisonTable(byModel, "generated (loaded)", "generated (loaded)", Ns, text);
    }

    private static void WindowComparison(SummaryTable summary, StringBuilder text)
    {
        var byModel = Grouped(Of(summary, "WindowComparison"));
        if (!Heading(text, byModel.Count, "### A whole window, 96 steps → 24 forecasts (`WindowComparison`), µs per window"))
            return;
        ComparisonTable(byModel, "generated Forecast(window)", "generated `Forecast`", Us, text,
            extra: ("generated 96 × Step + Predict", "96 × `Step` + `Predict`"));
    }

    // One row per model: the baseline's time, GFLOP/s and % of the FMA peak, then each engine's time and its ratio,
    // then every non-zero allocation.
    private static void ComparisonTable(List<(ModelName Model, List<SummaryRow> Rows)> byModel, string baseline, string baselineHeading,
        Func<double?, string> time, StringBuilder text, (string Method, string Heading)? extra = null)
    {
        var columns = (extra is { } e ? new[] { e } : []).Concat(Engines).ToArray();
        text.Append(Invariant, $"| model | {baselineHeading} | GFLOP/s (% FMA peak) |");
        foreach (var (_, heading) in columns)
            text.Append(Invariant, $" {heading} |");
        text.AppendLine(" allocated per invocation |");
        text.Append("| --- | ---: | ---: |").Append(string.Concat(columns.Select(_ => " ---: |"))).AppendLine(" --- |");
        foreach (var (model, rows) in byModel)
        {
            var base_ = rows.FirstOrDefault(r => r.Method == baseline);
            double? baseNs = base_?.MeanNs;
            text.Append(Invariant, $"| {model} | {time(baseNs)} | {base_?["GFLOP/s"] ?? "-"} ({base_?["% FMA peak"] ?? "-"}%) |");
            foreach (var (method, _) in columns)
            {
                var row = rows.FirstOrDefault(r => r.Method == method);
                text.Append(row is null ? " – |" : $" {time(row.MeanNs)} ({Ratio(row.MeanNs, baseNs)}) |");
            }
            var allocating = rows.Where(r => r.AllocatedBytes is > 0).Select(r => $"{Short(r.Method)} {Bytes(r.AllocatedBytes)}").ToList();
            text.AppendLine(Invariant, $" {(allocating.Count == 0 ? "0 B" : string.Join(", ", allocating))} |");
        }
        text.AppendLine();
    }

    private static void BakedComparison(SummaryTable summary, StringBuilder text)
    {
        var byModel = Grouped(Of(summary, "BakedStepComparison"));
        if (!Heading(text, byModel.Count, "### Baked against loaded weights (`BakedStepComparison`), ns per step"))
            return;
        text.AppendLine("| model | path | loaded (64-byte aligned) | baked (read-only data) | baked / loaded | allocated |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var (model, modelRows) in byModel)
        {
            foreach (var rows in modelRows.GroupBy(r => r["Path"] is { } path && path != "?" ? path : "Auto"))
            {
                var loaded = rows.FirstOrDefault(r => r.Method == "generated (loaded)");
                var baked = rows.FirstOrDefault(r => r.Method == "generated (baked)");
                double allocated = rows.Max(r => r.AllocatedBytes ?? 0);
                text.AppendLine(Invariant, $"| {model} | {rows.Key} | {Ns(loaded?.MeanNs)} | {Ns(baked?.MeanNs)} | {Ratio(baked?.MeanNs, loaded?.MeanNs)} | {Bytes(allocated)} |");
            }
        }
        text.AppendLine();
    }

    private static void Training(SummaryTable summary, StringBuilder text)
    {
        var rows = summary.Rows.Where(r => r.Type == "TrainingComparison").ToList();
        if (!Heading(text, rows.Count, "### Training: one optimiser step on 32 windows (`TrainingComparison`)"))
            return;
        text.AppendLine("| cell | H | threads | GruNative | libtorch | libtorch / GruNative | GruNative windows/s | libtorch windows/s | allocated GruNative | allocated libtorch |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var shape in rows.GroupBy(r => (Cell: r["Cell"], Hidden: r["Hidden"], Threads: r["Threads"])))
        {
            var trainer = shape.FirstOrDefault(r => r.Method.StartsWith("GruNative", StringComparison.Ordinal));
            var torch = shape.FirstOrDefault(r => r.Method.StartsWith("libtorch", StringComparison.Ordinal));
            text.AppendLine(Invariant, $"| {shape.Key.Cell?.ToUpperInvariant()} | {shape.Key.Hidden} | {shape.Key.Threads} | {Ms(trainer?.MeanNs)} | {Ms(torch?.MeanNs)} | " +
                $"{Ratio(torch?.MeanNs, trainer?.MeanNs)} | {trainer?["windows/s"] ?? "-"} | {torch?["windows/s"] ?? "-"} | {Bytes(trainer?.AllocatedBytes)} | {Bytes(torch?.AllocatedBytes)} |");
        }
        text.AppendLine();
    }

    // Per stream: one row per (model, N), the methods of the group side by side, each as ns per stream.
    private static void ManyStreams(SummaryTable summary, StringBuilder text)
    {
        var steps = Of(summary, "ManyStreamsBenchmark");
        if (Heading(text, steps.Count, "### Many streams per call (`ManyStreamsBenchmark`), ns per stream"))
        {
            text.AppendLine("| cell | H | N | N × (Step + Predict) | Step + Predict over N states | speed-up | GFLOP/s | % FMA peak |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (model, n, rows) in ByStreams(steps))
            {
                var singles = Method(rows, "N × (Step + Predict)");
                var many = Method(rows, "Step + Predict over N states");
                text.AppendLine(Invariant, $"| {model.Cell} | {model.Hidden} | {n} | {Ns(singles?.MeanNs / n)} | {Ns(many?.MeanNs / n)} | " +
                    $"{Ratio(singles?.MeanNs, many?.MeanNs)} | {many?["GFLOP/s"] ?? "NA"} | {many?["% FMA peak"] ?? "NA"} |");
            }
            text.AppendLine();
        }

        var cores = Of(summary, "ManyStreamsTwoCoresBenchmark");
        if (Heading(text, cores.Count, "### Many streams over both cores (`ManyStreamsTwoCoresBenchmark`), ns per stream"))
        {
            text.AppendLine("| cell | H | N | one core | two cores (half the states each) | speed-up |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (model, n, rows) in ByStreams(cores))
            {
                var one = Method(rows, "Step + Predict over N states, one core");
                var two = Method(rows, "Step + Predict over N states, two cores");
                text.AppendLine(Invariant, $"| {model.Cell} | {model.Hidden} | {n} | {Ns(one?.MeanNs / n)} | {Ns(two?.MeanNs / n)} | {Ratio(one?.MeanNs, two?.MeanNs)} |");
            }
            text.AppendLine();
        }

        var engines = Of(summary, "ManyStreamsEngineComparison");
        if (Heading(text, engines.Count, "### Many streams against batched engines (`ManyStreamsEngineComparison`), ns per stream (× the generated kernel's time)"))
        {
            text.AppendLine("| cell | H | N | generated, over N states | ONNX Runtime 1.31.1, batch N | libtorch 2.10, batch N |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (model, n, rows) in ByStreams(engines))
            {
                var generated = Method(rows, "generated: Step + Predict over N states");
                string Cell(string method) => Method(rows, method) is { } row
                    ? $"{Ns(row.MeanNs / n)} ({Ratio(row.MeanNs, generated?.MeanNs)})"
                    : "NA";
                text.AppendLine(Invariant, $"| {model.Cell} | {model.Hidden} | {n} | {Ns(generated?.MeanNs / n)} | {Cell("ONNX Runtime, batch N")} | {Cell("libtorch, batch N")} |");
            }
            text.AppendLine();
        }
    }

    private static IEnumerable<(ModelName Model, int Streams, List<SummaryRow> Rows)> ByStreams(List<(ModelName Model, SummaryRow Row)> rows) =>
        rows.GroupBy(r => (r.Model, Streams: int.Parse(r.Row["Streams"] ?? "0", Invariant)))
            .Select(g => (g.Key.Model, g.Key.Streams, g.Select(r => r.Row).ToList()));

    private static SummaryRow? Method(List<SummaryRow> rows, string description) =>
        rows.FirstOrDefault(r => r.Method.Trim('\'').Equals(description, StringComparison.Ordinal));

    // A group's heading, or false (and nothing written) when the run did not include the group.
    private static bool Heading(StringBuilder text, int rows, string heading)
    {
        if (rows == 0)
            return false;
        text.AppendLine(heading).AppendLine();
        return true;
    }

    // The rows of one generic benchmark class, with the model each measures, in the order of the summary.
    private static List<(ModelName Model, SummaryRow Row)> Of(SummaryTable summary, string benchmark) =>
        summary.Rows.Where(r => r.Type.StartsWith(benchmark + "<", StringComparison.Ordinal))
            .Select(r => (ModelName.Parse(r.Type), r)).ToList();

    private static List<(ModelName Model, List<SummaryRow> Rows)> Grouped(List<(ModelName Model, SummaryRow Row)> rows) =>
        rows.GroupBy(r => r.Model).Select(g => (g.Key, g.Select(r => r.Row).ToList())).ToList();

    private static string Short(string method) => method.Split(' ')[0];

    private static string Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? (v / b).ToString(v / b >= 10 ? "F0" : v / b >= 2 ? "F1" : "F2", Invariant) + "×" : "NA";

    private static string Ns(double? ns) => ns is { } v ? v.ToString(v >= 1000 ? "N0" : v >= 100 ? "F0" : "F1", Invariant) : "NA";

    private static string Us(double? ns) => ns is { } v ? (v / 1e3).ToString(v >= 1e6 ? "N0" : v >= 1e5 ? "F0" : v >= 1e4 ? "F1" : "F2", Invariant) : "NA";

    private static string Ms(double? ns) => ns is { } v ? (v / 1e6).ToString(v >= 1e7 ? "F1" : "F2", Invariant) + " ms" : "NA";

    private static string Bytes(double? bytes) => bytes switch
    {
        null => "NA",
        < 1024 => bytes.Value.ToString("F0", Invariant) + " B",
        _ => (bytes.Value / 1024).ToString("F1", Invariant) + " KB",
    };
}

/// <summary>A benchmark model as its type name spells it: GruI1H64L2Window = GRU, I 1, H 64, L 2.</summary>
internal sealed partial record ModelName(string Cell, int Inputs, int Hidden, int Layers)
{
    public static ModelName Parse(string type)
    {
        var match = Pattern().Match(type);
        if (!match.Success)
            throw new FormatException($"no model name (GruI1H64, LstmI8H16L2, …) in '{type}'.");
        int layers = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
        return new ModelName(match.Groups[1].Value.ToUpperInvariant(), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), layers);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cell} I = {Inputs}, H = {Hidden}{(Layers > 1 ? $", L = {Layers}" : "")}");

    [GeneratedRegex(@"<(Gru|Lstm)I(\d+)H(\d+)(?:L(\d+))?")]
    private static partial Regex Pattern();
}
