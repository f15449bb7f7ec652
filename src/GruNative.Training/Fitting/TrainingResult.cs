using System.Collections.Generic;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>The outcome of a training run.</summary>
/// <param name="Best">The weights of the epoch with the lowest validation MSE.</param>
/// <param name="BestEpoch">That epoch (1-based).</param>
/// <param name="BestValidationMse">Its validation MSE.</param>
/// <param name="History">Every epoch, including those before a resume.</param>
/// <param name="StoppedEarly">Whether early stopping ended the run before the last epoch.</param>
public sealed record TrainingResult(NetworkParameters<float> Best, int BestEpoch, double BestValidationMse, IReadOnlyList<EpochReport> History, bool StoppedEarly);
