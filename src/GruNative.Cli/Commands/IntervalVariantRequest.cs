using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Training.Data;

namespace GruNative.Cli.Commands;

/// <summary>
/// What <c>--interval-scale-steps</c> asks for: fixed bands (<c>none</c>), scale-adaptive bands over the last k steps
/// (a number), or the variant the validation windows' own check chooses (<c>auto</c>, see
/// <see cref="Training.Fitting.IntervalVariantSelection"/>).
/// </summary>
/// <param name="Auto">Let the check choose.</param>
/// <param name="ScaleSteps">Without <paramref name="Auto"/>: null for fixed bands, k for scale-adaptive ones.</param>
internal sealed record IntervalVariantRequest(bool Auto, int? ScaleSteps)
{
    /// <summary>The option's value for the check's choice.</summary>
    public const string AutoValue = "auto";

    /// <summary>The option's value for fixed bands.</summary>
    public const string FixedValue = "none";

    /// <summary>The value as typed on the command line.</summary>
    public string Text => Auto ? AutoValue : ScaleSteps?.ToString(CultureInfo.InvariantCulture) ?? FixedValue;

    /// <summary>Reads the option's value.</summary>
    /// <exception cref="ArgumentException">Neither <c>auto</c>, <c>none</c> nor a whole number of at least 1 (the message says so).</exception>
    public static IntervalVariantRequest Parse(string? text)
    {
        string value = (text ?? FixedValue).Trim();
        if (value.Equals(AutoValue, StringComparison.OrdinalIgnoreCase))
            return new IntervalVariantRequest(true, null);
        if (value.Equals(FixedValue, StringComparison.OrdinalIgnoreCase))
            return new IntervalVariantRequest(false, null);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int steps) && steps >= 1)
            return new IntervalVariantRequest(false, steps);
        throw new ArgumentException($"--interval-scale-steps: '{value}' is not a number of steps (a whole number of at least 1), '{AutoValue}' (let the validation windows choose) or '{FixedValue}' (fixed bands).");
    }

    /// <summary>
    /// The variants <c>auto</c> chooses from: fixed bands first (what the check falls back on), then scale-adaptive ones
    /// over one season (<paramref name="period"/>: the series' own cycle, so a window's scale is not biased by where in
    /// the cycle it ends) and over one horizon (the span the band has to cover), each where the lookback holds k + 1
    /// steps and every target is an input (a window must hold its recent values).
    /// </summary>
    public static IReadOnlyList<int?> Candidates(ForecastTask task, int? period)
    {
        ArgumentNullException.ThrowIfNull(task);
        var candidates = new List<int?> { null };
        if (!task.TargetColumns.All(task.InputColumns.Contains))
            return candidates;
        foreach (int? steps in new[] { period, task.Horizon })
        {
            if (steps is int k && k >= 1 && task.Lookback >= k + 1 && !candidates.Contains(k))
                candidates.Add(k);
        }
        return candidates;
    }
}
