using System.Globalization;
using System.Text.RegularExpressions;

namespace GruNative.Benchmarks.Reporting;

/// <summary>
/// The joined summary table BenchmarkDotNet prints at the end of a run (and keeps in its log file), read back row by
/// row: each row is the cells under their column names, so the tables of docs/benchmarks.md can be rebuilt from any
/// run's log without re-measuring (<see cref="ResultTables"/>).
/// </summary>
internal sealed partial class SummaryTable
{
    private SummaryTable(IReadOnlyList<SummaryRow> rows) => Rows = rows;

    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>The rows of the last summary in <paramref name="lines"/> (a BenchmarkDotNet log or console output).</summary>
    /// <exception cref="FormatException">The text holds no summary table.</exception>
    public static SummaryTable Parse(IReadOnlyList<string> lines)
    {
        int summary = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("// * Summary *", StringComparison.Ordinal))
                summary = i;
        }
        if (summary < 0)
            throw new FormatException("no BenchmarkDotNet summary ('// * Summary *') in the text: give the log of a finished run.");

        string[]? header = null;
        var rows = new List<SummaryRow>();
        for (int i = summary + 1; i < lines.Count; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                if (header is not null && line.Length == 0 && rows.Count > 0)
                    break;
                continue;
            }
            string[] cells = Cells(line);
            if (header is null)
                header = cells;
            else if (!cells.All(c => c.Length == 0 || SeparatorCell().IsMatch(c)))   // the rule under the header; blank rows between groups
                rows.Add(new SummaryRow(header, cells));
        }
        if (header is null || rows.Count == 0)
            throw new FormatException("the summary has no table rows.");
        return new SummaryTable(rows);
    }

    // "| a | b |" → ["a", "b"]; BenchmarkDotNet escapes nothing inside cells but HTML-encodes quotes in Markdown output.
    private static string[] Cells(string line) =>
        line.Trim('|').Split('|').Select(c => c.Trim().Replace("&#39;", "'", StringComparison.Ordinal).Trim('\'')).ToArray();

    [GeneratedRegex(@"^:?-+:?$")]
    private static partial Regex SeparatorCell();
}

/// <summary>One benchmark case of a summary: its cells by column name, and the values parsed from them.</summary>
internal sealed partial class SummaryRow(string[] header, string[] cells)
{
    /// <summary>The cell under <paramref name="column"/>, or null when the summary has no such column.</summary>
    public string? this[string column]
    {
        get
        {
            int at = Array.IndexOf(header, column);
            return at >= 0 && at < cells.Length ? cells[at] : null;
        }
    }

    /// <summary>The benchmark class as BenchmarkDotNet names it, e.g. <c>StepComparison&lt;GruI1H64&gt;</c>.</summary>
    public string Type => this["Type"] ?? throw new FormatException("the summary has no Type column (was it joined?).");

    /// <summary>The benchmark method's description, e.g. <c>generated (loaded)</c>.</summary>
    public string Method => this["Method"] ?? throw new FormatException("the summary has no Method column.");

    /// <summary>The mean time per invocation in nanoseconds, or null when the case failed (NA).</summary>
    public double? MeanNs => Time(this["Mean"]);

    /// <summary>Bytes allocated per invocation (0 when BenchmarkDotNet prints "-").</summary>
    public double? AllocatedBytes
    {
        get
        {
            string? cell = this["Allocated"];
            if (cell is null || cell == "NA")
                return null;
            if (cell == "-")
                return 0;
            var (value, unit) = Split(cell, "an allocation");
            return unit switch
            {
                "B" => value,
                "KB" => value * 1024,
                "MB" => value * 1024 * 1024,
                _ => throw new FormatException($"unknown allocation unit '{unit}' in '{cell}'."),
            };
        }
    }

    private static double? Time(string? cell)
    {
        if (cell is null || cell == "NA")
            return null;
        var (value, unit) = Split(cell, "a time");
        return unit switch
        {
            "ns" => value,
            "μs" or "us" or "µs" => value * 1e3,
            "ms" => value * 1e6,
            "s" => value * 1e9,
            _ => throw new FormatException($"unknown time unit '{unit}' in '{cell}'."),
        };
    }

    // "1,234.5 ns" → (1234.5, "ns")
    private static (double Value, string Unit) Split(string cell, string what)
    {
        var match = ValueWithUnit().Match(cell);
        if (!match.Success)
            throw new FormatException($"cannot read {what} from '{cell}'.");
        return (double.Parse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture), match.Groups[2].Value);
    }

    [GeneratedRegex(@"^([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Za-zμµ]+)$")]
    private static partial Regex ValueWithUnit();
}
