using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GruNative.Benchmarks;

/// <summary>Windows per second, from the median time of a benchmark whose class says how many windows one invocation handles.</summary>
public sealed class ThroughputColumn : IColumn
{
    public static readonly IColumn WindowsPerSecond = new ThroughputColumn();

    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "windows/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Training windows per second: the windows of one optimiser step over its median time";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
        && Activator.CreateInstance(benchmarkCase.Descriptor.Type) is ICountsWindows counted
            ? (counted.WindowsPerInvocation / (statistics.Median * 1e-9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : "-";
}

/// <summary>A benchmark class whose every method handles the same number of windows per invocation (for <see cref="ThroughputColumn"/>).</summary>
public interface ICountsWindows
{
    int WindowsPerInvocation { get; }
}
