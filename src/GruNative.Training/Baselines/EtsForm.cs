using System;
using System.Collections.Generic;

namespace GruNative.Training.Baselines;

/// <summary>How an ETS model's errors enter: added to the one-step forecast, or proportional to it.</summary>
public enum EtsError
{
    /// <summary>A: y = ŷ + ε.</summary>
    Additive,

    /// <summary>M: y = ŷ (1 + ε); the likelihood then needs a positive series.</summary>
    Multiplicative,
}

/// <summary>An ETS model's trend.</summary>
public enum EtsTrend
{
    /// <summary>N: a level only.</summary>
    None,

    /// <summary>A: level plus a linear growth b per step.</summary>
    Additive,

    /// <summary>Ad: growth damped by φ per step, so h steps ahead add (φ + φ² + … + φʰ) b.</summary>
    AdditiveDamped,
}

/// <summary>An ETS model's season.</summary>
public enum EtsSeason
{
    /// <summary>N: no season.</summary>
    None,

    /// <summary>A: a seasonal term added to the level.</summary>
    Additive,

    /// <summary>M: a seasonal factor multiplying the level.</summary>
    Multiplicative,
}

/// <summary>
/// One ETS form in the notation of Hyndman et al. (2008), <i>Forecasting with Exponential Smoothing</i>: ETS(error,
/// trend, season), for example ETS(M,Ad,M). Multiplicative trends are not offered (R's <c>forecast::ets</c> leaves them
/// out of its search by default too).
/// </summary>
/// <param name="Error">A or M.</param>
/// <param name="Trend">N, A or Ad.</param>
/// <param name="Season">N, A or M.</param>
public readonly record struct EtsForm(EtsError Error, EtsTrend Trend, EtsSeason Season)
{
    /// <summary>Whether the form has a growth state b.</summary>
    public bool HasTrend => Trend != EtsTrend.None;

    /// <summary>Whether the form has seasonal states.</summary>
    public bool HasSeason => Season != EtsSeason.None;

    /// <summary>Whether the growth is damped (φ is estimated).</summary>
    public bool IsDamped => Trend == EtsTrend.AdditiveDamped;

    /// <summary>
    /// Whether <c>forecast::ets</c> (with its default <c>restrict = TRUE</c>) excludes the form from its search as
    /// numerically unstable: additive errors with a multiplicative season (infinite variance, Hyndman et al. 2008,
    /// §15.1).
    /// </summary>
    public bool IsRestricted => Error == EtsError.Additive && Season == EtsSeason.Multiplicative;

    /// <summary>Whether the form needs a positive series: multiplicative errors or a multiplicative season.</summary>
    public bool NeedsPositiveData => Error == EtsError.Multiplicative || Season == EtsSeason.Multiplicative;

    /// <summary>
    /// Every form the automatic search considers, in <c>forecast::ets</c>'s order (error, trend, season, damped
    /// first): the 15 of A/M × N/A/Ad × N/A/M that are not <see cref="IsRestricted"/>.
    /// </summary>
    public static IReadOnlyList<EtsForm> SearchSpace { get; } = BuildSearchSpace();

    /// <summary>For example <c>ETS(M,Ad,M)</c>.</summary>
    public override string ToString() =>
        $"ETS({(Error == EtsError.Additive ? "A" : "M")},{Trend switch { EtsTrend.None => "N", EtsTrend.Additive => "A", _ => "Ad" }},{Season switch { EtsSeason.None => "N", EtsSeason.Additive => "A", _ => "M" }})";

    /// <summary>Reads <c>ETS(M,Ad,M)</c>, <c>M,Ad,M</c> or <c>MAdM</c>.</summary>
    /// <exception cref="FormatException">Not an ETS form of this class.</exception>
    public static EtsForm Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        if (s.StartsWith("ETS(", StringComparison.OrdinalIgnoreCase) && s.EndsWith(')'))
            s = s[4..^1];
        s = s.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (s.Length is < 3 or > 4)
            throw new FormatException($"'{text}' is not an ETS form such as ETS(M,Ad,M).");
        var error = s[0] switch { 'A' => EtsError.Additive, 'M' => EtsError.Multiplicative, _ => throw new FormatException($"'{text}': the error is A or M.") };
        string trend = s[1..^1];
        var season = s[^1] switch { 'N' => EtsSeason.None, 'A' => EtsSeason.Additive, 'M' => EtsSeason.Multiplicative, _ => throw new FormatException($"'{text}': the season is N, A or M.") };
        return new EtsForm(error, trend switch
        {
            "N" => EtsTrend.None,
            "A" => EtsTrend.Additive,
            "AD" => EtsTrend.AdditiveDamped,
            _ => throw new FormatException($"'{text}': the trend is N, A or Ad."),
        }, season);
    }

    private static EtsForm[] BuildSearchSpace()
    {
        var forms = new List<EtsForm>();
        foreach (var error in new[] { EtsError.Additive, EtsError.Multiplicative })
        {
            foreach (var trend in new[] { EtsTrend.None, EtsTrend.Additive })
            {
                foreach (var season in new[] { EtsSeason.None, EtsSeason.Additive, EtsSeason.Multiplicative })
                {
                    // forecast::ets tries damped before undamped for each trend.
                    foreach (bool damped in trend == EtsTrend.None ? new[] { false } : new[] { true, false })
                    {
                        var form = new EtsForm(error, damped ? EtsTrend.AdditiveDamped : trend, season);
                        if (!form.IsRestricted)
                            forms.Add(form);
                    }
                }
            }
        }
        return forms.ToArray();
    }
}
