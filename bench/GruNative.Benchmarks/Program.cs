using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GruNative.Benchmarks;
using GruNative.Benchmarks.Placement;
using GruNative.Benchmarks.Reporting;

// dotnet run -c Release --project bench/GruNative.Benchmarks -- [--short] [BenchmarkDotNet options, e.g. --filter *Gru*]
//   --short        runs every benchmark once, in process, to prove they build, pass their checks and run (CI); it
//                  times nothing meaningful.
//   --tables LOG   prints docs/benchmarks.md's tables from a finished run's log (BenchmarkDotNet.Artifacts/*.log);
//                  every run writes them beside its log by itself.
//   --placement    the Stopwatch experiment of docs/benchmarks.md's "Variance": weights, then state, at each offset
//                  of a cache line (Placement/PlacementExperiment.cs).
if (args.Length == 2 && args[0] == "--tables")
    return PrintTables(args[1]);
if (args.Length == 1 && args[0] == "--placement")
{
    PlacementExperiment.Run();
    return 0;
}
if (ProcessEnvironment.RestartIfNeeded(args) is int exitCode)
    return exitCode;

bool quick = args.Contains("--short");
var rest = args.Where(a => a != "--short").ToArray();

var config = ManualConfig.CreateMinimumViable()
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(FlopsColumn.Gflops, FlopsColumn.PercentOfFmaPeak, FlopsColumn.PercentOfL2Ceiling, ThroughputColumn.WindowsPerSecond, PerStreamColumn.NanosecondsPerStream)
    .WithOrderer(ByTypeOrderer.Instance)
    .WithOptions(ConfigOptions.JoinSummary);
// A --job on the command line replaces the default job rather than adding to it.
if (quick)
    config = config.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance));
else if (!rest.Contains("--job") && !rest.Contains("-j"))
    config = config.AddJob(Job.Default);

if (!quick)
    Console.WriteLine($"Machine ceilings: {MachineCeilings.Describe()}");
var summaries = BenchmarkSwitcher.FromTypes(BenchmarkSet.All()).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
// docs/benchmarks.md's tables, beside the log. The short run writes them too (its figures mean nothing), so CI
// proves the summary can still be read.
if (summaries.FirstOrDefault()?.LogFilePath is { } log && File.Exists(log))
{
    string tables = Path.ChangeExtension(log, ".tables.md");
    File.WriteAllText(tables, ResultTables.Build(SummaryTable.Parse(File.ReadAllLines(log))));
    Console.WriteLine($"Tables for docs/benchmarks.md: {tables}");
}
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

static int PrintTables(string log)
{
    try
    {
        Console.Write(ResultTables.Build(SummaryTable.Parse(File.ReadAllLines(log))));
        return 0;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
    {
        Console.Error.WriteLine($"--tables {log}: {e.Message}");
        return 2;
    }
}
