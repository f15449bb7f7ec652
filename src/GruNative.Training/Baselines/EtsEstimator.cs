using System;

namespace GruNative.Training.Baselines;

/// <summary>One form fitted by maximum likelihood, with its information criteria in R's convention.</summary>
/// <param name="Model">The fitted model.</param>
/// <param name="Likelihood">R's <c>lik</c> at the optimum (<see cref="EtsModel.Likelihood"/>): −2 log L less a constant.</param>
/// <param name="FreeParameters">
/// k = the smoothing parameters, the initial states (m − 1 seasonal ones: the last follows from the normalisation) and
/// σ², as forecast::ets counts them.
/// </param>
/// <param name="Observations">n, the rows fitted.</param>
/// <param name="Evaluations">Likelihood evaluations the optimiser spent.</param>
/// <param name="Converged">Whether the optimiser converged within its budget.</param>
public sealed record EtsFit(EtsModel Model, double Likelihood, int FreeParameters, int Observations, int Evaluations, bool Converged)
{
    /// <summary>AIC = lik + 2k (R's <c>aic</c>: without the constant n (log(2π/n) + 1)).</summary>
    public double Aic => Likelihood + 2 * FreeParameters;

    /// <summary>AICc = AIC + 2k(k + 1)/(n − k − 1), the criterion forecast::ets selects by.</summary>
    public double Aicc => Observations - FreeParameters - 1 > 0
        ? Aic + 2.0 * FreeParameters * (FreeParameters + 1) / (Observations - FreeParameters - 1)
        : double.PositiveInfinity;

    /// <summary>BIC = lik + k log n.</summary>
    public double Bic => Likelihood + Math.Log(Observations) * FreeParameters;
}

/// <summary>
/// Fits one ETS form to a series by maximum likelihood: α, β, γ, φ and the initial states, by Nelder–Mead, within
/// <see cref="EtsAdmissibility"/>'s region — the procedure of R's <c>forecast:::etsmodel</c> (its starting values, its
/// parameter count, its likelihood), with restarts added to the simplex search. Forms linear in their initial states
/// (additive errors, no multiplicative season) get those states by least squares for each candidate parameter set
/// (<see cref="EtsLinearStates"/>), so the simplex searches only the smoothing parameters; the others search
/// everything at once, as forecast::ets does.
/// </summary>
public static class EtsEstimator
{
    /// <summary>
    /// The maximum-likelihood fit of <paramref name="form"/> to <paramref name="series"/>, or null when the form cannot
    /// be fitted: too few observations for its parameters (k ≥ n − 1, as etsmodel), a seasonal form with fewer than
    /// two periods, a form that needs positive data on a series that is not, or no feasible starting point.
    /// </summary>
    /// <param name="series">The observations, oldest first.</param>
    /// <param name="form">The form to fit.</param>
    /// <param name="period">m, for a seasonal form.</param>
    /// <param name="maxEvaluations">
    /// Likelihood evaluations the optimiser may spend (default: 20,000 + 3,000 per optimised value, but no more than
    /// 5 · 10⁷ observation-steps in all, and no fewer than forecast::ets's 2,000).
    /// </param>
    public static EtsFit? Fit(ReadOnlySpan<double> series, EtsForm form, int period, int? maxEvaluations = null)
    {
        int n = series.Length;
        int m = form.HasSeason ? period : 1;
        if (form.HasSeason && (period < 2 || n < 2 * period))
            return null;
        if (form.NeedsPositiveData && !SeriesFacts.IsPositive(series))
            return null;
        if (n < 4)
            return null;

        var start = InitialParameters(form, m);
        if (EtsLinearStates.Applies(form))
            return FitConcentrated(series, form, m, start, maxEvaluations);
        var (level, growth, season) = EtsInitialState.Estimate(series, form, m);
        var layout = new Layout(form, m);
        var x0 = new double[layout.Count];
        layout.Write(x0, start, level, growth, season);
        int freeParameters = layout.Count + 1;   // + σ²
        if (layout.Count >= n - 1)
            return null;

        var y = series.ToArray();
        double Objective(double[] x)
        {
            var model = layout.Read(x, out var p);
            if (model is null || !EtsAdmissibility.IsFeasible(form, p, m))
                return double.PositiveInfinity;
            return model.Likelihood(y);
        }
        if (double.IsPositiveInfinity(Objective(x0)))
            return null;

        double scale = Scale(series);
        var steps = new double[layout.Count];
        for (int i = 0; i < steps.Length; i++)
            steps[i] = FeasibleStep(Objective, x0, i, layout.StepGuess(i, x0, scale));
        var result = NelderMead.Minimize(Objective, x0, steps, maxEvaluations ?? DefaultBudget(layout.Count, n), functionTolerance: 1e-12, pointTolerance: 1e-8);
        var fitted = layout.Read(result.Point, out _)!;
        return new EtsFit(fitted, fitted.Likelihood(y), freeParameters, n, result.Evaluations, result.Converged);
    }

    /// <summary>
    /// A linear form (<see cref="EtsLinearStates"/>): the optimiser searches α, β, γ, φ; the initial states that
    /// maximise the likelihood for each are found by least squares.
    /// </summary>
    private static EtsFit? FitConcentrated(ReadOnlySpan<double> series, EtsForm form, int m, EtsParameters start, int? maxEvaluations)
    {
        int n = series.Length;
        var states = new EtsLinearStates(series, form, m);
        int smoothing = EtsVector.SmoothingCount(form);
        if (smoothing + states.StateCount >= n - 1)
            return null;
        var y = series.ToArray();
        EtsParameters Read(double[] x)
        {
            int i = 0;
            return EtsVector.ReadSmoothing(form, x, ref i);
        }
        double Objective(double[] x)
        {
            var p = Read(x);
            if (!EtsAdmissibility.IsFeasible(form, p, m))
                return double.PositiveInfinity;
            return states.Solve(p)?.Likelihood(y) ?? double.PositiveInfinity;
        }
        var startPoint = new double[smoothing];
        int position = 0;
        EtsVector.WriteSmoothing(form, start, startPoint, ref position);
        if (double.IsPositiveInfinity(Objective(startPoint)))
            return null;
        var steps = new double[smoothing];
        for (int i = 0; i < smoothing; i++)
            steps[i] = FeasibleStep(Objective, startPoint, i, 0.1);
        // R stops at a relative change of √ε ≈ 1.5e-8 in the likelihood; 1e-9 is tighter, and the states are exact anyway.
        var result = NelderMead.Minimize(Objective, startPoint, steps, maxEvaluations ?? 5000, functionTolerance: 1e-9, pointTolerance: 1e-7);
        var fitted = states.Solve(Read(result.Point))!;
        return new EtsFit(fitted, fitted.Likelihood(y), smoothing + states.StateCount + 1, n, result.Evaluations, result.Converged);
    }

    /// <summary>
    /// The default evaluation budget: enough for the simplex to converge on short series (the airline series' 17-value
    /// ETS(M,Ad,M) needs about 66,000), capped so a long one (ETTh1's 8,640 training rows) costs seconds, not minutes.
    /// </summary>
    internal static int DefaultBudget(int values, int observations) =>
        (int)Math.Max(2000, Math.Min(20_000 + 3_000L * values, 50_000_000L / Math.Max(observations, 1)));

    /// <summary>forecast:::initparam's starting values: α near the lower bound (α = 10⁻⁴ + 0.2 · 0.9998 / m), β a tenth of the way to α, γ a twentieth of the way to 1 − α, φ near its upper bound.</summary>
    internal static EtsParameters InitialParameters(EtsForm form, int period)
    {
        const double lower = EtsAdmissibility.SmoothingLower, upper = EtsAdmissibility.SmoothingUpper;
        double alpha = lower + 0.2 * (upper - lower) / period;
        if (alpha > 1 || alpha < 0)
            alpha = lower + 2e-3;
        double beta = 0, gamma = 0, phi = 1;
        if (form.HasTrend)
        {
            beta = lower + 0.1 * (Math.Min(upper, alpha) - lower);
            if (beta < 0 || beta > alpha)
                beta = alpha - 1e-3;
        }
        if (form.HasSeason)
        {
            gamma = lower + 0.05 * (Math.Min(upper, 1 - alpha) - lower);
            if (gamma < 0 || gamma > 1 - alpha)
                gamma = 1 - alpha - 1e-3;
        }
        if (form.IsDamped)
            phi = EtsAdmissibility.PhiLower + 0.99 * (EtsAdmissibility.PhiUpper - EtsAdmissibility.PhiLower);
        return new EtsParameters(alpha, beta, gamma, phi);
    }

    // The series' spread, the yardstick of the states' first steps.
    private static double Scale(ReadOnlySpan<double> series)
    {
        double mean = 0;
        foreach (double v in series)
            mean += v / series.Length;
        double variance = 0;
        foreach (double v in series)
            variance += (v - mean) * (v - mean) / series.Length;
        double sd = Math.Sqrt(variance);
        return sd > 0 ? sd : Math.Max(Math.Abs(mean), 1);
    }

    /// <summary>
    /// A first-simplex step along axis <paramref name="axis"/> that stays feasible: the guess, its opposite, then halves
    /// of both — the smoothing parameters start near their bounds, where a full step would leave the region.
    /// </summary>
    private static double FeasibleStep(Func<double[], double> objective, double[] x0, int axis, double guess)
    {
        var x = (double[])x0.Clone();
        double step = guess;
        for (int attempt = 0; attempt < 30; attempt++)
        {
            foreach (double s in new[] { step, -step })
            {
                x[axis] = x0[axis] + s;
                if (!double.IsPositiveInfinity(objective(x)))
                    return s;
            }
            step /= 2;
        }
        return guess;
    }

    /// <summary>
    /// The optimiser's vector: the form's smoothing parameters (α, β, γ, φ as present), ℓ₀, b₀ if trended, and
    /// s₁ … s_{m−1} if seasonal; s_m = 0 − Σ (additive) or m − Σ (multiplicative), as in forecast's target function.
    /// </summary>
    private sealed class Layout(EtsForm form, int m)
    {
        private readonly int _smoothing = EtsVector.SmoothingCount(form);

        public int Count => _smoothing + EtsVector.StateCount(form, m);

        public void Write(double[] x, EtsParameters p, double level, double growth, double[] season)
        {
            int i = 0;
            EtsVector.WriteSmoothing(form, p, x, ref i);
            x[i++] = level;
            if (form.HasTrend)
                x[i++] = growth;
            foreach (double s in season)
                x[i++] = s;
        }

        /// <summary>The model of <paramref name="x"/>, or null when its seasonal states are inadmissible (a negative multiplicative one).</summary>
        public EtsModel? Read(double[] x, out EtsParameters p)
        {
            int i = 0;
            p = EtsVector.ReadSmoothing(form, x, ref i);
            return EtsVector.ReadModel(form, m, p, x, i);
        }

        public double StepGuess(int index, double[] x0, double scale)
        {
            if (index < _smoothing)
                return 0.1;
            int state = index - _smoothing;
            if (state == 0)
                return 0.1 * Math.Max(Math.Abs(x0[index]), scale);
            if (form.HasTrend && state == 1)
                return 0.1 * Math.Max(Math.Abs(x0[index]), 0.01 * scale);
            return form.Season == EtsSeason.Multiplicative ? 0.05 : 0.1 * Math.Max(Math.Abs(x0[index]), 0.1 * scale);
        }
    }
}
