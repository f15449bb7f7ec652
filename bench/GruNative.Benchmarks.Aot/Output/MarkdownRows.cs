using GruNative.Kernels;

namespace GruNative.Benchmarks.Aot.Output;

/// <summary>
/// The harness's own report (docs/benchmarks.md, "NativeAOT vs JIT"): a Markdown row per model and path, every model
/// whose label contains the filter, on the widest path (<c>Auto</c>) and on the 256-bit one.
/// </summary>
internal sealed class MarkdownRows(string labelFilter) : IHarnessOutput
{
    public IReadOnlyList<VectorPath> Paths { get; } = [VectorPath.Auto, VectorPath.Vector256];

    public bool Wants(ModelSpec spec, string label) => label.Contains(labelFilter, StringComparison.Ordinal);

    public void WriteHeader()
    {
        Console.WriteLine("| model | path | ns/step (median of 15) |");
        Console.WriteLine("|---|---|---|");
    }

    public void Write(ModelSpec spec, string label, VectorPath path, double nanosecondsPerStep) =>
        Console.WriteLine($"| {label} | {path} | {nanosecondsPerStep:F1} |");
}
