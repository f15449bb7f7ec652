using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace GruNative.Training.Baselines;

/// <summary>One candidate of an automatic ETS search: its fit, or why it has none.</summary>
/// <param name="Form">The form.</param>
/// <param name="Fit">The maximum-likelihood fit, or null.</param>
/// <param name="Reason">Why the form was not fitted (null when it was).</param>
public sealed record EtsCandidate(EtsForm Form, EtsFit? Fit, string? Reason);

/// <summary>The outcome of <see cref="AutoEts.Select"/>.</summary>
/// <param name="Best">The candidate with the lowest AICc, or null when none could be fitted.</param>
/// <param name="Candidates">Every form of the search space, fitted or excluded with its reason.</param>
/// <param name="Notes">What the search left out and why (a season too long or too short, a non-positive series).</param>
public sealed record EtsSelection(EtsFit? Best, IReadOnlyList<EtsCandidate> Candidates, IReadOnlyList<string> Notes);

/// <summary>
/// Automatic ETS as R's <c>forecast::ets(y)</c> and statsforecast's <c>AutoETS</c>: every admissible form of
/// <see cref="EtsForm.SearchSpace"/> fitted by maximum likelihood, the one with the lowest AICc kept.
/// </summary>
/// <remarks>
/// The search follows forecast::ets's defaults: no multiplicative trend; additive errors never with a multiplicative
/// season (<c>restrict = TRUE</c>); no multiplicative error or season on a series with a value ≤ 0; no seasonal form when
/// m ≤ 1 or m &gt; 24 (forecast::ets ignores such a season with a warning) or when the series is shorter than two
/// seasons.
/// </remarks>
public static class AutoEts
{
    /// <summary>The longest season forecast::ets fits (its C code keeps at most 24 seasonal states).</summary>
    public const int MaxPeriod = 24;

    /// <summary>Fits every admissible form to <paramref name="series"/> with season <paramref name="period"/> (null or 1: none) and keeps the best by AICc.</summary>
    public static EtsSelection Select(ReadOnlySpan<double> series, int? period)
    {
        var notes = new List<string>();
        int n = series.Length;
        if (SeriesFacts.IsConstant(series))
        {
            notes.Add(n == 0 ? "the series is empty" : "the series is constant: there is nothing to fit");
            return new EtsSelection(null, [], notes);
        }
        int m = period ?? 1;
        bool seasonal = m > 1;
        if (period is null or 1)
            notes.Add("no season given: non-seasonal forms only");
        else if (m > MaxPeriod)
        {
            notes.Add($"season {m} is longer than {MaxPeriod}, the most forecast::ets handles: non-seasonal forms only");
            seasonal = false;
        }
        else if (n < 2 * m)
        {
            notes.Add($"{n} rows are fewer than two seasons of {m}: non-seasonal forms only");
            seasonal = false;
        }
        bool positive = SeriesFacts.IsPositive(series);
        if (!positive)
            notes.Add("the series has values ≤ 0: no multiplicative error or season");

        var forms = EtsForm.SearchSpace.Where(form => seasonal || !form.HasSeason).ToArray();
        var candidates = new EtsCandidate[forms.Length];
        var y = series.ToArray();
        // The forms are independent fits; each is deterministic, so the choice does not depend on the thread count.
        Parallel.For(0, forms.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var form = forms[i];
            if (form.NeedsPositiveData && !positive)
            {
                candidates[i] = new EtsCandidate(form, null, "needs positive data");
                return;
            }
            var fit = EtsEstimator.Fit(y, form, m);
            candidates[i] = new EtsCandidate(form, fit, fit is null ? "too few rows for its parameters, or no feasible start" : null);
        });
        var best = candidates.Where(c => c.Fit is not null && double.IsFinite(c.Fit.Aicc)).MinBy(c => c.Fit!.Aicc)?.Fit;
        return new EtsSelection(best, candidates, notes);
    }
}
