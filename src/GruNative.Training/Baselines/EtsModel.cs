using System;
using System.Collections.Generic;

namespace GruNative.Training.Baselines;

/// <summary>
/// An ETS model with its parameters and initial states: the recursions of Hyndman et al. (2008), Table 2.1, in the
/// error-correction form R's <c>forecast</c> package computes (<c>etscalc.c</c>). One step from the state
/// (ℓ, b, s₁ … s_m) — s₁ the most recent seasonal state, s_m the one of the coming step — with q = ℓ + φb (ℓ without a
/// trend):
/// <list type="bullet">
/// <item>one-step forecast ŷ = q, q + s_m or q · s_m (season N, A, M);</item>
/// <item>level ℓ' = q + α (p − q) with p = y, y − s_m or y / s_m;</item>
/// <item>growth b' = φb + β (p − q);</item>
/// <item>season s' = s_m + γ (t − s_m) with t = y − q or y / q, which becomes s₁ while the others move down one place.</item>
/// </list>
/// The point forecasts and state updates are the same for additive and multiplicative errors (the two differ only in
/// the likelihood); h steps ahead the forecast is ℓ + (φ + … + φʰ) b combined with the season of that step.
/// </summary>
public sealed class EtsModel : IClassicalForecaster
{
    // forecast's etscalc.c guards divisions by these.
    private const double Tiny = 1e-10;
    private const double Huge = 1e10;

    private readonly double[] _season;   // s₁ … s_m

    /// <summary>Creates a model from its form, period, parameters and initial states.</summary>
    /// <param name="form">The ETS form.</param>
    /// <param name="period">The season length m (ignored without a season, where it is taken as 1).</param>
    /// <param name="parameters">α, β, γ, φ.</param>
    /// <param name="level">ℓ₀.</param>
    /// <param name="growth">b₀ (ignored without a trend).</param>
    /// <param name="season">s₁ … s_m at the start (the most recent first; s_m is the season of the first observation); empty without a season.</param>
    /// <exception cref="ArgumentException">The seasonal states are not m values, or α is not positive.</exception>
    public EtsModel(EtsForm form, int period, EtsParameters parameters, double level, double growth, ReadOnlySpan<double> season)
    {
        Form = form;
        Period = form.HasSeason ? period : 1;
        if (form.HasSeason && (period < 2 || season.Length != period))
            throw new ArgumentException($"A seasonal form needs a period of at least 2 and that many seasonal states; got period {period} and {season.Length} state(s).", nameof(season));
        if (!(parameters.Alpha > 0))
            throw new ArgumentException($"α must be positive (the growth update divides by it); got {parameters.Alpha}.", nameof(parameters));
        Parameters = new EtsParameters(
            parameters.Alpha,
            form.HasTrend ? parameters.Beta : 0,
            form.HasSeason ? parameters.Gamma : 0,
            form.IsDamped ? parameters.Phi : 1);
        Level = level;
        Growth = form.HasTrend ? growth : 0;
        _season = form.HasSeason ? season.ToArray() : [];
    }

    /// <summary>The form.</summary>
    public EtsForm Form { get; }

    /// <summary>m: 1 for a form without a season.</summary>
    public int Period { get; }

    /// <summary>α, β, γ, φ (β = 0, γ = 0, φ = 1 where the form has none).</summary>
    public EtsParameters Parameters { get; }

    /// <summary>ℓ₀, the level before the first observation.</summary>
    public double Level { get; }

    /// <summary>b₀ (0 without a trend).</summary>
    public double Growth { get; }

    /// <summary>s₁ … s_m before the first observation, the most recent first (empty without a season).</summary>
    public IReadOnlyList<double> Season => _season;

    /// <inheritdoc/>
    public string Method => Form.ToString();

    /// <summary>
    /// What R's <c>forecast::ets</c> calls <c>lik</c> and minimises: n · log Σ eₜ² for additive errors, plus
    /// 2 Σ log |ŷₜ| for multiplicative ones (eₜ = (yₜ − ŷₜ) / ŷₜ there) — minus twice the Gaussian log-likelihood with σ²
    /// at its estimate, less the constant n (log(2π / n) + 1). +∞ when a forecast is not finite; a perfect fit is
    /// floored at −10¹⁰ as in R.
    /// </summary>
    public double Likelihood(ReadOnlySpan<double> series)
    {
        var state = new State(this);
        double squares = 0, logForecasts = 0;
        bool multiplicative = Form.Error == EtsError.Multiplicative;
        foreach (double y in series)
        {
            double forecast = state.Update(y);
            double e = multiplicative ? (y - forecast) / forecast : y - forecast;
            squares += e * e;
            if (multiplicative)
                logForecasts += Math.Log(Math.Abs(forecast));
        }
        // A forecast that left the finite numbers makes the sum NaN or infinite; so does one of zero with multiplicative errors.
        if (!double.IsFinite(squares) || !double.IsFinite(logForecasts))
            return double.PositiveInfinity;
        double lik = series.Length * Math.Log(squares);
        if (Form.Error == EtsError.Multiplicative)
            lik += 2 * logForecasts;
        if (double.IsNaN(lik))
            return double.PositiveInfinity;
        return Math.Max(lik, -1e10);
    }

    /// <summary>
    /// The Gaussian log-likelihood at σ²'s maximum-likelihood estimate, constants included:
    /// −½ (<see cref="Likelihood"/> + n (log(2π / n) + 1)).
    /// </summary>
    public double LogLikelihood(ReadOnlySpan<double> series) =>
        -0.5 * (Likelihood(series) + series.Length * (Math.Log(2 * Math.PI / series.Length) + 1));

    /// <summary>The one-step forecasts ŷ₁ … ŷₙ of <paramref name="series"/> (the fitted values).</summary>
    public double[] OneStepForecasts(ReadOnlySpan<double> series)
    {
        var fitted = new double[series.Length];
        OneStepForecasts(series, fitted);
        return fitted;
    }

    /// <summary>Writes the one-step forecasts of <paramref name="series"/> to <paramref name="fitted"/> (of the same length).</summary>
    internal void OneStepForecasts(ReadOnlySpan<double> series, Span<double> fitted)
    {
        var state = new State(this);
        for (int t = 0; t < series.Length; t++)
            fitted[t] = state.Update(series[t]);
    }

    /// <summary>The forecasts of <paramref name="horizon"/> steps after the last of <paramref name="history"/>.</summary>
    public double[] Forecast(ReadOnlySpan<double> history, int horizon)
    {
        var forecasts = new double[horizon];
        ForecastFromOrigins(history, history.Length, 1, horizon, forecasts);
        return forecasts;
    }

    /// <summary>
    /// State-updated forecasts: the model's parameters and initial states stay as fitted; the states are updated by
    /// every observation before each origin and the forecasts made from there.
    /// </summary>
    /// <inheritdoc/>
    public void ForecastFromOrigins(ReadOnlySpan<double> series, int firstOrigin, int count, int horizon, Span<double> forecasts)
    {
        OriginRange.Check(series.Length, firstOrigin, count, horizon, forecasts.Length, 0);
        if (count == 0)
            return;
        var state = new State(this);
        int t = 0;
        for (int i = 0; i < count; i++)
        {
            int origin = firstOrigin + i;
            for (; t < origin; t++)
                state.Update(series[t]);
            state.Forecast(forecasts.Slice(i * horizon, horizon));
        }
    }

    /// <summary>The state (ℓ, b, s) as it runs; the seasons are a ring whose next slot to overwrite holds s_m.</summary>
    /// <remarks>The form's switches are read once into fields: the likelihood runs this loop tens of thousands of times per fit.</remarks>
    private struct State
    {
        private readonly double[] _ring;
        private readonly bool _trend;
        private readonly bool _additiveSeason;
        private readonly bool _multiplicativeSeason;
        private readonly double _alpha;
        private readonly double _betaOverAlpha;
        private readonly double _gamma;
        private readonly double _phi;
        private int _oldest;
        private double _level;
        private double _growth;

        public State(EtsModel model)
        {
            var p = model.Parameters;
            _trend = model.Form.HasTrend;
            _additiveSeason = model.Form.Season == EtsSeason.Additive;
            _multiplicativeSeason = model.Form.Season == EtsSeason.Multiplicative;
            _alpha = p.Alpha;
            _betaOverAlpha = p.Beta / p.Alpha;
            _gamma = p.Gamma;
            _phi = p.Phi;
            _level = model.Level;
            _growth = model.Growth;
            int m = model._season.Length;
            // Ring slot k holds s_{m−k}: slot 0 the oldest (s_m), slot m − 1 the most recent (s₁).
            _ring = new double[m];
            for (int k = 0; k < m; k++)
                _ring[k] = model._season[m - 1 - k];
            _oldest = 0;
        }

        /// <summary>Takes observation <paramref name="y"/> into the state and returns the forecast it had for it.</summary>
        public double Update(double y)
        {
            double dampedGrowth = _trend ? _phi * _growth : 0;
            double q = _level + dampedGrowth;
            double forecast = q, deseasonalised = y, seasonal = 0;
            if (_additiveSeason)
            {
                seasonal = _ring[_oldest];
                forecast = q + seasonal;
                deseasonalised = y - seasonal;
            }
            else if (_multiplicativeSeason)
            {
                seasonal = _ring[_oldest];
                forecast = q * seasonal;
                deseasonalised = Math.Abs(seasonal) < Tiny ? Huge : y / seasonal;
            }
            double level = q + _alpha * (deseasonalised - q);
            if (_trend)
                _growth = dampedGrowth + _betaOverAlpha * (level - _level - dampedGrowth);
            _level = level;
            if (_additiveSeason || _multiplicativeSeason)
            {
                double detrended = _additiveSeason ? y - q : Math.Abs(q) < Tiny ? Huge : y / q;
                _ring[_oldest] = seasonal + _gamma * (detrended - seasonal);
                if (++_oldest == _ring.Length)
                    _oldest = 0;
            }
            return forecast;
        }

        /// <summary>ŷ_{T+h} = ℓ + (φ + … + φʰ) b, combined with the season h steps ahead (the ring's (h − 1) mod m-th oldest).</summary>
        public readonly void Forecast(Span<double> forecasts)
        {
            double damping = 0, power = 1;
            int slot = _oldest;
            for (int h = 0; h < forecasts.Length; h++)
            {
                power *= _phi;
                damping += power;
                double value = _trend ? _level + damping * _growth : _level;
                if (_additiveSeason || _multiplicativeSeason)
                {
                    value = _additiveSeason ? value + _ring[slot] : value * _ring[slot];
                    if (++slot == _ring.Length)
                        slot = 0;
                }
                forecasts[h] = value;
            }
        }
    }
}
