using System.Collections.Immutable;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GruNative.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default order, with every benchmark type (each model's instantiation of a generic benchmark) its
/// own logical group: in the joined summary each model's rows stand together, and the Ratio column divides by that
/// model's baseline rather than by one baseline for every model (BenchmarkDotNet has no "by type" group rule). Within a
/// type, the methods the type declares itself (the generated kernel's rows) come before those it inherits
/// (<see cref="EngineComparisonBenchmark"/>'s).
/// </summary>
internal sealed class ByTypeOrderer : IOrderer
{
    public static readonly IOrderer Instance = new ByTypeOrderer();

    private readonly IOrderer _default = DefaultOrderer.Instance;

    public bool SeparateLogicalGroups => true;

    public IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarksCase, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        _default.GetExecutionOrder(benchmarksCase, order);

    public IEnumerable<BenchmarkCase> GetSummaryOrder(ImmutableArray<BenchmarkCase> benchmarksCases, Summary summary) =>
        benchmarksCases.GroupBy(c => c.Descriptor.Type).SelectMany(type => _default.GetSummaryOrder([.. type], summary)
            .OrderBy(c => c.Descriptor.WorkloadMethod.DeclaringType == c.Descriptor.Type ? 0 : 1));

    public string? GetHighlightGroupKey(BenchmarkCase benchmarkCase) => _default.GetHighlightGroupKey(benchmarkCase);

    public string GetLogicalGroupKey(ImmutableArray<BenchmarkCase> allBenchmarksCases, BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Type.FullName + "|" + _default.GetLogicalGroupKey(allBenchmarksCases, benchmarkCase);

    public IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        _default.GetLogicalGroupOrder(logicalGroups, order);
}
