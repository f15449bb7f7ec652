using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GruNative;
using GruNative.Benchmarks;
using GruNative.Benchmarks.Aot;
using GruNative.Benchmarks.Aot.BesideRtNeural;
using GruNative.Benchmarks.Aot.Output;
using GruNative.Kernels;

// Median ns per Step + Predict for every benchmark model, timed with Stopwatch over batches of steps after a warm-up
// long enough for the JIT to reach its final tier.
//   [FILTER]            a Markdown table row per model whose label contains FILTER (all by default) and path; the
//                       bfloat16 twins (StepModels.BFloat16.cs) are labelled "… bf16"
//   --lines [--bf16] [NAME...]   for bench/rtneural-compare.sh: "GRU_I1_H8 <ns>" per one-layer model named (all by
//                       default), Auto path only, after the measured clock (Output/StepTimeLines.cs); with --bf16 the
//                       bfloat16 twins instead, under the same names
//   --rtneural-tables RAW   no timing: the Markdown tables of docs/benchmarks.md's "Beside RTNeural, in the same run"
//                       from the raw folder bench/rtneural-compare.sh wrote (BesideRtNeural/RawRunFolder.cs)
if (args is ["--rtneural-tables", string raw])
{
    try
    {
        Console.Write(RawRunFolder.BuildTables(raw));
        return 0;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
    {
        Console.Error.WriteLine($"--rtneural-tables {raw}: {e.Message}");
        return 2;
    }
}

IHarnessOutput output;
bool fp32 = true, bf16 = true;
if (args.FirstOrDefault() == "--lines")
{
    bf16 = args.Length > 1 && args[1] == "--bf16";
    fp32 = !bf16;
    var shapes = new HashSet<StepShape>();
    foreach (string name in args.Skip(bf16 ? 2 : 1))
    {
        if (!StepShape.TryParse(name, out var shape))
        {
            Console.Error.WriteLine($"--lines: '{name}' is not a model name such as GRU_I1_H8 or LSTM_I8_H256.");
            return 2;
        }
        shapes.Add(shape);
    }
    output = new StepTimeLines(shapes);
}
else
{
    output = new MarkdownRows(args.FirstOrDefault() ?? "");
}

Console.WriteLine($"# {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}");
output.WriteHeader();
if (fp32)
    RunFp32();
if (bf16)
    RunBFloat16();
return 0;

void RunFp32()
{
Run<GruI1H8, GruI1H8.State>(); Run<GruI1H16, GruI1H16.State>(); Run<GruI1H32, GruI1H32.State>(); Run<GruI1H64, GruI1H64.State>();
Run<GruI1H128, GruI1H128.State>(); Run<GruI1H256, GruI1H256.State>(); Run<GruI8H8, GruI8H8.State>(); Run<GruI8H16, GruI8H16.State>();
Run<GruI8H32, GruI8H32.State>(); Run<GruI8H64, GruI8H64.State>(); Run<GruI8H128, GruI8H128.State>(); Run<GruI8H256, GruI8H256.State>();
Run<GruI1H64L2, GruI1H64L2.State>();
Run<LstmI1H8, LstmI1H8.State>(); Run<LstmI1H16, LstmI1H16.State>(); Run<LstmI1H32, LstmI1H32.State>(); Run<LstmI1H64, LstmI1H64.State>();
Run<LstmI1H128, LstmI1H128.State>(); Run<LstmI1H256, LstmI1H256.State>(); Run<LstmI8H8, LstmI8H8.State>(); Run<LstmI8H16, LstmI8H16.State>();
Run<LstmI8H32, LstmI8H32.State>(); Run<LstmI8H64, LstmI8H64.State>(); Run<LstmI8H128, LstmI8H128.State>(); Run<LstmI8H256, LstmI8H256.State>();
Run<LstmI1H64L2, LstmI1H64L2.State>();
}

void RunBFloat16()
{
Run<GruI1H8Bf16, GruI1H8Bf16.State>(" bf16"); Run<GruI1H16Bf16, GruI1H16Bf16.State>(" bf16"); Run<GruI1H32Bf16, GruI1H32Bf16.State>(" bf16");
Run<GruI1H64Bf16, GruI1H64Bf16.State>(" bf16"); Run<GruI1H128Bf16, GruI1H128Bf16.State>(" bf16"); Run<GruI1H256Bf16, GruI1H256Bf16.State>(" bf16");
Run<GruI8H8Bf16, GruI8H8Bf16.State>(" bf16"); Run<GruI8H16Bf16, GruI8H16Bf16.State>(" bf16"); Run<GruI8H32Bf16, GruI8H32Bf16.State>(" bf16");
Run<GruI8H64Bf16, GruI8H64Bf16.State>(" bf16"); Run<GruI8H128Bf16, GruI8H128Bf16.State>(" bf16"); Run<GruI8H256Bf16, GruI8H256Bf16.State>(" bf16");
Run<LstmI1H8Bf16, LstmI1H8Bf16.State>(" bf16"); Run<LstmI1H16Bf16, LstmI1H16Bf16.State>(" bf16"); Run<LstmI1H32Bf16, LstmI1H32Bf16.State>(" bf16");
Run<LstmI1H64Bf16, LstmI1H64Bf16.State>(" bf16"); Run<LstmI1H128Bf16, LstmI1H128Bf16.State>(" bf16"); Run<LstmI1H256Bf16, LstmI1H256Bf16.State>(" bf16");
Run<LstmI8H8Bf16, LstmI8H8Bf16.State>(" bf16"); Run<LstmI8H16Bf16, LstmI8H16Bf16.State>(" bf16"); Run<LstmI8H32Bf16, LstmI8H32Bf16.State>(" bf16");
Run<LstmI8H64Bf16, LstmI8H64Bf16.State>(" bf16"); Run<LstmI8H128Bf16, LstmI8H128Bf16.State>(" bf16"); Run<LstmI8H256Bf16, LstmI8H256Bf16.State>(" bf16");
}

void Run<TModel, TState>(string labelSuffix = "")
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    string label = StepRunner<TModel, TState>.Label + labelSuffix;
    if (!output.Wants(TModel.Spec, label))
        return;
    foreach (var path in output.Paths)
    {
        var runner = new StepRunner<TModel, TState>(path);
        output.Write(TModel.Spec, label, path, Time(ref runner, TModel.Spec.FlopsPerStep));
    }
}

static double Time<TModel, TState>(ref StepRunner<TModel, TState> runner, long flops)
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    int batch = (int)Math.Clamp(20_000_000 / flops, 200, 200_000);
    for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 300;)
        Loop(ref runner, batch);
    var samples = new double[15];
    for (int s = 0; s < samples.Length; s++)
    {
        long start = Stopwatch.GetTimestamp();
        Loop(ref runner, batch);
        samples[s] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
    }
    Array.Sort(samples);
    return samples[samples.Length / 2];
}

[MethodImpl(MethodImplOptions.NoInlining)]
static void Loop<TModel, TState>(ref StepRunner<TModel, TState> runner, int steps)
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    for (int i = 0; i < steps; i++)
        runner.StepAndPredict();
}
