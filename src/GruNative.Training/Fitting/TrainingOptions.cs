using System;
using System.Collections.Generic;
using System.Globalization;
using GruNative.Training.Network;
using GruNative.Training.Optimization;

namespace GruNative.Training.Fitting;

/// <summary>
/// Everything that decides what a training run computes, besides the data. Two runs with equal options and equal data
/// produce bit-identical weights on the same machine, whatever <see cref="Threads"/> is.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum number of epochs (default 100).</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Windows per optimiser step (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decoupled weight decay λ of AdamW (default 0: plain Adam).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Maximum global gradient norm (default 1; PyTorch's clip_grad_norm_).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Learning-rate schedule after warm-up (default cosine).</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;

    /// <summary>Epochs of linear warm-up (default 0).</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Early stopping: epochs without a better validation error before training stops (default 10).</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Seed of the initial weights and of the batch order (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Worker threads for the batch's shards (default: every core). Does not change the result.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Windows per shard: a batch is cut into shards of this size, each shard's gradient is computed on its own and the
    /// shard gradients are summed in shard order, so the result does not depend on the thread count (default 8).
    /// </summary>
    public int ShardSize { get; init; } = 8;

    /// <summary>
    /// Dropout between stacked recurrent layers, p in [0, 1) (default 0: none), as PyTorch's <c>dropout=p</c> of
    /// <c>nn.GRU</c>/<c>nn.LSTM</c>: while training, each output of a layer that the layer above reads is zeroed with
    /// probability p and the rest are scaled by 1/(1 − p); the top layer's outputs are never dropped and evaluation and
    /// forecasting never drop anything. It therefore needs at least 2 layers: with 1 it is accepted and changes nothing
    /// (PyTorch warns in that case). Masks are drawn from <see cref="Seed"/>, the epoch and each window's position in the
    /// epoch's order, so they do not depend on <see cref="Threads"/> and a resumed run draws the same ones.
    /// </summary>
    public double Dropout { get; init; }

    /// <summary>
    /// The loss the plain trainer minimises (default <see cref="ForecastLoss.SquaredError"/>, the MSE the benchmarks
    /// report). With <see cref="ForecastLoss.Pinball"/> the model forecasts the <see cref="Quantile"/>-quantile and early
    /// stopping keeps the epoch with the lowest validation pinball loss, not the lowest MSE. A segment model's loss is
    /// <c>SegmentTrainingOptions.Loss</c>; there this one stays at its default.
    /// </summary>
    public ForecastLoss Loss { get; init; } = ForecastLoss.SquaredError;

    /// <summary>δ of <see cref="ForecastLoss.Huber"/> (default 1, PyTorch's); positive.</summary>
    public double HuberDelta { get; init; } = 1;

    /// <summary>τ of <see cref="ForecastLoss.Pinball"/>, in (0, 1) (default 0.5).</summary>
    public double Quantile { get; init; } = 0.5;

    /// <summary>
    /// When set, train exactly this many epochs — no early stopping — and keep the final weights rather than those of the
    /// best validation epoch; the learning-rate schedule still spans <see cref="Epochs"/>, so the run replays the first
    /// epochs of an early-stopped one. This is the refit: after a run on the training rows stopped early at its best
    /// epoch E, the same options with <c>StopAfterEpochs = E</c> train on the training and validation rows together.
    /// </summary>
    public int? StopAfterEpochs { get; init; }

    /// <summary>The problem with these options, or null when they are usable.</summary>
    public string? FindProblem()
    {
        if (Epochs < 1) return $"epochs must be at least 1 (got {Epochs})";
        if (BatchSize < 1) return $"the batch size must be at least 1 (got {BatchSize})";
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) return $"the learning rate must be positive (got {LearningRate})";
        if (!(WeightDecay >= 0 && double.IsFinite(WeightDecay))) return $"the weight decay must not be negative (got {WeightDecay})";
        if (!(ClipNorm > 0 && double.IsFinite(ClipNorm))) return $"the clipping norm must be positive (got {ClipNorm})";
        if (!Enum.IsDefined(Schedule)) return $"unknown schedule {Schedule}";
        if (WarmupEpochs < 0 || WarmupEpochs >= Epochs) return $"warm-up epochs must lie in [0, epochs) (got {WarmupEpochs})";
        if (Patience < 1) return $"the patience must be at least 1 epoch (got {Patience})";
        if (Threads < 1) return $"threads must be at least 1 (got {Threads})";
        if (ShardSize < 1) return $"the shard size must be at least 1 (got {ShardSize})";
        if (!(Dropout >= 0 && Dropout < 1)) return $"the dropout must lie in [0, 1) (got {Dropout})";
        if (StopAfterEpochs is int stop && (stop < 1 || stop > Epochs)) return $"the epochs to stop after must lie in [1, epochs = {Epochs}] (got {stop})";
        if (!Enum.IsDefined(Loss)) return $"unknown loss {Loss}";
        if (!(HuberDelta > 0 && double.IsFinite(HuberDelta))) return $"the Huber delta must be positive (got {HuberDelta})";
        if (!(Quantile > 0 && Quantile < 1)) return $"the quantile level must lie in (0, 1) (got {Quantile})";
        return null;
    }

    /// <summary>
    /// The options that decide the numbers (all but <see cref="Threads"/>), as name → invariant text: a checkpoint stores
    /// them and a resumed run must match them. <see cref="Dropout"/> appears only when it is not 0, and the loss only when
    /// it is not the MSE (with δ or τ where it reads one), so the fingerprints (and checkpoints) of runs without them are
    /// those of the versions before they existed.
    /// </summary>
    public SortedDictionary<string, string> Fingerprint()
    {
        var fingerprint = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
            ["batch_size"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["learning_rate"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["weight_decay"] = WeightDecay.ToString("R", CultureInfo.InvariantCulture),
            ["clip_norm"] = ClipNorm.ToString("R", CultureInfo.InvariantCulture),
            ["schedule"] = Schedule.ToString().ToLowerInvariant(),
            ["warmup_epochs"] = WarmupEpochs.ToString(CultureInfo.InvariantCulture),
            ["patience"] = Patience.ToString(CultureInfo.InvariantCulture),
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["shard_size"] = ShardSize.ToString(CultureInfo.InvariantCulture),
        };
        if (Dropout != 0)
            fingerprint["dropout"] = Dropout.ToString("R", CultureInfo.InvariantCulture);
        if (StopAfterEpochs is int stop)
            fingerprint["stop_after_epochs"] = stop.ToString(CultureInfo.InvariantCulture);
        if (Loss != ForecastLoss.SquaredError)
            ForecastLossNames.AddTo(fingerprint, Loss, HuberDelta, Quantile);
        return fingerprint;
    }
}
