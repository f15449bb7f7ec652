namespace GruNative.Training.Baselines;

/// <summary>
/// The smoothing parameters of an ETS model in the error-correction form of Hyndman et al. (2008), as R's
/// <c>forecast::ets</c> reports them: β = α β* and γ = (1 − α) γ* where β* and γ* are the textbook (Holt–Winters)
/// parameters. A form without a trend has β = 0, without a season γ = 0, and without damping φ = 1.
/// </summary>
/// <param name="Alpha">α, the level's smoothing.</param>
/// <param name="Beta">β, the growth's smoothing (0 without a trend).</param>
/// <param name="Gamma">γ, the season's smoothing (0 without a season).</param>
/// <param name="Phi">φ, the damping of the growth (1 when not damped).</param>
public readonly record struct EtsParameters(double Alpha, double Beta = 0, double Gamma = 0, double Phi = 1);
