using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Training.Segments;

/// <summary>
/// Trains a channel-independent segment model (<see cref="SegmentNetwork{T}"/>) on a dataset's training windows, every
/// column of every window a univariate window with its channel id (<see cref="SegmentWindows"/>): shuffled
/// mini-batches, the loss averaged over each batch's windows and horizon steps (PyTorch's mean reduction), gradient
/// clipping by global norm, AdamW and a learning-rate schedule, and early stopping on the validation MSE
/// (<see cref="ModelEvaluation"/> of a <see cref="SegmentForecaster"/>, on the scoring scale) that keeps the best epoch's weights.
/// </summary>
/// <remarks>
/// <para>
/// Deterministic: the initial weights come from the seed (<see cref="SegmentParameterInitializer"/>), each epoch's order
/// from a <see cref="DeterministicRandom"/> seeded from it, and each window's dropout masks from a hash of (seed, epoch,
/// batch, place in the batch); batches are cut into shards of a fixed size whose gradients are summed in shard order.
/// The same options, shape and data give bit-identical weights whatever the thread count.
/// </para>
/// <para>
/// The dataset must have no window normalisation (<see cref="WindowNormalization.None"/>) and no target transform: the
/// model subtracts each window's last value itself. Not yet resumable: there is no checkpoint.
/// </para>
/// </remarks>
public sealed class SegmentTrainer
{
    private readonly SegmentModelSpec _shape;
    private readonly SegmentTrainingOptions _options;
    private readonly WindowedDataset _data;
    private readonly SegmentWindows _train;

    /// <summary>Prepares a run on the training and validation windows of <paramref name="data"/>; nothing is computed until <see cref="Run"/>.</summary>
    /// <param name="shape">The model: L and H of the dataset's task; with channel ids, C = its K columns.</param>
    /// <param name="options">Optimisation and segment settings.</param>
    /// <param name="data">The data: the same columns in and out, no window normalisation, no transform.</param>
    /// <exception cref="ArgumentException">Invalid options, a dataset that cannot feed a segment model, a shape that does not fit it, or an empty split.</exception>
    public SegmentTrainer(SegmentModelSpec shape, SegmentTrainingOptions options, WindowedDataset data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FindProblem() is string problem)
            throw new ArgumentException($"Invalid training options: {problem}.", nameof(options));
        _train = new SegmentWindows(data, DatasetSplit.Train);
        _train.CheckFits(shape);
        foreach (var split in (ReadOnlySpan<DatasetSplit>)[DatasetSplit.Train, DatasetSplit.Validation])
        {
            if (data.WindowCount(split) < 1)
                throw new ArgumentException($"The {split} split holds no window.", nameof(data));
        }
        _shape = shape;
        _options = options;
        _data = data;
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Shape => _shape;

    /// <summary>Trains until the last epoch or until early stopping.</summary>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellation">Stops between batches.</param>
    /// <returns>The best epoch's weights (the last epoch's for a fixed-length run) and the history.</returns>
    /// <exception cref="ArithmeticException">The loss, the gradient or the validation error stopped being finite.</exception>
    public SegmentTrainingResult Run(Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        var o = _options.Optimization;
        int batch = o.BatchSize, lookback = _shape.Lookback, horizon = _shape.Horizon;
        var workers = new SegmentShardedGradient(_shape, batch, o.ShardSize, o.Threads, _options.Dropout, _options.Loss, _options.HuberDelta);
        ulong seed = unchecked((ulong)o.Seed);
        float[] values = SegmentParameterInitializer.Create<float>(workers.Layout, seed);
        var validation = new SegmentForecaster(_shape, values, _data, o.Threads, o.ShardSize);   // reads values as they are trained
        float[] best = (float[])values.Clone();
        var optimizer = new AdamW(values.Length, weightDecay: o.WeightDecay);
        var schedule = new LearningRateSchedule(o.Schedule, o.LearningRate, o.Epochs, o.WarmupEpochs, minimumRate: o.LearningRate / 100);
        // Separate streams of the seed: the initial weights draw from the seed itself, the order and the masks from these.
        var shuffle = new DeterministicRandom(DeterministicRandom.At(seed, 0x5E6));
        ulong dropoutRoot = DeterministicRandom.At(seed, 0xD80);

        var gradient = new float[values.Length];
        var windows = new float[batch * lookback];
        var channels = new int[_shape.UsesChannelIds ? batch : 0];
        var targets = new float[batch * horizon];
        var order = new int[_train.Count];
        var history = new List<EpochReport>();
        int bestEpoch = 0, sinceBest = 0;
        double bestMse = double.PositiveInfinity;
        bool fixedLength = o.StopAfterEpochs is not null;
        int epochs = o.StopAfterEpochs ?? o.Epochs;

        for (int epoch = 0; epoch < epochs && (fixedLength || sinceBest < o.Patience); epoch++)
        {
            var clock = Stopwatch.StartNew();
            double rate = schedule.RateFor(epoch);
            for (int i = 0; i < order.Length; i++)
                order[i] = i;
            shuffle.Shuffle(order);
            ulong epochKey = DeterministicRandom.At(dropoutRoot, (ulong)epoch);
            double squared = 0, largestNorm = 0;
            for (int start = 0; start < order.Length; start += batch)
            {
                cancellation.ThrowIfCancellationRequested();
                int count = Math.Min(batch, order.Length - start);
                _train.Gather(order.AsSpan(start, count), windows.AsSpan(0, count * lookback), channels.AsSpan(0, Math.Min(count, channels.Length)),
                    targets.AsSpan(0, count * horizon));
                double loss = workers.LossAndGradient(values, windows, channels, targets, count, gradient, DeterministicRandom.At(epochKey, (ulong)start));
                if (!double.IsFinite(loss))
                    throw new ArithmeticException($"Epoch {epoch + 1}: the training loss is not finite; lower the learning rate or check the data.");
                squared += workers.LastSquaredError;
                // The batch's loss is the mean over its windows and horizon steps, as PyTorch's reduction='mean'.
                TensorPrimitives.Multiply(gradient, (float)(1.0 / ((double)count * horizon)), gradient);
                largestNorm = Math.Max(largestNorm, GradientClipping.ClipByGlobalNorm(gradient, o.ClipNorm));
                optimizer.Step(values, gradient, rate);
            }

            double validationMse = ModelEvaluation.Evaluate(validation, _data, DatasetSplit.Validation).MeanSquaredError;
            if (!double.IsFinite(validationMse))
                throw new ArithmeticException($"Epoch {epoch + 1}: the validation error is not finite; lower the learning rate or check the data.");
            bool isBest = validationMse < bestMse;
            if (isBest)
            {
                (bestMse, bestEpoch, sinceBest) = (validationMse, epoch + 1, 0);
                values.CopyTo(best, 0);
            }
            else
            {
                sinceBest++;
            }
            schedule.Observe(validationMse);
            var report = new EpochReport(epoch + 1, squared / ((double)order.Length * horizon), validationMse, rate, largestNorm, clock.Elapsed.TotalSeconds, isBest);
            history.Add(report);
            progress?.Invoke(report);
        }

        // A fixed-length run (a refit) keeps its final weights, as the plain trainer does.
        return fixedLength
            ? new SegmentTrainingResult(_shape, values, history.Count, history[^1].ValidationMse, history, StoppedEarly: false)
            : new SegmentTrainingResult(_shape, best, bestEpoch, bestMse, history, StoppedEarly: sinceBest >= o.Patience && history.Count < epochs);
    }
}
