using System.Globalization;
using GruNative.Benchmarks.Aot.BesideRtNeural;
using GruNative.Kernels;

namespace GruNative.Benchmarks.Aot.Output;

/// <summary>
/// Lines for bench/rtneural-compare.sh, in the format RTNeural's benchmark prints: <c>GRU_I1_H8 56.2</c> per one-layer
/// model (the shapes named, or all), on the <c>Auto</c> path only — what the build would run for a user — after
/// <c>CLOCK_GHZ</c>, the core clock measured in this process (<see cref="MachineCeilings"/>).
/// </summary>
internal sealed class StepTimeLines(IReadOnlySet<StepShape> shapes) : IHarnessOutput
{
    public IReadOnlyList<VectorPath> Paths { get; } = [VectorPath.Auto];

    public bool Wants(ModelSpec spec, string label) => spec.Layers == 1 && (shapes.Count == 0 || shapes.Contains(StepShape.Of(spec)));

    public void WriteHeader() => Console.WriteLine($"{ProcessOutput.ClockKey} {MachineCeilings.ClockGhz.ToString("F2", CultureInfo.InvariantCulture)}");

    public void Write(ModelSpec spec, string label, VectorPath path, double nanosecondsPerStep) =>
        Console.WriteLine($"{StepShape.Of(spec)} {nanosecondsPerStep.ToString("F1", CultureInfo.InvariantCulture)}");
}
