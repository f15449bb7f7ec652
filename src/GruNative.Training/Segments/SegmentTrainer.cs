using System;
using System.Threading;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// Trains a channel-independent segment model (<see cref="SegmentNetwork{T}"/>) on a dataset's training windows, every
/// column of every window a univariate window with its channel id (<see cref="SegmentWindows"/>): shuffled
/// mini-batches, the loss averaged over each batch's windows and horizon steps (PyTorch's mean reduction), gradient
/// clipping by global norm, AdamW and a learning-rate schedule, and early stopping on the validation MSE
/// (<see cref="ModelEvaluation"/> of a <see cref="SegmentForecaster"/>, on the scoring scale) that keeps the best epoch's
/// weights. With a checkpoint folder it saves its whole state after every epoch and can resume from it, ending
/// bit-identical to a run that was never interrupted.
/// </summary>
/// <remarks>
/// <para>
/// Deterministic: the initial weights come from the seed (<see cref="SegmentParameterInitializer"/>), each epoch's order
/// from a <see cref="DeterministicRandom"/> seeded from it (its state is checkpointed), and each window's dropout masks
/// from a hash of (seed, epoch, batch, place in the batch), which a resumed run recomputes from the epoch number; batches
/// are cut into shards of a fixed size whose gradients are summed in shard order. The same options, shape and data give
/// bit-identical weights whatever the thread count. The optimiser, schedule, early stopping and checkpoints are the
/// plain trainer's (<see cref="EpochLoop"/>), in the same checkpoint format, whose identity names the model by
/// <see cref="SegmentModelSpec.ToString"/>.
/// </para>
/// <para>
/// The dataset must have no window normalisation (<see cref="WindowNormalization.None"/>) and no target transform: the
/// model subtracts each window's last value itself. A fixed-length run (<see cref="TrainingOptions.StopAfterEpochs"/>,
/// the refit) needs no validation windows: without them its history's "validation" MSE is measured on its training
/// windows, as the plain refit's is.
/// </para>
/// </remarks>
public sealed class SegmentTrainer
{
    private readonly SegmentModelSpec _shape;
    private readonly SegmentTrainingOptions _options;
    private readonly WindowedDataset _data;
    private readonly SegmentWindows _train;
    private readonly DatasetSplit _scored;   // the split each epoch's "validation" MSE is measured on
    private readonly string _dataFingerprint;

    /// <summary>Prepares a run on the training and validation windows of <paramref name="data"/>; nothing is computed until <see cref="Run"/>.</summary>
    /// <param name="shape">The model: L and H of the dataset's task; with channel ids, C = its K columns.</param>
    /// <param name="options">Optimisation and segment settings.</param>
    /// <param name="data">The data: the same columns in and out, no window normalisation, no transform.</param>
    /// <param name="dataFingerprint">Identifies the data and its preparation; a checkpoint made from other data will not resume.</param>
    /// <exception cref="ArgumentException">
    /// Invalid options, a dataset that cannot feed a segment model, a shape that does not fit it, no training window, or
    /// no validation window for a run that stops early.
    /// </exception>
    public SegmentTrainer(SegmentModelSpec shape, SegmentTrainingOptions options, WindowedDataset data, string dataFingerprint)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFingerprint);
        if (options.FindProblem() is string problem)
            throw new ArgumentException($"Invalid training options: {problem}.", nameof(options));
        _train = new SegmentWindows(data, DatasetSplit.Train);
        _train.CheckFits(shape);
        if (data.WindowCount(DatasetSplit.Train) < 1)
            throw new ArgumentException($"The {DatasetSplit.Train} split holds no window.", nameof(data));
        bool fixedLength = options.Optimization.StopAfterEpochs is not null;
        if (data.WindowCount(DatasetSplit.Validation) < 1 && !fixedLength)
            throw new ArgumentException($"The {DatasetSplit.Validation} split holds no window; early stopping needs them (a fixed-length run does not).", nameof(data));
        _scored = data.WindowCount(DatasetSplit.Validation) > 0 ? DatasetSplit.Validation : DatasetSplit.Train;
        _shape = shape;
        _options = options;
        _data = data;
        _dataFingerprint = dataFingerprint;
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Shape => _shape;

    /// <summary>Whether <paramref name="checkpointFolder"/> holds a checkpoint that <see cref="Run"/> could try to resume.</summary>
    public static bool CheckpointExists(string checkpointFolder) => Checkpoint.ExistsIn(checkpointFolder);

    /// <summary>
    /// Trains until the last epoch or until early stopping. With <paramref name="checkpointFolder"/>, saves a checkpoint
    /// after every epoch; with <paramref name="resume"/>, first restores the checkpoint found there (an error if it is
    /// missing, damaged, or from another model, data or options).
    /// </summary>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="checkpointFolder">Where the checkpoint lives, or null for none.</param>
    /// <param name="resume">Continue from the checkpoint in <paramref name="checkpointFolder"/>.</param>
    /// <param name="batchDone">Called after every batch with (epoch, batches done in the epoch, batches per epoch), for live displays.</param>
    /// <param name="cancellation">Stops between batches; the last completed epoch's checkpoint stays.</param>
    /// <returns>The best epoch's weights (the last epoch's for a fixed-length run) and the history.</returns>
    /// <exception cref="CheckpointException">The checkpoint cannot be resumed.</exception>
    /// <exception cref="ArithmeticException">The loss, the gradient or the validation error stopped being finite.</exception>
    public SegmentTrainingResult Run(Action<EpochReport>? progress = null, string? checkpointFolder = null, bool resume = false,
        Action<int, int, int>? batchDone = null, CancellationToken cancellation = default)
    {
        if (resume && checkpointFolder is null)
            throw new ArgumentException("Resuming needs the checkpoint folder.", nameof(checkpointFolder));
        var o = _options.Optimization;
        int batch = o.BatchSize, lookback = _shape.Lookback, horizon = _shape.Horizon;
        var workers = new SegmentShardedGradient(_shape, batch, o.ShardSize, o.Threads, _options.Dropout, _options.Loss, _options.HuberDelta, _options.Quantile);
        ulong seed = unchecked((ulong)o.Seed);
        float[] values = SegmentParameterInitializer.Create<float>(workers.Layout, seed);
        // Separate streams of the seed: the initial weights draw from the seed itself, the order and the masks from these.
        var shuffle = new DeterministicRandom(DeterministicRandom.At(seed, 0x5E6));
        ulong dropoutRoot = DeterministicRandom.At(seed, 0xD80);
        var checkpoint = checkpointFolder is null ? null
            : new Checkpoint(checkpointFolder, _shape.ToString(), lookback, _options.Fingerprint(), _dataFingerprint);
        var loop = new EpochLoop(o, values, shuffle, checkpoint, resume);
        var scoring = new SegmentForecaster(_shape, values, _data, o.Threads, o.ShardSize);   // reads values as they are trained

        var gradient = new float[values.Length];
        var windows = new float[batch * lookback];
        var channels = new int[_shape.UsesChannelIds ? batch : 0];
        var targets = new float[batch * horizon];
        var order = new int[_train.Count];
        int batches = (order.Length + batch - 1) / batch;

        while (loop.Continues)
        {
            int epoch = loop.BeginEpoch(order);
            ulong epochKey = DeterministicRandom.At(dropoutRoot, (ulong)epoch);
            double squared = 0;
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
                loop.Step(values, gradient, (float)(1.0 / ((double)count * horizon)));
                batchDone?.Invoke(epoch + 1, start / batch + 1, batches);
            }

            // A quantile model is chosen by its own loss: the MSE would favour the epochs whose forecasts are nearest the mean.
            var validation = ModelEvaluation.Evaluate(scoring, _data, _scored);
            double? validationLoss = _options.Loss == ForecastLoss.Pinball ? validation.MeanPinballLoss(_options.Quantile) : null;
            var report = loop.EndEpoch(values, squared / ((double)order.Length * horizon), validation.MeanSquaredError, validationLoss);
            progress?.Invoke(report);
        }

        // A fixed-length run (a refit) keeps its final weights, as the plain trainer does.
        var state = loop.State;
        return new SegmentTrainingResult(_shape, state.Chosen(values), state.ChosenEpoch, state.ChosenValidationMse, state.History.ToArray(), state.StoppedEarly);
    }
}
