using System.Collections.Generic;
using GruNative.Training.Fitting;

namespace GruNative.Training.Segments;

/// <summary>The outcome of a <see cref="SegmentTrainer"/> run.</summary>
/// <param name="Shape">The model's shape.</param>
/// <param name="Parameters">
/// The weights of the epoch with the lowest validation MSE (of the last epoch for a fixed-length run), laid out by
/// <see cref="SegmentParameterLayout"/>; the caller owns the array.
/// </param>
/// <param name="BestEpoch">That epoch (1-based).</param>
/// <param name="BestValidationMse">Its validation MSE on the scoring scale, as <see cref="Fitting.ModelEvaluation"/> scores a <see cref="SegmentForecaster"/>.</param>
/// <param name="History">
/// Every epoch. <see cref="EpochReport.TrainMse"/> is the MSE of the forecasts the epoch trained on (dropout included),
/// whatever the loss.
/// </param>
/// <param name="StoppedEarly">Whether early stopping ended the run before the last epoch.</param>
public sealed record SegmentTrainingResult(
    SegmentModelSpec Shape, float[] Parameters, int BestEpoch, double BestValidationMse, IReadOnlyList<EpochReport> History, bool StoppedEarly);
