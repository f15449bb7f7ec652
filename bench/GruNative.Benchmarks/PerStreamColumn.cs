using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GruNative.Benchmarks;

/// <summary>Nanoseconds per stream: the median time over the benchmark's <c>Streams</c> parameter.</summary>
public sealed class PerStreamColumn : IColumn
{
    public static readonly IColumn NanosecondsPerStream = new PerStreamColumn();

    public string Id => nameof(PerStreamColumn);
    public string ColumnName => "ns/stream";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 2;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Median time of one invocation over the number of streams it steps";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics && Streams(benchmarkCase) is int streams
            ? (statistics.Median / streams).ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
            : "-";

    /// <summary>The <c>Streams</c> parameter of a many-stream benchmark, or null for others.</summary>
    public static int? Streams(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Streams")?.Value as int?;
}
