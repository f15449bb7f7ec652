using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text;
using GruNative.Generators.Tests.Infrastructure;
using GruNative.Kernels;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace GruNative.Generators.Tests.Accuracy;

/// <summary>
/// The generated kernels, compiled and run on every vector path, against the float64 reference: 1,000-step
/// sequences of U(−2, 2) inputs through PyTorch-initialised models, comparing after every step the whole state
/// (State.CopyTo: every layer's h, and c for LSTM — so the top layer's h at every step) and the head's output
/// (Predict on the same path). Bound: max |Δ| ≤ 1e-5.
/// </summary>
/// <remarks>
/// The grid covers GRU and LSTM with H ∈ {1, 7, 8, 9, 24, 31, 33, 56, 64, 100, 256} and GRU with H = 512: padding,
/// one to 32 groups of 16 units in odd and even counts (512-bit passes pair the groups of layers up to 96 KB and
/// stream larger layers one group at a time), with and without an 8-unit
/// remainder; I from 1 to 64 (including I = H, where one kernel serves every layer), L from 1 to 4, and O from 1
/// to 24 (heads of one, two and three 8-lane blocks). All
/// models share one compilation and run in parallel. The float64 reference is deliberately plain and costs most of
/// the time (about 0.3 GFLOP/s), so the largest models have one layer and LSTM stops at H = 256.
/// </remarks>
public class ReferenceAccuracyTests(ITestOutputHelper output)
{
    private const int Steps = 1000;
    private const double Bound = 1e-5;

    private static readonly VectorPath[] Paths = [VectorPath.Vector512, VectorPath.Vector256, VectorPath.Vector128, VectorPath.Scalar, VectorPath.Auto];

    internal static readonly ModelCase[] Grid =
    [
        new(CellKind.Gru, 1, 1, 1, 1),
        new(CellKind.Gru, 3, 7, 2, 2),
        new(CellKind.Gru, 8, 8, 3, 8),
        new(CellKind.Gru, 64, 9, 1, 4),
        new(CellKind.Gru, 24, 24, 2, 3),
        new(CellKind.Gru, 17, 31, 4, 3),
        new(CellKind.Gru, 1, 33, 2, 24),
        new(CellKind.Gru, 5, 56, 1, 9),
        new(CellKind.Gru, 64, 64, 2, 1),
        new(CellKind.Gru, 10, 100, 3, 7),
        new(CellKind.Gru, 2, 256, 1, 1),
        new(CellKind.Gru, 1, 512, 1, 1),
        new(CellKind.Lstm, 64, 1, 4, 3),
        new(CellKind.Lstm, 1, 7, 3, 1),
        new(CellKind.Lstm, 5, 8, 1, 9),
        new(CellKind.Lstm, 2, 9, 2, 1),
        new(CellKind.Lstm, 3, 24, 1, 16),
        new(CellKind.Lstm, 31, 31, 2, 5),
        new(CellKind.Lstm, 33, 33, 3, 2),
        new(CellKind.Lstm, 12, 56, 2, 4),
        new(CellKind.Lstm, 7, 64, 4, 16),
        new(CellKind.Lstm, 1, 100, 2, 1),
        new(CellKind.Lstm, 64, 256, 1, 3),
    ];

    private sealed record Result(ModelCase Model, VectorPath Path, double StateError, double OutputError, bool SameAsAutoPath);

    [Fact]
    public void Every_vector_path_matches_the_float64_reference_over_1000_steps()
    {
        var clock = Stopwatch.StartNew();
        var run = GeneratorHarness.Run(Grid.Select(m => m.Source()), [], OptimizationLevel.Release);
        using var assembly = CompiledAssembly.Load(run);
        output.WriteLine($"{Grid.Length} models generated, compiled and loaded in {clock.Elapsed.TotalSeconds:F1} s");

        var autoPath = Vector512.IsHardwareAccelerated ? VectorPath.Vector512 : Vector256.IsHardwareAccelerated ? VectorPath.Vector256
            : Vector128.IsHardwareAccelerated ? VectorPath.Vector128 : VectorPath.Scalar;
        var results = new ConcurrentBag<Result>();
        var cpuSeconds = new ConcurrentDictionary<string, double>();
        T Timed<T>(string what, Func<T> work)
        {
            var watch = Stopwatch.StartNew();
            var result = work();
            cpuSeconds.AddOrUpdate(what, watch.Elapsed.TotalSeconds, (_, total) => total + watch.Elapsed.TotalSeconds);
            return result;
        }

        clock.Restart();
        var largestFirst = Enumerable.Range(0, Grid.Length).OrderByDescending(i => Grid[i].Spec.FlopsPerStep);
        Parallel.ForEach(largestFirst, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var model = Grid[index];
            var weights = ModelWeights.CreateRandom(model.Spec, seed: index);
            var inputs = model.Inputs(Steps, seed: 1000 + index);
            var expected = Timed("reference", () => model.Reference(weights, inputs));
            var instance = assembly.Call(model.Driver, "FromWeights", weights)!;
            var traces = Paths.ToDictionary(path => path, path => Timed(path.ToString(), () => model.Run(assembly, instance, inputs, path)));
            bool autoIsWidest = BitEqual(traces[VectorPath.Auto], traces[autoPath]);
            foreach (var (path, trace) in traces)
                results.Add(new Result(model, path, MaxError(trace.States, expected.States), MaxError(trace.Outputs, expected.Outputs), autoIsWidest));
        });
        output.WriteLine($"{Grid.Length} models × {Paths.Length} paths × {Steps} steps run in {clock.Elapsed.TotalSeconds:F1} s (Auto = {autoPath})");

        output.WriteLine("CPU seconds: " + string.Join(", ", cpuSeconds.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value:F1}")));
        Report(results.ToList());
        var failures = results.Where(r => !(r.StateError <= Bound && r.OutputError <= Bound))
            .Select(r => $"{r.Model} on {r.Path}: state |Δ| {r.StateError:E2}, output |Δ| {r.OutputError:E2}").ToList();
        Assert.True(failures.Count == 0, "max |Δ| above 1e-5:\n" + string.Join("\n", failures));
        Assert.All(results, r => Assert.True(r.SameAsAutoPath, $"{r.Model}: Auto differs from {autoPath}"));
    }

    private void Report(List<Result> results)
    {
        var table = new StringBuilder("max |Δ| over 1000 steps, state / head output\n");
        table.Append(CultureInfo.InvariantCulture, $"{"model",-42}");
        foreach (var path in Paths)
            table.Append(CultureInfo.InvariantCulture, $"{path,-18}");
        table.AppendLine();
        foreach (var model in Grid)
        {
            table.Append(CultureInfo.InvariantCulture, $"{model,-42}");
            foreach (var path in Paths)
            {
                var r = results.Single(x => x.Model == model && x.Path == path);
                table.Append(CultureInfo.InvariantCulture, $"{$"{r.StateError:0.0E+0} / {r.OutputError:0.0E+0}",-18}");
            }
            table.AppendLine();
        }
        table.AppendLine().AppendLine("largest |Δ| (state or output) per path and cell:");
        foreach (var path in Paths)
        {
            table.Append(CultureInfo.InvariantCulture, $"  {path,-10}");
            foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
            {
                double max = results.Where(r => r.Path == path && r.Model.Cell == cell).Max(r => Math.Max(r.StateError, r.OutputError));
                table.Append(CultureInfo.InvariantCulture, $"  {(cell == CellKind.Gru ? "GRU" : "LSTM")} {max:0.00E+0}");
            }
            table.AppendLine();
        }
        output.WriteLine(table.ToString());
    }

    private static double MaxError(float[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= max))
                max = double.IsNaN(error) ? double.PositiveInfinity : error;
        }
        return max;
    }

    private static bool BitEqual(ModelCase.Trace<float> a, ModelCase.Trace<float> b) =>
        a.States.AsSpan().SequenceEqual(b.States) && a.Outputs.AsSpan().SequenceEqual(b.Outputs);
}
