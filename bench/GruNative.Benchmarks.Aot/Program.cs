using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GruNative.Benchmarks;
using GruNative.Kernels;

// Median ns per Step + Predict for every benchmark model, timed with Stopwatch over batches of steps after a warm-up
// long enough for the JIT to reach its final tier. Prints one Markdown table row per model and path.
Console.WriteLine($"# {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}");
Console.WriteLine("| model | path | ns/step (median of 15) |");
Console.WriteLine("|---|---|---|");
var filter = args.FirstOrDefault() ?? "";
Run<GruI1H8>(); Run<GruI1H16>(); Run<GruI1H32>(); Run<GruI1H64>(); Run<GruI1H128>(); Run<GruI1H256>();
Run<GruI8H8>(); Run<GruI8H16>(); Run<GruI8H32>(); Run<GruI8H64>(); Run<GruI8H128>(); Run<GruI8H256>(); Run<GruI1H64L2>();
Run<LstmI1H8>(); Run<LstmI1H16>(); Run<LstmI1H32>(); Run<LstmI1H64>(); Run<LstmI1H128>(); Run<LstmI1H256>();
Run<LstmI8H8>(); Run<LstmI8H16>(); Run<LstmI8H32>(); Run<LstmI8H64>(); Run<LstmI8H128>(); Run<LstmI8H256>(); Run<LstmI1H64L2>();

void Run<T>() where T : struct, IStepKernel
{
    foreach (var path in new[] { VectorPath.Auto, VectorPath.Vector256 })
    {
        var kernel = new T();
        if (!kernel.ToString()!.Contains(filter, StringComparison.Ordinal))
            return;
        kernel.Setup(path);
        Console.WriteLine($"| {kernel} | {path} | {Time(ref kernel):F1} |");
    }
}

static double Time<T>(ref T kernel) where T : struct, IStepKernel
{
    long flops = kernel.Spec.FlopsPerStep;
    int batch = (int)Math.Clamp(20_000_000 / flops, 200, 200_000);
    for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 300;)
        Loop(ref kernel, batch);
    var samples = new double[15];
    for (int s = 0; s < samples.Length; s++)
    {
        long start = Stopwatch.GetTimestamp();
        Loop(ref kernel, batch);
        samples[s] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
    }
    Array.Sort(samples);
    return samples[samples.Length / 2];
}

[MethodImpl(MethodImplOptions.NoInlining)]
static void Loop<T>(ref T kernel, int steps) where T : struct, IStepKernel
{
    for (int i = 0; i < steps; i++)
    {
        kernel.Step();
        kernel.Predict();
    }
}
