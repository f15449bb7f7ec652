namespace GruNative.Training.Segments;

/// <summary>
/// The point loss a forecaster is trained on, per forecast value e = y − target (PyTorch's <c>MSELoss</c>,
/// <c>L1Loss</c> and <c>HuberLoss</c>, before their mean).
/// </summary>
public enum ForecastLoss
{
    /// <summary>e²: the mean is the MSE the benchmarks report.</summary>
    SquaredError,

    /// <summary>|e|, with derivative sign(e) and 0 at e = 0 (PyTorch's subgradient); SegRNN's author recommends it.</summary>
    AbsoluteError,

    /// <summary>e²/2 where |e| ≤ δ, δ(|e| − δ/2) beyond: squared near zero, absolute (robust to outliers) far from it.</summary>
    Huber,
}
