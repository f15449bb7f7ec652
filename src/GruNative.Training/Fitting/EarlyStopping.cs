using System;
using System.Collections.Generic;

namespace GruNative.Training.Fitting;

/// <summary>
/// The epoch loop's bookkeeping, shared by every trainer: epochs done, the best validation epoch and a copy of its
/// weights, the patience counter of early stopping, the history — and which weights a run returns. A checkpoint saves
/// and restores all of it (<see cref="Checkpoint"/>).
/// </summary>
/// <remarks>
/// <para>
/// Early stopping ends a run after <see cref="TrainingOptions.Patience"/> epochs without a lower validation criterion
/// (the MSE, or a quantile model's pinball loss: <see cref="EpochReport.Criterion"/>) and returns the best epoch's weights. A fixed-length run (<see cref="TrainingOptions.StopAfterEpochs"/>, the refit) runs
/// exactly that many epochs and returns its final weights: its "validation" may be its own training windows.
/// </para>
/// <para>
/// The loop reads <see cref="Continues"/> before each epoch and reports each finished epoch through
/// <see cref="Complete"/>, which keeps a copy of the weights when they are the best so far.
/// </para>
/// </remarks>
internal sealed class EarlyStopping
{
    private readonly int _patience;
    private readonly int _lastEpoch;

    /// <summary>Starts the bookkeeping of a run of <paramref name="options"/> whose initial weights are <paramref name="initial"/>.</summary>
    public EarlyStopping(TrainingOptions options, ReadOnlySpan<float> initial)
    {
        ArgumentNullException.ThrowIfNull(options);
        _patience = options.Patience;
        IsFixedLength = options.StopAfterEpochs is not null;
        _lastEpoch = options.StopAfterEpochs ?? options.Epochs;
        Best = initial.ToArray();
    }

    /// <summary>Whether the run trains exactly <see cref="TrainingOptions.StopAfterEpochs"/> epochs and keeps its final weights.</summary>
    public bool IsFixedLength { get; }

    /// <summary>Epochs finished.</summary>
    public int EpochsDone { get; set; }

    /// <summary>The epoch (1-based) with the lowest validation criterion so far; 0 before the first.</summary>
    public int BestEpoch { get; set; }

    /// <summary>Its validation MSE; +∞ before the first epoch.</summary>
    public double BestValidationMse { get; set; } = double.PositiveInfinity;

    /// <summary>Its validation criterion (<see cref="EpochReport.Criterion"/>: the MSE unless the run sets another); +∞ before the first epoch.</summary>
    public double BestCriterion { get; set; } = double.PositiveInfinity;

    /// <summary>Epochs since <see cref="BestEpoch"/>.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>The weights of <see cref="BestEpoch"/> (the initial weights before the first epoch).</summary>
    public float[] Best { get; }

    /// <summary>Every finished epoch, in order.</summary>
    public List<EpochReport> History { get; } = new();

    /// <summary>Whether another epoch runs: epochs remain, and (unless the run is of fixed length) patience too.</summary>
    public bool Continues => EpochsDone < _lastEpoch && (IsFixedLength || EpochsWithoutImprovement < _patience);

    /// <summary>Whether early stopping ended the run before its last epoch.</summary>
    public bool StoppedEarly => !IsFixedLength && EpochsWithoutImprovement >= _patience && EpochsDone < _lastEpoch;

    /// <summary>The epoch a run reports as its chosen one: the best, or a fixed-length run's last.</summary>
    public int ChosenEpoch => IsFixedLength ? EpochsDone : BestEpoch;

    /// <summary>The validation MSE of <see cref="ChosenEpoch"/>.</summary>
    public double ChosenValidationMse => IsFixedLength && History.Count > 0 ? History[^1].ValidationMse : BestValidationMse;

    /// <summary>The weights a run returns: <see cref="Best"/>, or a fixed-length run's <paramref name="current"/> ones.</summary>
    public float[] Chosen(float[] current) => IsFixedLength ? current : Best;

    /// <summary>
    /// Records epoch <see cref="EpochsDone"/> + 1, whose weights are now <paramref name="values"/>: keeps a copy of them
    /// when their validation criterion is the lowest so far, counts patience otherwise, and appends the epoch's report.
    /// </summary>
    /// <param name="values">The weights after the epoch.</param>
    /// <param name="trainMse">The training MSE of the epoch's batches.</param>
    /// <param name="validationMse">The validation MSE after the epoch.</param>
    /// <param name="learningRate">The epoch's learning rate.</param>
    /// <param name="gradientNorm">The epoch's largest gradient norm.</param>
    /// <param name="seconds">The epoch's wall time.</param>
    /// <param name="validationLoss">The criterion when it is not the MSE (<see cref="EpochReport.ValidationLoss"/>); null otherwise.</param>
    /// <returns>The report, with <see cref="EpochReport.IsBest"/> set.</returns>
    /// <exception cref="ArithmeticException">The validation error or criterion is not finite.</exception>
    public EpochReport Complete(ReadOnlySpan<float> values, double trainMse, double validationMse, double learningRate, double gradientNorm, double seconds,
        double? validationLoss = null)
    {
        int epoch = EpochsDone + 1;
        double criterion = validationLoss ?? validationMse;
        if (!double.IsFinite(validationMse) || !double.IsFinite(criterion))
            throw new ArithmeticException($"Epoch {epoch}: the validation error is not finite; lower the learning rate or check the data.");
        bool isBest = criterion < BestCriterion;
        if (isBest)
        {
            BestCriterion = criterion;
            BestValidationMse = validationMse;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
            values.CopyTo(Best);
        }
        else
        {
            EpochsWithoutImprovement++;
        }
        EpochsDone = epoch;
        var report = new EpochReport(epoch, trainMse, validationMse, learningRate, gradientNorm, seconds, isBest, validationLoss);
        History.Add(report);
        return report;
    }
}
