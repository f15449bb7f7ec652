using System;

namespace GruNative.Training.Baselines;

/// <summary>
/// Which ETS parameters may be fitted: <c>forecast::ets</c>'s default <c>bounds = "both"</c>, the intersection of the
/// usual region and the admissible one.
/// </summary>
/// <remarks>
/// <para>Usual region (forecast::ets's defaults): 10⁻⁴ ≤ α, β, γ ≤ 0.9999, 0.8 ≤ φ ≤ 0.98, β ≤ α and γ ≤ 1 − α — that is
/// 0 &lt; β*, γ* &lt; 1 for the textbook parameters.</para>
/// <para>Admissible region (Hyndman, Akram and Archibald 2008, "The admissible parameter space for exponential smoothing
/// models"; Hyndman et al. 2008, ch. 10): the forecasts must not depend on the distant past, i.e. the discount matrix
/// must have its eigenvalues in the unit circle. Without a season: 1 − 1/φ &lt; α &lt; 1 + 1/φ and
/// α(φ − 1) &lt; β &lt; (1 + φ)(2 − α). With a season of period m: max(1 − 1/φ − α, 0) &lt; γ &lt; 1 + 1/φ − α,
/// α &gt; 1 − 1/φ − γ(1 − m + φ + φm)/(2φm), β &gt; −(1 − φ)(γ/m + α), and every root of the characteristic polynomial
/// z^{m+1} + (α + β − φ) z^m + (α + β − αφ) (z^{m−1} + … + z²) + (α + β − αφ + γ − 1) z + φ(1 − α − γ)
/// of modulus at most 1 + 10⁻¹⁰ — R's tolerance.</para>
/// </remarks>
public static class EtsAdmissibility
{
    /// <summary>Lower bound of α, β and γ (forecast::ets's <c>lower</c>).</summary>
    public const double SmoothingLower = 1e-4;

    /// <summary>Upper bound of α, β and γ (forecast::ets's <c>upper</c>).</summary>
    public const double SmoothingUpper = 0.9999;

    /// <summary>Lower bound of φ.</summary>
    public const double PhiLower = 0.8;

    /// <summary>Upper bound of φ.</summary>
    public const double PhiUpper = 0.98;

    /// <summary>Whether <paramref name="p"/> lies in the usual region and the admissible one for <paramref name="form"/>.</summary>
    public static bool IsFeasible(EtsForm form, EtsParameters p, int period) =>
        IsWithinUsualBounds(form, p) && IsAdmissible(form, p, period);

    /// <summary>The usual region (see the remarks): the parameters the form has, each in its bounds.</summary>
    public static bool IsWithinUsualBounds(EtsForm form, EtsParameters p)
    {
        if (!(p.Alpha >= SmoothingLower && p.Alpha <= SmoothingUpper))
            return false;
        if (form.HasTrend && !(p.Beta >= SmoothingLower && p.Beta <= p.Alpha && p.Beta <= SmoothingUpper))
            return false;
        if (form.IsDamped && !(p.Phi >= PhiLower && p.Phi <= PhiUpper))
            return false;
        if (form.HasSeason && !(p.Gamma >= SmoothingLower && p.Gamma <= 1 - p.Alpha && p.Gamma <= SmoothingUpper))
            return false;
        return true;
    }

    /// <summary>The admissible region (see the remarks), with φ = 1 for an undamped form and β = 0 without a trend.</summary>
    public static bool IsAdmissible(EtsForm form, EtsParameters p, int period)
    {
        double alpha = p.Alpha, phi = form.IsDamped ? p.Phi : 1, beta = form.HasTrend ? p.Beta : 0, gamma = p.Gamma;
        if (!(phi >= 0 && phi <= 1 + 1e-8))
            return false;
        if (!form.HasSeason)
        {
            if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi)
                return false;
            return !form.HasTrend || (beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha));
        }
        int m = period;
        if (m <= 1)
            return true;
        if (gamma < Math.Max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha)
            return false;
        if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m))
            return false;
        if (beta < -(1 - phi) * (gamma / m + alpha))
            return false;
        return RootsWithin(CharacteristicPolynomial(alpha, beta, gamma, phi, m), 1 + 1e-10);
    }

    /// <summary>
    /// The characteristic polynomial of a seasonal model (see the remarks), coefficients from the constant term up:
    /// m + 2 values, the last (z^{m+1}'s) 1.
    /// </summary>
    public static double[] CharacteristicPolynomial(double alpha, double beta, double gamma, double phi, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        int m = period;
        var c = new double[m + 2];
        c[0] = phi * (1 - alpha - gamma);
        c[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int k = 2; k < m; k++)
            c[k] = alpha + beta - alpha * phi;
        c[m] = alpha + beta - phi;
        c[m + 1] = 1;
        return c;
    }

    /// <summary>
    /// Whether every root of the polynomial with real coefficients <paramref name="coefficients"/> (constant term first,
    /// the last non-zero) has modulus below <paramref name="radius"/>: the Schur–Cohn test applied to p(radius · z), which
    /// decides the question exactly (up to rounding) without finding the roots.
    /// </summary>
    /// <remarks>
    /// Schur–Cohn: for p of degree n with |c_n| &gt; |c₀|, p has all its roots in the open unit disk if and only if
    /// p₁(z) = (c_n p(z) − c₀ z^n p(1/z)) / z, of degree n − 1, has; with |c_n| ≤ |c₀| it has not (the product of the
    /// roots' moduli is |c₀ / c_n|).
    /// </remarks>
    public static bool RootsWithin(ReadOnlySpan<double> coefficients, double radius)
    {
        int n = coefficients.Length - 1;
        while (n > 0 && coefficients[n] == 0)
            n--;
        var c = new double[n + 1];
        var next = new double[n + 1];
        double scale = 1;
        for (int k = 0; k <= n; k++, scale *= radius)
            c[k] = coefficients[k] * scale;
        for (; n > 0; n--)
        {
            double lead = c[n], constant = c[0];
            if (!(Math.Abs(lead) > Math.Abs(constant)))
                return false;
            for (int k = 0; k < n; k++)
                next[k] = (lead * c[k + 1] - constant * c[n - 1 - k]) / lead;   // divided by the lead: keeps the sizes near 1
            (c, next) = (next, c);
        }
        return true;
    }
}
