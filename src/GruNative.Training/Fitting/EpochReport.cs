namespace GruNative.Training.Fitting;

/// <summary>What one epoch did, as the progress display and the metrics file show it.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainMse">Mean squared error over the training windows, averaged over the epoch's batches as they trained.</param>
/// <param name="ValidationMse">Mean squared error over every validation window after the epoch.</param>
/// <param name="LearningRate">The learning rate the epoch used.</param>
/// <param name="GradientNorm">The largest global gradient norm of the epoch, before clipping.</param>
/// <param name="Seconds">Wall time of the epoch, including validation.</param>
/// <param name="IsBest">Whether the validation criterion was the best so far (these weights are kept).</param>
/// <param name="ValidationLoss">
/// The criterion the epoch was chosen by when it is not <paramref name="ValidationMse"/>: a quantile model's mean
/// pinball loss over the validation windows (a model of the τ-quantile is not meant to have the lowest MSE). Null when
/// the MSE is the criterion.
/// </param>
public sealed record EpochReport(int Epoch, double TrainMse, double ValidationMse, double LearningRate, double GradientNorm, double Seconds, bool IsBest,
    double? ValidationLoss = null)
{
    /// <summary>The value early stopping minimises: <see cref="ValidationLoss"/>, or the validation MSE.</summary>
    public double Criterion => ValidationLoss ?? ValidationMse;
}
