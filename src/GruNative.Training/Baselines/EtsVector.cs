using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// How an ETS form's values line up in the optimiser's vector, as in forecast::ets: the smoothing parameters the form
/// has (α, β, γ, φ in that order), then the initial states ℓ₀, b₀ and s₁ … s_{m−1}; s_m is not free but follows from the
/// normalisation — the seasonal states sum to 0 (additive) or m (multiplicative).
/// </summary>
internal static class EtsVector
{
    /// <summary>The number of smoothing parameters <paramref name="form"/> estimates.</summary>
    public static int SmoothingCount(EtsForm form) =>
        1 + (form.HasTrend ? 1 : 0) + (form.HasSeason ? 1 : 0) + (form.IsDamped ? 1 : 0);

    /// <summary>The number of initial-state values estimated: ℓ₀, b₀ if trended, m − 1 seasonal ones if seasonal.</summary>
    public static int StateCount(EtsForm form, int period) =>
        1 + (form.HasTrend ? 1 : 0) + (form.HasSeason ? period - 1 : 0);

    /// <summary>Writes the form's smoothing parameters from position <paramref name="i"/> on, advancing it.</summary>
    public static void WriteSmoothing(EtsForm form, EtsParameters p, Span<double> x, ref int i)
    {
        x[i++] = p.Alpha;
        if (form.HasTrend)
            x[i++] = p.Beta;
        if (form.HasSeason)
            x[i++] = p.Gamma;
        if (form.IsDamped)
            x[i++] = p.Phi;
    }

    /// <summary>Reads the form's smoothing parameters from position <paramref name="i"/> on, advancing it (β = 0, γ = 0, φ = 1 where absent).</summary>
    public static EtsParameters ReadSmoothing(EtsForm form, ReadOnlySpan<double> x, ref int i)
    {
        double alpha = x[i++];
        double beta = form.HasTrend ? x[i++] : 0;
        double gamma = form.HasSeason ? x[i++] : 0;
        double phi = form.IsDamped ? x[i++] : 1;
        return new EtsParameters(alpha, beta, gamma, phi);
    }

    /// <summary>
    /// The model whose initial states start at position <paramref name="i"/> of <paramref name="x"/>, with s_m from the
    /// normalisation; null when α is not positive or a multiplicative seasonal state is negative (forecast's target
    /// function rejects those).
    /// </summary>
    public static EtsModel? ReadModel(EtsForm form, int period, EtsParameters p, ReadOnlySpan<double> x, int i)
    {
        double level = x[i++];
        double growth = form.HasTrend ? x[i++] : 0;
        double[] season = [];
        if (form.HasSeason)
        {
            season = new double[period];
            double sum = 0;
            for (int k = 0; k < period - 1; k++)
            {
                season[k] = x[i++];
                sum += season[k];
            }
            season[period - 1] = (form.Season == EtsSeason.Multiplicative ? period : 0) - sum;
            if (form.Season == EtsSeason.Multiplicative && Array.Exists(season, s => s < 0))
                return null;
        }
        if (!(p.Alpha > 0))
            return null;
        return new EtsModel(form, period, p, level, growth, season);
    }
}
