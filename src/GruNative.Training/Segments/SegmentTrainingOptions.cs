using System;
using System.Collections.Generic;
using System.Globalization;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// Everything besides the shape and the data that decides what a <see cref="SegmentTrainer"/> run computes: the
/// optimisation settings every trainer shares (<see cref="Optimization"/>) and the segment model's own (dropout before
/// <c>predict.1</c>, the loss). Equal options, shape and data give bit-identical weights on the same machine, whatever
/// <see cref="TrainingOptions.Threads"/> is.
/// </summary>
/// <remarks>
/// The optimisation settings are the plain trainer's <see cref="TrainingOptions"/>, reused rather than copied: epochs,
/// batch, learning rate and schedule, weight decay, clipping, patience, seed, threads, shard size and the fixed-length
/// refit mean the same here, with the same checks. Its <see cref="TrainingOptions.Dropout"/> (between stacked recurrent
/// layers) has no place in a one-layer segment model and must stay 0; the segment model's dropout is
/// <see cref="Dropout"/>. Its loss settings stay at their defaults too: a segment model's are <see cref="Loss"/>,
/// <see cref="HuberDelta"/> and <see cref="Quantile"/>, whose default (MAE) is not the plain models' (MSE).
/// </remarks>
public sealed record SegmentTrainingOptions
{
    /// <summary>
    /// Epochs, batch, AdamW, schedule, clipping, early stopping, seed, threads and shards. Defaults to
    /// <see cref="TrainingOptions"/>' own but for 256 windows per batch (SegRNN's) in shards of 64: a segment network's
    /// batched products want rows, and an ETTh1 M epoch is 57k channel windows.
    /// </summary>
    public TrainingOptions Optimization { get; init; } = new() { BatchSize = 256, ShardSize = 64 };

    /// <summary>
    /// p of the dropout on the state each future segment is predicted from (SegRNN's <c>predict</c> = Dropout, Linear),
    /// in [0, 1); default 0. Masks are drawn from the seed, the epoch and each window's place in the epoch's order.
    /// </summary>
    public double Dropout { get; init; }

    /// <summary>The loss averaged over each batch's windows and horizon steps (default MAE, which SegRNN's author recommends).</summary>
    public ForecastLoss Loss { get; init; } = ForecastLoss.AbsoluteError;

    /// <summary>δ of <see cref="ForecastLoss.Huber"/> (default 1, PyTorch's); positive.</summary>
    public double HuberDelta { get; init; } = 1;

    /// <summary>
    /// τ of <see cref="ForecastLoss.Pinball"/>, in (0, 1) (default 0.5): the model forecasts the τ-quantile, and early
    /// stopping chooses the epoch with the lowest mean pinball loss at τ on the validation windows, not the lowest MSE.
    /// </summary>
    public double Quantile { get; init; } = 0.5;

    /// <summary>The problem with these options, or null when they are usable.</summary>
    public string? FindProblem()
    {
        if (Optimization is null) return "the optimisation options are missing";
        if (Optimization.FindProblem() is string problem) return problem;
        if (Optimization.Dropout != 0) return $"the stacked-layer dropout does not apply to a segment model; set the segment dropout instead (got {Optimization.Dropout})";
        if (Optimization.Loss != ForecastLoss.SquaredError) return $"a segment model's loss is the segment options' own (Loss, HuberDelta, Quantile); leave the optimisation options' at its default (got {Optimization.Loss})";
        if (!(Dropout >= 0 && Dropout < 1)) return $"the dropout must lie in [0, 1) (got {Dropout})";
        if (!Enum.IsDefined(Loss)) return $"unknown loss {Loss}";
        if (!(HuberDelta > 0 && double.IsFinite(HuberDelta))) return $"the Huber delta must be positive (got {HuberDelta})";
        if (!(Quantile > 0 && Quantile < 1)) return $"the quantile level must lie in (0, 1) (got {Quantile})";
        return null;
    }

    /// <summary>
    /// The options that decide the numbers, as name → invariant text, for checkpoints: <see cref="Optimization"/>'s
    /// (<see cref="TrainingOptions.Fingerprint"/>, whose <c>dropout</c> is always absent here) with the segment dropout as
    /// <c>dropout</c> when it is not 0, the loss, δ with the Huber loss and τ with the pinball loss (the other losses read
    /// neither).
    /// </summary>
    public SortedDictionary<string, string> Fingerprint()
    {
        var fingerprint = Optimization.Fingerprint();
        if (Dropout != 0)
            fingerprint["dropout"] = Dropout.ToString("R", CultureInfo.InvariantCulture);
        ForecastLossNames.AddTo(fingerprint, Loss, HuberDelta, Quantile);
        return fingerprint;
    }
}
