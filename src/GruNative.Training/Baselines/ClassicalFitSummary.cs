using System.Collections.Generic;

namespace GruNative.Training.Baselines;

/// <summary>What a classical baseline fitted to one target column, for reports.</summary>
/// <param name="Column">The target column.</param>
/// <param name="Method">For example <c>ETS(M,Ad,M)</c> or <c>Theta, seasonally adjusted (m=12)</c>.</param>
/// <param name="Parameters">The fitted parameters by name (α as "alpha", …), in a fixed order.</param>
/// <param name="States">Initial states or seasonal indices by name ("l", "b", "s1" …), in a fixed order.</param>
/// <param name="Notes">Fallbacks and decisions taken (a season left out and why, forms excluded, …).</param>
/// <param name="Seconds">Wall-clock time of the fit (model selection included).</param>
public sealed record ClassicalColumnFit(
    string Column, string Method, IReadOnlyList<KeyValuePair<string, double>> Parameters,
    IReadOnlyList<KeyValuePair<string, double>> States, IReadOnlyList<string> Notes, double Seconds);

/// <summary>How a classical baseline was fitted and applied, or why it could not be.</summary>
/// <param name="Protocol">How its forecasts were made from each origin (what was fitted on which rows).</param>
/// <param name="Columns">One fit per target column (empty when not available).</param>
/// <param name="UnavailableReason">Why the baseline has no scores, or null when it has.</param>
public sealed record ClassicalFitSummary(string Protocol, IReadOnlyList<ClassicalColumnFit> Columns, string? UnavailableReason)
{
    /// <summary>The fitted forecaster of each target column, in target order (empty when not available) — for plots of its forecasts.</summary>
    public IReadOnlyList<IClassicalForecaster> Forecasters { get; init; } = [];

    /// <summary>Whether the baseline was fitted and scored.</summary>
    public bool IsAvailable => UnavailableReason is null;
}
