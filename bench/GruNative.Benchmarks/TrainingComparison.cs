using BenchmarkDotNet.Attributes;
using GruNative.Benchmarks.Trainers;

namespace GruNative.Benchmarks;

/// <summary>
/// Training throughput: one optimiser step on a batch of 32 windows (lookback 96, horizon 24; I = 1, L = 1, O = 24)
/// by GruNative's trainer (the baseline) and by libtorch, each on 1 and 2 threads. Windows per second = 32 / time per
/// step (the "windows/s" column). GlobalSetup checks the trainer's loss against the reference, and libtorch's loss and
/// gradient against the trainer's, from the same initial weights.
/// </summary>
public class TrainingComparison : ICountsWindows
{
    private GruNativeTrainingStep? _gruNative;
    private LibtorchTrainingStep? _libtorch;

    [Params(CellKind.Gru, CellKind.Lstm)]
    public CellKind Cell { get; set; }

    [Params(16, 64, 128)]
    public int Hidden { get; set; }

    /// <summary>The trainer's worker threads (it shards the batch); libtorch's intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    public int WindowsPerInvocation => Workload.TrainingBatch;

    private ModelSpec Spec => new(Cell, inputSize: 1, Hidden, layers: 1, Workload.Horizon);

    [GlobalSetup(Target = nameof(Trainer))]
    public void SetupGruNative()
    {
        var batch = new TrainingBatch(Spec);
        _gruNative = new GruNativeTrainingStep(Spec, batch, Threads);
        TrainingCheck.TrainerAgainstReference(_gruNative, batch, Spec);
    }

    [GlobalSetup(Target = nameof(Libtorch))]
    public void SetupLibtorch()
    {
        var batch = new TrainingBatch(Spec);
        _libtorch = new LibtorchTrainingStep(Spec, batch, Threads);
        TrainingCheck.LibtorchAgainstTrainer(_libtorch, new GruNativeTrainingStep(Spec, batch, Threads), Spec);
    }

    [GlobalCleanup]
    public void Cleanup() => _libtorch?.Dispose();

    [Benchmark(Baseline = true, Description = "GruNative trainer (AdamW, λ = 0)")]
    public double Trainer() => _gruNative!.Step();

    [Benchmark(Description = "libtorch (Adam)")]
    public double Libtorch() => _libtorch!.Step();
}
