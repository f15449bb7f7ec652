using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Loader;
using GruNative.Kernels;
using GruNative.Reference;
using GruNative.Cli.Speed;

namespace GruNative.Cli.Tests;

// Each test compiles a kernel with Roslyn in process (about a second, several on the first one), so the tests share
// compilations where they can. Nothing here asserts on speed: only that the timing ran, on the real model, allocation-free.
public class GeneratedKernelTimerTests
{
    // Short rounds: these tests prove the measurement works, not how fast the machine is.
    private static readonly KernelTimingOptions Quick = new()
    {
        JitQuiet = TimeSpan.FromMilliseconds(200),
        MaxWarmUp = TimeSpan.FromSeconds(2),
        RoundDuration = TimeSpan.FromMilliseconds(20),
        Rounds = 3,
    };

    public static TheoryData<CellKind, int, int, int, int> Shapes => new()
    {
        { CellKind.Gru, 1, 16, 1, 4 },
        { CellKind.Lstm, 2, 8, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_timed_kernel_is_the_model_allocation_free_on_the_widest_path(CellKind cell, int input, int hidden, int layers, int output)
    {
        var spec = new ModelSpec(cell, input, hidden, layers, output);
        var weights = ModelWeights.CreateRandom(spec, seed: 11);
        using var kernel = CompiledKernel.Compile(spec);

        var timing = kernel.Time(weights, Quick);

        Assert.Equal(spec, timing.Spec);
        Assert.True(double.IsFinite(timing.NanosecondsPerStep) && timing.NanosecondsPerStep > 0, $"{timing.NanosecondsPerStep} ns/step");
        Assert.Equal(Quick.Rounds, timing.RoundNanosecondsPerStep.Count);
        Assert.All(timing.RoundNanosecondsPerStep, ns => Assert.True(double.IsFinite(ns) && ns > 0, $"{ns} ns/step"));
        Assert.InRange(timing.NanosecondsPerStep, timing.RoundNanosecondsPerStep.Min(), timing.RoundNanosecondsPerStep.Max());
        Assert.True(timing.StepsPerRound > 0);
        Assert.Equal(0, timing.AllocatedBytesPerStep);
        Assert.Equal(WidestPath(), timing.Path);
        Assert.True(timing.CompileTime > TimeSpan.Zero);
        Assert.True(timing.WarmUpTime >= Quick.JitQuiet || timing.WarmUpTime >= Quick.MaxWarmUp, $"warm-up {timing.WarmUpTime}");

        // The same compiled type that was timed, fed a fixed sequence, forecasts what the float64 reference does.
        float[] sequence = Sequence(steps: 40, input);
        float[] forecast = kernel.Forecast(weights, sequence);
        double[] expected = ReferenceForecast(weights, sequence);
        Assert.Equal(output, forecast.Length);
        for (int o = 0; o < output; o++)
            Assert.True(Math.Abs(forecast[o] - expected[o]) <= 1e-5, $"output {o}: kernel {forecast[o]:R}, reference {expected[o]:R}");

        // Other weights of this shape give another forecast: the weights are read at run time, not baked in.
        Assert.NotEqual(forecast, kernel.Forecast(ModelWeights.CreateRandom(spec, seed: 12), sequence));
    }

    [Fact]
    public void Trained_models_files_are_timed_in_order_with_one_compilation_per_shape()
    {
        using var dir = new TempFolder();
        var gru = new ModelSpec(CellKind.Gru, 1, 16, 1, 4);
        var lstm = new ModelSpec(CellKind.Lstm, 2, 8, 2, 3);
        SafeTensorsWeights.Save(ModelWeights.CreateRandom(gru, seed: 3), dir.File("a.safetensors"));
        SafeTensorsWeights.Save(ModelWeights.CreateRandom(lstm, seed: 4), dir.File("b.safetensors"));
        SafeTensorsWeights.Save(ModelWeights.CreateRandom(gru, seed: 5), dir.File("c.safetensors"));

        var timings = GeneratedKernelTimer.Measure([dir.File("a.safetensors"), dir.File("b.safetensors"), dir.File("c.safetensors")], Quick);

        Assert.Equal([gru, lstm, gru], timings.Select(t => t.Spec));
        Assert.All(timings, t =>
        {
            Assert.True(double.IsFinite(t.NanosecondsPerStep) && t.NanosecondsPerStep > 0, $"{t.NanosecondsPerStep} ns/step");
            Assert.Equal(0, t.AllocatedBytesPerStep);
        });
        // The two GRU files share one compiled kernel.
        Assert.Equal(timings[0].CompileTime, timings[2].CompileTime);
        Assert.NotEqual(timings[0].CompileTime, timings[1].CompileTime);
    }

    [Fact]
    public void A_broken_weights_file_is_a_clear_error_before_anything_is_compiled()
    {
        using var dir = new TempFolder();
        var bytes = SafeTensorsWeights.ToBytes(ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 2, 8, 2, 3), seed: 3));
        File.WriteAllBytes(dir.File("truncated.safetensors"), bytes[..(bytes.Length / 2)]);
        File.WriteAllText(dir.File("text.safetensors"), "this is not a model");

        foreach (string name in new[] { "truncated.safetensors", "text.safetensors" })
        {
            var e = Assert.Throws<WeightsFormatException>(() => GeneratedKernelTimer.Measure(dir.File(name), Quick));
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
        Assert.Throws<FileNotFoundException>(() => GeneratedKernelTimer.Measure(dir.File("missing.safetensors"), Quick));
    }

    [Fact]
    public void Weights_of_another_shape_are_refused_by_the_compiled_model()
    {
        using var kernel = CompiledKernel.Compile(new ModelSpec(CellKind.Gru, 1, 4, 1, 2));
        var other = ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 1, 5, 1, 2), seed: 1);

        Assert.Throws<WeightsFormatException>(() => kernel.Time(other, Quick));
        Assert.Throws<WeightsFormatException>(() => kernel.Forecast(other, [1f, 2f]));
    }

    [Fact]
    public void A_generator_error_names_the_diagnostic()
    {
        // 17 layers: the runtime accepts them, the generator does not (GRUN003, size out of range).
        var spec = new ModelSpec(CellKind.Gru, 1, 4, 17, 2);

        var e = Assert.Throws<KernelCompilationException>(() => CompiledKernel.Compile(spec));

        Assert.Equal("GRUN003", e.DiagnosticId);
        Assert.Contains("GruNative generator", e.Message, StringComparison.Ordinal);
        Assert.Contains("GRUN003", e.Message, StringComparison.Ordinal);
        Assert.Contains(spec.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compiler_error_names_the_diagnostic()
    {
        var spec = new ModelSpec(CellKind.Gru, 1, 4, 1, 2);
        string broken = TimingProgram.Source(spec).Replace("TimedModel.FromWeights(weights, \"<timed>\")", "TimedModel.FromWeightz(weights)", StringComparison.Ordinal);

        var e = Assert.Throws<KernelCompilationException>(() => CompiledKernel.Compile(spec, broken));

        Assert.Equal("CS0117", e.DiagnosticId);
        Assert.Contains("C# compiler", e.Message, StringComparison.Ordinal);
        Assert.Contains("FromWeightz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_unloads_the_compiled_assembly()
    {
        var context = CompileUseAndDispose();

        for (int i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(context.IsAlive, "the collectible load context was not collected after Dispose");
    }

    // Not inlined, so no local of the caller's frame keeps the kernel or its load context alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileUseAndDispose()
    {
        var spec = new ModelSpec(CellKind.Lstm, 1, 4, 1, 1);
        var kernel = CompiledKernel.Compile(spec);
        kernel.Forecast(ModelWeights.CreateRandom(spec, seed: 1), [0.5f]);
        var context = new WeakReference(AssemblyLoadContext.All.Single(c => c.Name == kernel.AssemblyName));
        kernel.Dispose();
        Assert.Throws<ObjectDisposedException>(() => kernel.Forecast(ModelWeights.CreateRandom(spec, seed: 1), [0.5f]));
        return context;
    }

    // The rule the generated code documents for VectorPath.Auto, evaluated in this process's JIT.
    private static VectorPath WidestPath() =>
        Vector512.IsHardwareAccelerated ? VectorPath.Vector512
        : Vector256.IsHardwareAccelerated ? VectorPath.Vector256
        : Vector128.IsHardwareAccelerated ? VectorPath.Vector128
        : VectorPath.Scalar;

    private static float[] Sequence(int steps, int inputSize)
    {
        var values = new float[steps * inputSize];
        for (int i = 0; i < values.Length; i++)
            values[i] = MathF.Sin(0.37f * i) + 0.1f * (i % 3);
        return values;
    }

    private static double[] ReferenceForecast(ModelWeights weights, float[] sequence)
    {
        var model = new ReferenceModel<double>(weights);
        var output = new double[weights.Spec.OutputSize];
        model.Forecast(sequence.Select(v => (double)v).ToArray(), output);
        return output;
    }
}
