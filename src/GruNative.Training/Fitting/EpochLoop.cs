using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using GruNative.Training.Optimization;

namespace GruNative.Training.Fitting;

/// <summary>
/// What every trainer's epoch loop does around its own forward and backward passes: AdamW, the learning-rate schedule,
/// the shuffle of each epoch's order, gradient clipping, early stopping (<see cref="EarlyStopping"/>) and the checkpoint
/// after every epoch. A trainer computes its batches' gradients and its validation error; this does the rest, in one
/// order, so that a resumed run of any trainer continues exactly where the checkpoint left it.
/// </summary>
/// <remarks>
/// Use: <c>while (loop.Continues) { int epoch = loop.BeginEpoch(order); … loop.Step(…) per batch …;
/// var report = loop.EndEpoch(…); }</c>. Everything that changes from epoch to epoch — the weights, AdamW's moments,
/// the schedule's plateau state, the shuffle's random state, the bookkeeping — is in the checkpoint; anything else a
/// trainer draws (dropout masks) must be a function of the seed and the epoch number.
/// </remarks>
internal sealed class EpochLoop
{
    private readonly AdamW _optimizer;
    private readonly LearningRateSchedule _schedule;
    private readonly DeterministicRandom _shuffle;
    private readonly Checkpoint? _checkpoint;
    private readonly double _clipNorm;
    private Stopwatch _clock = new();
    private double _rate, _largestNorm;

    /// <summary>Starts a run of <paramref name="options"/> on <paramref name="values"/> (the initial weights, trained in place).</summary>
    /// <param name="options">Epochs, learning rate and schedule, weight decay, clipping, patience, fixed length.</param>
    /// <param name="values">The weights; with <paramref name="resume"/>, overwritten by the checkpoint's.</param>
    /// <param name="shuffle">Draws each epoch's order; its state is saved and restored with the checkpoint.</param>
    /// <param name="checkpoint">Saved after every epoch, or null for none.</param>
    /// <param name="resume">Restore <paramref name="checkpoint"/> first.</param>
    /// <exception cref="CheckpointException">The checkpoint cannot be resumed.</exception>
    public EpochLoop(TrainingOptions options, float[] values, DeterministicRandom shuffle, Checkpoint? checkpoint, bool resume)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (resume && checkpoint is null)
            throw new ArgumentException("Resuming needs a checkpoint.", nameof(checkpoint));
        _optimizer = new AdamW(values.Length, weightDecay: options.WeightDecay);
        // The cosine ends at 1% of the peak rather than 0, so its last epoch still learns.
        _schedule = new LearningRateSchedule(options.Schedule, options.LearningRate, options.Epochs, options.WarmupEpochs, minimumRate: options.LearningRate / 100);
        _shuffle = shuffle;
        _checkpoint = checkpoint;
        _clipNorm = options.ClipNorm;
        State = new EarlyStopping(options, values);
        if (resume)
            checkpoint!.Restore(values, _optimizer, _schedule, _shuffle, State);
    }

    /// <summary>The bookkeeping: history, best epoch and weights, and the weights the run returns.</summary>
    public EarlyStopping State { get; }

    /// <summary>Whether another epoch runs.</summary>
    public bool Continues => State.Continues;

    /// <summary>Starts the next epoch: fills <paramref name="order"/> with 0 … n − 1 shuffled, and returns the epoch (0-based).</summary>
    public int BeginEpoch(Span<int> order)
    {
        _clock = Stopwatch.StartNew();
        int epoch = State.EpochsDone;
        _rate = _schedule.RateFor(epoch);
        _largestNorm = 0;
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        _shuffle.Shuffle(order);
        return epoch;
    }

    /// <summary>
    /// One optimiser step from a batch's summed gradient: scales it by <paramref name="meanFactor"/> (1 over the
    /// batch's values, so the loss is their mean), clips it by global norm and applies AdamW at the epoch's rate.
    /// </summary>
    /// <exception cref="ArithmeticException">The gradient is not finite.</exception>
    public void Step(float[] values, Span<float> gradient, float meanFactor)
    {
        TensorPrimitives.Multiply(gradient, meanFactor, gradient);
        _largestNorm = Math.Max(_largestNorm, GradientClipping.ClipByGlobalNorm(gradient, _clipNorm));
        _optimizer.Step(values, gradient, _rate);
    }

    /// <summary>
    /// Ends the epoch: records it (<see cref="EarlyStopping.Complete"/>), lets the schedule see the validation criterion
    /// (<paramref name="validationLoss"/> when given, else the MSE), and saves the checkpoint.
    /// </summary>
    /// <returns>The epoch's report.</returns>
    /// <exception cref="ArithmeticException">The validation error is not finite.</exception>
    public EpochReport EndEpoch(float[] values, double trainMse, double validationMse, double? validationLoss = null)
    {
        var report = State.Complete(values, trainMse, validationMse, _rate, _largestNorm, _clock.Elapsed.TotalSeconds, validationLoss);
        _schedule.Observe(report.Criterion);
        _checkpoint?.Save(values, _optimizer, _schedule, _shuffle, State);
        return report;
    }
}
