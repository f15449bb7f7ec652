using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

/// <summary>
/// GFLOP/s, % of the FMA peak and % of the L2 streaming ceiling for a step benchmark, from its mean time and the
/// model's FLOPs per step (2·G·H·(in + H) per layer + 2·H·O). The ceilings are measured (<see cref="MachineCeilings"/>).
/// </summary>
public sealed class FlopsColumn(string name, Func<double, int, double> fromGflops, string legend) : IColumn
{
    public static readonly IColumn Gflops = new FlopsColumn("GFLOP/s", (g, _) => g, "Floating-point operations per second (a multiply-add counts two)");

    public static readonly IColumn PercentOfFmaPeak = new FlopsColumn("% FMA peak",
        (g, bits) => 100 * g / (MachineCeilings.FmaFlopsPerCycle(bits) * MachineCeilings.ClockGhz),
        "Share of two FMA pipes at the path's vector width and the measured clock");

    public static readonly IColumn PercentOfL2Ceiling = new FlopsColumn("% L2 ceiling",
        (g, _) => 100 * g / (MachineCeilings.L2BytesPerCycle / 2 * MachineCeilings.ClockGhz),
        "Share of the measured L2 streaming read rate, at one FMA per fp32 weight (the ceiling once weights leave L1)");

    public string Id => nameof(FlopsColumn) + ColumnName;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || FlopsOf(benchmarkCase) is not { } flops)
            return "-";
        double gflops = flops * (PerStreamColumn.Streams(benchmarkCase) ?? 1) / statistics.Median;
        var path = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Path")?.Value as VectorPath? ?? VectorPath.Auto;
        int bits = path == VectorPath.Vector256 ? 256 : path == VectorPath.Vector128 ? 128 : MachineCeilings.WidestVectorBits;
        return fromGflops(gflops, bits).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    // The benchmark class says what one invocation computes; creating it runs no setup.
    private static long? FlopsOf(BenchmarkCase benchmarkCase) =>
        Activator.CreateInstance(benchmarkCase.Descriptor.Type) is ICountsFlops counted ? counted.FlopsPerInvocation : null;
}

/// <summary>A benchmark class whose every method computes the same FLOPs per invocation (for <see cref="FlopsColumn"/>).</summary>
public interface ICountsFlops
{
    /// <summary>Floating-point operations of one invocation, a multiply-add counting two: 2·G·H·(in + H) per layer and step + 2·H·O per head.</summary>
    long FlopsPerInvocation { get; }
}
