using System;

namespace GruNative.Training.Optimization;

/// <summary>How the learning rate changes over the epochs.</summary>
public enum ScheduleKind
{
    /// <summary>The base rate throughout.</summary>
    Constant,

    /// <summary>Cosine decay from the base rate (first epoch after warm-up) to the minimum rate (last epoch).</summary>
    Cosine,

    /// <summary>The rate halves whenever the validation loss has not improved for <see cref="LearningRateSchedule.PlateauPatience"/> epochs.</summary>
    Plateau,
}

/// <summary>
/// The learning rate per epoch: an optional linear warm-up, then <see cref="ScheduleKind"/>. The only state is the
/// plateau schedule's current rate and count of epochs without improvement, which checkpoints save.
/// </summary>
public sealed class LearningRateSchedule
{
    /// <summary>Creates a schedule.</summary>
    public LearningRateSchedule(ScheduleKind kind, double baseRate, int epochs, int warmupEpochs = 0, double minimumRate = 0, int plateauPatience = 3)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown schedule.");
        if (!(baseRate > 0 && double.IsFinite(baseRate)))
            throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "The learning rate must be positive and finite.");
        if (!(minimumRate >= 0 && minimumRate <= baseRate))
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, "The minimum rate must lie in [0, base rate].");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plateauPatience);
        Kind = kind;
        BaseRate = baseRate;
        Epochs = epochs;
        WarmupEpochs = warmupEpochs;
        MinimumRate = minimumRate;
        PlateauPatience = plateauPatience;
        PlateauRate = baseRate;
    }

    /// <summary>The schedule after warm-up.</summary>
    public ScheduleKind Kind { get; }

    /// <summary>The peak learning rate.</summary>
    public double BaseRate { get; }

    /// <summary>The maximum number of epochs (the cosine's period).</summary>
    public int Epochs { get; }

    /// <summary>Epochs of linear warm-up from BaseRate / (warm-up + 1).</summary>
    public int WarmupEpochs { get; }

    /// <summary>The floor of the cosine and plateau schedules.</summary>
    public double MinimumRate { get; }

    /// <summary>Epochs without improvement before the plateau schedule halves the rate.</summary>
    public int PlateauPatience { get; }

    /// <summary>The plateau schedule's current rate (state).</summary>
    public double PlateauRate { get; private set; }

    /// <summary>Epochs since the validation loss last improved, as the plateau schedule counts them (state).</summary>
    public int EpochsWithoutImprovement { get; private set; }

    private double _best = double.PositiveInfinity;

    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based).</summary>
    public double RateFor(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (epoch < WarmupEpochs)
            return BaseRate * (epoch + 1) / (WarmupEpochs + 1);
        return Kind switch
        {
            ScheduleKind.Cosine => MinimumRate + 0.5 * (BaseRate - MinimumRate)
                * (1 + Math.Cos(Math.PI * Math.Min(1.0, (double)(epoch - WarmupEpochs) / Math.Max(1, Epochs - WarmupEpochs - 1)))),
            ScheduleKind.Plateau => PlateauRate,
            _ => BaseRate,
        };
    }

    /// <summary>Tells the schedule an epoch's validation loss (the plateau schedule reacts; the others ignore it).</summary>
    public void Observe(double validationLoss)
    {
        if (validationLoss < _best)
        {
            _best = validationLoss;
            EpochsWithoutImprovement = 0;
            return;
        }
        if (++EpochsWithoutImprovement >= PlateauPatience && Kind == ScheduleKind.Plateau)
        {
            PlateauRate = Math.Max(MinimumRate, PlateauRate / 2);
            EpochsWithoutImprovement = 0;
        }
    }

    /// <summary>The state a checkpoint saves: (plateau rate, epochs without improvement, best loss seen).</summary>
    public (double Rate, int EpochsWithoutImprovement, double Best) SaveState() => (PlateauRate, EpochsWithoutImprovement, _best);

    /// <summary>Restores the state <see cref="SaveState"/> returned.</summary>
    public void RestoreState(double rate, int epochsWithoutImprovement, double best)
    {
        PlateauRate = rate;
        EpochsWithoutImprovement = epochsWithoutImprovement;
        _best = best;
    }
}
