using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GruNative.Kernels;

namespace GruNative.Benchmarks.Placement;

/// <summary>
/// The Stopwatch experiment behind docs/benchmarks.md's "Variance" section (<c>-- --placement</c>): the same model,
/// weights and inputs, timed in one process with its packed weights, then its state, placed at each 8-byte offset
/// within a 64-byte cache line. It answers whether a placement the program does not choose (where the GC puts an array,
/// where a caller keeps a struct) changes the speed of a step, without the per-process noise of comparing runs.
/// </summary>
/// <remarks>
/// Loaded weights are always 64-byte aligned (<see cref="PackedWeights"/>), so the weights half moves them on purpose:
/// it copies them into a pinned buffer at the chosen offset and points the model's PackedWeights at it by reflection.
/// Each row starts with an unreported run (a warm-up) and ends with offset 0 again, so a drift during the row shows.
/// </remarks>
internal static class PlacementExperiment
{
    private static readonly int[] Offsets = [0, 8, 16, 24, 32, 40, 48, 56, 0];

    public static void Run()
    {
        Console.WriteLine($"# Placement experiment: {RuntimeInformation.ProcessArchitecture}, Vector512 accelerated: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");
        Table("Weights starting at each byte offset of a cache line: ns per Step (median of 9 batches)", path =>
        {
            Weights<PlacedGruI1H32, PlacedGruI1H32.State>(path);
            Weights<PlacedGruI1H64, PlacedGruI1H64.State>(path);
            Weights<PlacedGruI1H128, PlacedGruI1H128.State>(path);
            Weights<PlacedGruI8H64, PlacedGruI8H64.State>(path);
            Weights<PlacedLstmI1H64, PlacedLstmI1H64.State>(path);
            Weights<PlacedLstmI1H128, PlacedLstmI1H128.State>(path);
        });
        Table("State starting at each byte offset of a cache line (weights aligned): ns per Step + Predict (median of 9 batches)", path =>
        {
            State<PlacedGruI1H8, PlacedGruI1H8.State>(path);
            State<PlacedLstmI1H16, PlacedLstmI1H16.State>(path);
            State<PlacedGruI1H64, PlacedGruI1H64.State>(path);
        });
    }

    // A titled table: the header, then the rows of every model on each path.
    private static void Table(string title, Action<VectorPath> rows)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine();
        Console.WriteLine($"| model | path |{string.Concat(Offsets.Select(o => $" {o} |"))}");
        Console.WriteLine($"| --- | --- |{string.Concat(Offsets.Select(_ => " ---: |"))}");
        foreach (var path in new[] { VectorPath.Auto, VectorPath.Vector256 })
            rows(path);
    }

    private static void Weights<TModel, TState>(VectorPath path)
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState>
    {
        var model = TModel.FromWeights(ModelWeights.CreateRandom(TModel.Spec, seed: 1), "seed 1");
        var packed = (PackedWeights)Field(typeof(TModel), "_packed").GetValue(model)!;
        FieldInfo buffer = Field(typeof(PackedWeights), "_buffer"), start = Field(typeof(PackedWeights), "_start");
        float[] weights = packed.Span.ToArray();
        float[] input = StepInput.For(TModel.Spec.InputSize);
        var times = new List<double>();
        foreach (int offset in Offsets.Prepend(0))
        {
            var moved = GC.AllocateArray<float>(weights.Length + 32, pinned: true);
            int first = FirstAt(Marshal.UnsafeAddrOfPinnedArrayElement(moved, 0), offset) / sizeof(float);
            weights.CopyTo(moved, first);
            buffer.SetValue(packed, moved);
            start.SetValue(packed, first);
            TState state = default;
            times.Add(Median(steps => { for (int i = 0; i < steps; i++) model.Step(input, ref state, path); }, TModel.Spec, times.Count == 0));
        }
        Row(TModel.Spec, path, times.Skip(1));
    }

    private static void State<TModel, TState>(VectorPath path)
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState>
    {
        var model = TModel.FromWeights(ModelWeights.CreateRandom(TModel.Spec, seed: 1), "seed 1");
        float[] input = StepInput.For(TModel.Spec.InputSize), output = new float[TModel.Spec.OutputSize];
        byte[] home = GC.AllocateArray<byte>(Unsafe.SizeOf<TState>() + 128, pinned: true);
        var times = new List<double>();
        foreach (int offset in Offsets.Prepend(0))
        {
            int at = FirstAt(Marshal.UnsafeAddrOfPinnedArrayElement(home, 0), offset);
            Unsafe.As<byte, TState>(ref home[at]) = default;
            times.Add(Median(steps =>
            {
                ref TState state = ref Unsafe.As<byte, TState>(ref home[at]);
                for (int i = 0; i < steps; i++)
                {
                    model.Step(input, ref state, path);
                    model.Predict(in state, output, path);
                }
            }, TModel.Spec, times.Count == 0));
        }
        Row(TModel.Spec, path, times.Skip(1));
    }

    // The first byte index of a buffer at `address` that lies `offset` bytes past a 64-byte boundary.
    private static int FirstAt(nint address, int offset) => (int)((64 + offset - address % 64) % 64);

    // Each row starts with an unreported run at offset 0 with a long warm-up: the row's code is new to the JIT, which
    // needs about a second to reach its final tier, and the first timings after it still ran slow.
    private static double Median(Action<int> run, ModelSpec spec, bool first)
    {
        int steps = (int)Math.Clamp(20_000_000 / spec.FlopsPerStep, 1_000, 200_000);
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < (first ? 1_500 : 200);)
            run(steps);
        var samples = new double[9];
        for (int s = 0; s < samples.Length; s++)
        {
            long start = Stopwatch.GetTimestamp();
            run(steps);
            samples[s] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / steps;
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    private static void Row(ModelSpec spec, VectorPath path, IEnumerable<double> times) =>
        Console.WriteLine($"| {spec} | {path} |{string.Concat(times.Select(t => $" {t:F0} |"))}");

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type.Name} has no field {name}: the experiment reaches into the generated code and PackedWeights, which changed.");
}
