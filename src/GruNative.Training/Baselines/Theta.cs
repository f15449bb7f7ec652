using System;
using System.Collections.Generic;

namespace GruNative.Training.Baselines;

/// <summary>
/// The standard Theta method of Assimakopoulos and Nikolopoulos (2000), in the form Hyndman and Billah (2003) showed it
/// equals and R's <c>forecast::thetaf</c> computes: simple exponential smoothing with a drift of half the slope of the
/// series' least-squares line, on the series seasonally adjusted by a classical multiplicative decomposition when
/// <see cref="SeasonalityTest"/> finds the season.
/// </summary>
/// <remarks>
/// From a series y₁ … y_n (seasonally adjusted: aₜ = yₜ / Sₜ), with SES level ℓ_n (α and ℓ₀ fitted by maximum
/// likelihood, which for SES is least squares — R's <c>ses</c>) and b the slope of the line fitted to a₁ … a_n against
/// t = 0 … n − 1, the forecast h steps ahead is (ℓ_n + b/2 · (h − 1 + (1 − (1 − α)ⁿ)/α)) · S_{n+h}.
/// </remarks>
public sealed class ThetaModel : IClassicalForecaster
{
    private readonly double[]? _seasonalIndices;

    private ThetaModel(double alpha, double initialLevel, double slope, double[]? seasonalIndices)
    {
        Alpha = alpha;
        InitialLevel = initialLevel;
        Slope = slope;
        _seasonalIndices = seasonalIndices;
    }

    /// <summary>α of the simple exponential smoothing.</summary>
    public double Alpha { get; }

    /// <summary>ℓ₀ of the simple exponential smoothing.</summary>
    public double InitialLevel { get; }

    /// <summary>b: the slope of the least-squares line through the (adjusted) training series; the drift is b/2.</summary>
    public double Slope { get; }

    /// <summary>The multiplicative seasonal index of each phase (phase 0 = the series' first row), or null when not seasonal.</summary>
    public IReadOnlyList<double>? SeasonalIndices => _seasonalIndices;

    /// <inheritdoc/>
    public string Method => _seasonalIndices is null ? "Theta" : $"Theta, seasonally adjusted (m={_seasonalIndices.Length})";

    /// <summary>
    /// Fits the method to <paramref name="series"/> with period <paramref name="period"/> (null or 1: no season). The
    /// result's model is null when the series cannot be fitted (constant, or fewer than 4 rows); its notes say which
    /// seasonal decision was taken and why.
    /// </summary>
    public static (ThetaModel? Model, IReadOnlyList<string> Notes, string? Reason) Fit(ReadOnlySpan<double> series, int? period)
    {
        var notes = new List<string>();
        int n = series.Length, m = period ?? 1;
        if (n < 4)
            return (null, notes, $"{n} rows are too few");
        if (SeriesFacts.IsConstant(series))
            return (null, notes, "the series is constant: there is nothing to fit");

        double[]? indices = null;
        if (m <= 1)
            notes.Add("no season given: not seasonally adjusted");
        else if (n < 2 * m)
            notes.Add($"{n} rows are fewer than two seasons of {m}: not seasonally adjusted");
        else if (!SeasonalityTest.IsSeasonal(series, m))
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the seasonality test finds no season of {m} (statistic {SeasonalityTest.Statistic(series, m):F2} ≤ {SeasonalityTest.CriticalValue:F3}): not seasonally adjusted"));
        else
        {
            var decomposition = ClassicalDecomposition.Compute(series, m, multiplicative: true);
            // A ratio to a trend at or below zero means nothing: such a series is left unadjusted (thetaf would divide anyway).
            bool trendPositive = true;
            foreach (double t in decomposition.Trend)
                trendPositive &= double.IsNaN(t) || t > 0;
            bool indicesUsable = true;
            foreach (double s in decomposition.Figure)
                indicesUsable &= Math.Abs(s) >= 1e-10 && double.IsFinite(s);
            if (!trendPositive)
                notes.Add($"season {m} detected, but the series' moving average reaches zero or below, where a multiplicative decomposition has no meaning: not seasonally adjusted");
            else if (!indicesUsable)
                notes.Add("seasonal indices equal to zero: not seasonally adjusted (as thetaf)");
            else
            {
                indices = decomposition.Figure;
                notes.Add($"season {m} detected: seasonally adjusted by a classical multiplicative decomposition");
            }
        }

        var adjusted = new double[n];
        for (int t = 0; t < n; t++)
            adjusted[t] = indices is null ? series[t] : series[t] / indices[t % m];
        var ses = EtsEstimator.Fit(adjusted, new EtsForm(EtsError.Additive, EtsTrend.None, EtsSeason.None), 1);
        if (ses is null)
            return (null, notes, "simple exponential smoothing could not be fitted");
        var (_, slope) = LeastSquares.Line(adjusted, 0);
        return (new ThetaModel(ses.Model.Parameters.Alpha, ses.Model.Level, slope, indices), notes, null);
    }

    /// <summary>
    /// State-updated forecasts: α, ℓ₀, the slope and the seasonal indices stay as fitted; the SES level is updated by
    /// every (adjusted) observation before each origin, and n in the drift term is the number of those observations.
    /// </summary>
    /// <inheritdoc/>
    public void ForecastFromOrigins(ReadOnlySpan<double> series, int firstOrigin, int count, int horizon, Span<double> forecasts)
    {
        OriginRange.Check(series.Length, firstOrigin, count, horizon, forecasts.Length, 1);
        double level = InitialLevel;
        int t = 0;
        for (int i = 0; i < count; i++)
        {
            int origin = firstOrigin + i;
            for (; t < origin; t++)
                level += Alpha * (Adjusted(series[t], t) - level);
            double reach = (1 - Math.Pow(1 - Alpha, origin)) / Alpha;
            for (int h = 0; h < horizon; h++)
            {
                double value = level + Slope / 2 * (h + reach);
                forecasts[i * horizon + h] = _seasonalIndices is null ? value : value * _seasonalIndices[(origin + h) % _seasonalIndices.Length];
            }
        }
    }

    private double Adjusted(double y, int t) => _seasonalIndices is null ? y : y / _seasonalIndices[t % _seasonalIndices.Length];
}
