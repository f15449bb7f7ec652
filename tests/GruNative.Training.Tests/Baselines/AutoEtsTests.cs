using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>The automatic search: the published choice on AirPassengers, and every restriction and fallback.</summary>
public class AutoEtsTests
{
    /// <summary>
    /// forecast::ets on the whole AirPassengers series chooses ETS(M,Ad,M) or ETS(M,A,M) depending on its version (the
    /// issue's note). The public record found: an R analysis script labels <c>airExp = ets(AirPassengers)</c> "Exponential
    /// smoothing M,Ad,M", and a public R course shows <c>ets()</c> on the first 120 months printing "ETS(M,Ad,M)". Here
    /// the search chooses ETS(M,Ad,M), with φ at its bound 0.98, ahead of ETS(M,A,M) by about 1.6 AICc.
    /// </summary>
    [Fact]
    public void AirPassengers_selects_the_published_form()
    {
        var selection = AutoEts.Select(Airline.Passengers, 12);
        Assert.Equal(EtsForm.Parse("MAdM"), selection.Best!.Model.Form);
        Assert.Equal(15, selection.Candidates.Count);
        Assert.All(selection.Candidates, c => Assert.NotNull(c.Fit));
        var p = selection.Best.Model.Parameters;
        Assert.Equal(EtsAdmissibility.PhiUpper, p.Phi, 1e-6);
        Assert.True(EtsAdmissibility.IsFeasible(selection.Best.Model.Form, p, 12));
        // The best AICc is the minimum over the candidates, and the runner-up is the undamped form.
        var ranked = selection.Candidates.OrderBy(c => c.Fit!.Aicc).ToList();
        Assert.Same(selection.Best, ranked[0].Fit);
        Assert.Equal(EtsForm.Parse("MAM"), ranked[1].Form);
    }

    /// <summary>
    /// A published forecast from the same data: forecast::ets fitted to the first 120 months chose ETS(M,Ad,M) and its
    /// 24 forecasts from December 1958 scored RMSE 72.5 (seasonal naive: 77.0) in a public course on forecasting with R.
    /// This fit of ETS(M,Ad,M) lands within 3 of it — optimisers differ, so the parameters do — and seasonal naive
    /// matches exactly, which pins the data and the horizon.
    /// </summary>
    [Fact]
    public void A_damped_multiplicative_fit_forecasts_1959_and_1960_as_R_does()
    {
        var y = Airline.Passengers;
        var fit = EtsEstimator.Fit(y.AsSpan(0, 120), EtsForm.Parse("MAdM"), 12)!;
        var forecast = fit.Model.Forecast(y.AsSpan(0, 120), 24);
        double Rmse(Func<int, double> f) => Math.Sqrt(Enumerable.Range(0, 24).Average(h => Math.Pow(f(h) - y[120 + h], 2)));
        Assert.Equal(77.0, Rmse(h => y[108 + h % 12]), 0.05);
        Assert.Equal(72.5, Rmse(h => forecast[h]), 3.0);
    }

    [Fact]
    public void A_series_with_values_at_or_below_zero_gets_no_multiplicative_form()
    {
        var y = Airline.Passengers.Select(v => v - 200).ToArray();
        var selection = AutoEts.Select(y, 12);
        Assert.All(selection.Candidates.Where(c => c.Form.NeedsPositiveData), c => Assert.Null(c.Fit));
        Assert.Equal(6, selection.Candidates.Count(c => c.Fit is not null));
        Assert.Equal(EtsError.Additive, selection.Best!.Model.Form.Error);
        Assert.Contains(selection.Notes, n => n.Contains("≤ 0"));
    }

    [Theory]
    [InlineData(null, "no season given")]
    [InlineData(1, "no season given")]
    [InlineData(25, "longer than 24")]
    [InlineData(80, "longer than 24")]
    public void Without_a_usable_season_only_non_seasonal_forms_are_tried(int? period, string note)
    {
        var selection = AutoEts.Select(Airline.Passengers, period);
        Assert.All(selection.Candidates, c => Assert.False(c.Form.HasSeason));
        Assert.Equal(6, selection.Candidates.Count);
        Assert.Contains(selection.Notes, n => n.Contains(note));
        Assert.NotNull(selection.Best);
    }

    [Fact]
    public void A_series_shorter_than_two_seasons_falls_back_to_non_seasonal_forms()
    {
        var selection = AutoEts.Select(Airline.Passengers.AsSpan(0, 23), 12);
        Assert.All(selection.Candidates, c => Assert.False(c.Form.HasSeason));
        Assert.Contains(selection.Notes, n => n.Contains("fewer than two seasons"));
        Assert.NotNull(selection.Best);
    }

    [Fact]
    public void A_constant_series_has_nothing_to_fit()
    {
        var selection = AutoEts.Select(Enumerable.Repeat(5.0, 60).ToArray(), 12);
        Assert.Null(selection.Best);
        Assert.Contains(selection.Notes, n => n.Contains("constant"));
    }

    [Fact]
    public void The_search_space_is_forecast_ets_default_one()
    {
        var forms = EtsForm.SearchSpace.Select(f => f.ToString()).ToArray();
        Assert.Equal(15, forms.Length);
        Assert.DoesNotContain(forms, f => f.StartsWith("ETS(A,", StringComparison.Ordinal) && f.EndsWith(",M)", StringComparison.Ordinal));
        Assert.Contains("ETS(M,Ad,M)", forms);
        Assert.Contains("ETS(A,N,N)", forms);
        Assert.Equal(EtsForm.Parse("ETS(A,Ad,N)"), EtsForm.Parse("AAdN"));
    }

    [Fact]
    public void Each_fit_counts_its_parameters_as_forecast_ets_does()
    {
        // ETS(M,Ad,M), m = 12: α, β, γ, φ, ℓ₀, b₀, 11 free seasonal states, σ² → k = 18.
        var fit = EtsEstimator.Fit(Airline.Passengers, EtsForm.Parse("MAdM"), 12)!;
        Assert.Equal(18, fit.FreeParameters);
        double k = 18, n = 144;
        Assert.Equal(fit.Likelihood + 2 * k + 2 * k * (k + 1) / (n - k - 1), fit.Aicc, 9);
        Assert.Equal(fit.Likelihood, fit.Model.Likelihood(Airline.Passengers), 9);
        // Too few rows for the parameters: m = 4 gives 9 optimised values, and forecast:::etsmodel gives up when they
        // number n − 1 or more.
        Assert.Null(EtsEstimator.Fit(Airline.Passengers.AsSpan(0, 10), EtsForm.Parse("MAdM"), 4));
        Assert.NotNull(EtsEstimator.Fit(Airline.Passengers.AsSpan(0, 11), EtsForm.Parse("MAdM"), 4));
    }
}
