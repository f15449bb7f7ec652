namespace GruNative.Training.Network;

/// <summary>
/// The loss a forecaster is trained on, per forecast value e = y − target (PyTorch's <c>MSELoss</c>, <c>L1Loss</c> and
/// <c>HuberLoss</c>, before their mean, and the pinball loss of quantile regression).
/// </summary>
public enum ForecastLoss
{
    /// <summary>e²: the mean is the MSE the benchmarks report.</summary>
    SquaredError,

    /// <summary>|e|, with derivative sign(e) and 0 at e = 0 (PyTorch's subgradient); SegRNN's author recommends it.</summary>
    AbsoluteError,

    /// <summary>e²/2 where |e| ≤ δ, δ(|e| − δ/2) beyond: squared near zero, absolute (robust to outliers) far from it.</summary>
    Huber,

    /// <summary>
    /// The pinball loss at level τ: (1 − τ)·e where the forecast is above the target (e &gt; 0), −τ·e where it is below;
    /// derivative 1 − τ, −τ, and 0 at e = 0. Its minimiser is the τ-quantile of the target given the window (quantile
    /// regression), so the model forecasts a level rather than a mean: τ = 0.9 gives a value the target stays below 90 %
    /// of the time. At τ = 0.5 it is half of <see cref="AbsoluteError"/>.
    /// </summary>
    Pinball,
}
