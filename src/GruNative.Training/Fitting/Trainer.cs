using System;
using System.Threading;
using GruNative.Training.Metrics;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>
/// The training loop: mini-batches of shuffled training windows, full backpropagation through each window (with
/// dropout between stacked layers when <see cref="TrainingOptions.Dropout"/> is set), AdamW, gradient clipping by global
/// norm, a learning-rate schedule, and early stopping on the validation MSE that keeps the best weights. With a checkpoint folder it saves its whole state after every epoch and can resume from it, ending
/// bit-identical to a run that was never interrupted.
/// </summary>
public sealed class Trainer
{
    private readonly ModelSpec _spec;
    private readonly TrainingOptions _options;
    private readonly IWindowSource _train;
    private readonly IWindowSource _validation;
    private readonly string _dataFingerprint;

    /// <summary>Prepares a run; nothing is computed until <see cref="Run"/>.</summary>
    /// <param name="spec">The model: I must equal the windows' input size and O their output size.</param>
    /// <param name="options">Optimisation settings.</param>
    /// <param name="train">Training windows (at least one).</param>
    /// <param name="validation">Validation windows (at least one): early stopping and the best weights follow them.</param>
    /// <param name="dataFingerprint">Identifies the data and its preparation; a checkpoint made from other data will not resume.</param>
    public Trainer(ModelSpec spec, TrainingOptions options, IWindowSource train, IWindowSource validation, string dataFingerprint)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(dataFingerprint);
        if (options.FindProblem() is string problem)
            throw new ArgumentException($"Invalid training options: {problem}.", nameof(options));
        foreach (var (name, source) in new[] { ("training", train), ("validation", validation) })
        {
            if (source.Count < 1)
                throw new ArgumentException($"The {name} split holds no window.");
            if (source.InputSize != spec.InputSize || source.OutputSize != spec.OutputSize)
                throw new ArgumentException($"The {name} windows have {source.InputSize} input(s) and {source.OutputSize} target(s) per window; the model {spec} needs {spec.InputSize} and {spec.OutputSize}.");
            if (source.Lookback != train.Lookback)
                throw new ArgumentException($"The {name} windows look back {source.Lookback} steps; the training windows {train.Lookback}.");
        }
        _spec = spec;
        _options = options;
        _train = train;
        _validation = validation;
        _dataFingerprint = dataFingerprint;
    }

    /// <summary>Whether <paramref name="checkpointFolder"/> holds a checkpoint that <see cref="Run"/> could try to resume.</summary>
    public static bool CheckpointExists(string checkpointFolder) => Checkpoint.ExistsIn(checkpointFolder);

    /// <summary>
    /// Trains. With <paramref name="checkpointFolder"/>, saves a checkpoint after every epoch; with
    /// <paramref name="resume"/>, first restores the checkpoint found there (an error if it is missing, damaged, or
    /// from another model, data or options).
    /// </summary>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="checkpointFolder">Where the checkpoint lives, or null for none.</param>
    /// <param name="resume">Continue from the checkpoint in <paramref name="checkpointFolder"/>.</param>
    /// <param name="cancellation">Stops between batches; the last completed epoch's checkpoint stays.</param>
    /// <param name="batchDone">Called after every batch with (epoch, batches done in the epoch, batches per epoch), for live displays.</param>
    /// <exception cref="CheckpointException">The checkpoint cannot be resumed.</exception>
    /// <exception cref="ArithmeticException">The loss or gradient stopped being finite.</exception>
    public TrainingResult Run(Action<EpochReport>? progress = null, string? checkpointFolder = null, bool resume = false,
        Action<int, int, int>? batchDone = null, CancellationToken cancellation = default)
    {
        if (resume && checkpointFolder is null)
            throw new ArgumentException("Resuming needs the checkpoint folder.", nameof(checkpointFolder));

        var parameters = NetworkParameters<float>.Initialize(_spec, _options.Seed);
        float[] values = parameters.Values;
        var random = new DeterministicRandom(unchecked((ulong)_options.Seed * 0x9E3779B97F4A7C15UL + 0x2545F4914F6CDD1DUL));
        // Dropout masks do not come from `random`: they are hashes of (this root, epoch, position in the epoch's order, layer,
        // step, unit), so they are the same whichever shard or thread draws them, and a resumed run redraws them from the
        // epoch number alone (the checkpoint needs nothing more). The constant only sets this stream apart from the shuffle's.
        ulong dropoutRoot = DeterministicRandom.At(unchecked((ulong)_options.Seed * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL), 0);
        var checkpoint = checkpointFolder is null ? null
            : new Checkpoint(checkpointFolder, Checkpoint.Describe(_spec), _train.Lookback, _options.Fingerprint(), _dataFingerprint);
        var loop = new EpochLoop(_options, values, random, checkpoint, resume);

        var workers = new ShardedGradient(_spec, _train.Lookback, _options.BatchSize, _options.ShardSize, _options.Threads, values.Length, _options.Dropout,
            _options.Loss, _options.HuberDelta, _options.Quantile);
        var gradient = new float[values.Length];
        var order = new int[_train.Count];
        var validationWindows = new int[_validation.Count];
        for (int i = 0; i < validationWindows.Length; i++)
            validationWindows[i] = i;
        double scale = 1.0 / _spec.OutputSize;

        while (loop.Continues)
        {
            int epoch = loop.BeginEpoch(order);
            ulong dropoutKey = DeterministicRandom.At(dropoutRoot, (ulong)epoch);
            double trainSquared = 0;
            int batches = (order.Length + _options.BatchSize - 1) / _options.BatchSize;
            for (int start = 0; start < order.Length; start += _options.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                int count = Math.Min(_options.BatchSize, order.Length - start);
                // The workers key each window's masks by its position in the epoch's order (start + its place in the
                // batch), so every window of the epoch draws its own.
                double loss = workers.LossAndGradient(values, _train, order, start, count, gradient, dropoutKey);
                if (!double.IsFinite(loss))
                    throw new ArithmeticException($"Epoch {epoch + 1}: the training loss is not finite; lower the learning rate or check the data.");
                trainSquared += workers.LastSquaredError;
                // The loss is the mean over the batch's windows and outputs, as PyTorch's MSELoss (reduction='mean').
                loop.Step(values, gradient, (float)(scale / count));
                batchDone?.Invoke(epoch + 1, start / _options.BatchSize + 1, batches);
            }

            // A quantile model is chosen by its own loss: the MSE would favour the epochs whose forecasts are nearest the mean.
            var validation = Evaluate(workers, values, _validation, validationWindows);
            double? validationLoss = _options.Loss == ForecastLoss.Pinball ? validation.PinballLoss(_options.Quantile) : null;
            var report = loop.EndEpoch(values, trainSquared / ((double)order.Length * _spec.OutputSize), validation.Mse, validationLoss);
            progress?.Invoke(report);
        }

        // A fixed-length run (a refit) keeps its final weights: its "validation" may be its own training windows.
        var state = loop.State;
        var chosen = new NetworkParameters<float>(new ParameterLayout(_spec));
        state.Chosen(values).CopyTo(chosen.Values, 0);
        return new TrainingResult(chosen, state.ChosenEpoch, state.ChosenValidationMse, state.History.ToArray(), state.StoppedEarly);
    }

    /// <summary>MSE, MAE and mean error of <paramref name="values"/> over every window of <paramref name="source"/> (on the windows' scale).</summary>
    internal static WindowErrors Evaluate(ShardedGradient workers, float[] values, IWindowSource source, int[] windows)
    {
        double squared = 0, absolute = 0, signed = 0;
        for (int start = 0; start < windows.Length; start += workers.Capacity)
        {
            var (sq, ab, sg) = workers.Errors(values, source, windows, start, Math.Min(workers.Capacity, windows.Length - start));
            squared += sq;
            absolute += ab;
            signed += sg;
        }
        double n = (double)windows.Length * source.OutputSize;
        return new WindowErrors(squared / n, absolute / n, signed / n);
    }

    /// <summary>Mean squared, absolute and signed error (forecast − target) over a set of windows.</summary>
    internal readonly record struct WindowErrors(double Mse, double Mae, double MeanError)
    {
        /// <summary>The mean pinball loss at level τ (see <see cref="ForecastLoss.Pinball"/>).</summary>
        public double PinballLoss(double level) => ForecastErrorAccumulator.PinballLoss(Mae, MeanError, level);
    }
}
