using System;
using System.Globalization;

namespace GruNative.Training.Data;

/// <summary>
/// The transform applied to the target columns (and to the input columns of the same names) before standardisation:
/// none, log, or Box–Cox with a given λ or one chosen on the training rows by Guerrero's method
/// (<see cref="BoxCoxLambda.Guerrero"/>). The model is trained on the transformed scale; forecasts are transformed back
/// (the runtime's <see cref="ColumnScaler"/> carries λ in the weights file), and every score is on the data's own scale.
/// </summary>
/// <remarks>
/// A log or Box–Cox transform turns a seasonal swing that grows with the level (the airline passengers) into one of
/// constant size, which an additive model — and the seasonal window normalisation — can then carry across levels.
/// </remarks>
public sealed record TargetTransform
{
    private TargetTransform(string name, double? lambda, bool chosen, int guerreroPeriod = 2)
    {
        Name = name;
        Lambda = lambda;
        IsChosenOnTrainingRows = chosen;
        GuerreroPeriod = guerreroPeriod;
    }

    /// <summary>No transform.</summary>
    public static TargetTransform None { get; } = new("none", null, false);

    /// <summary>The log transform (Box–Cox λ = 0).</summary>
    public static TargetTransform Log { get; } = new("log", 0, false);

    /// <summary>
    /// Box–Cox with λ chosen on each target's training rows by Guerrero's method, in [0, 1], with subseries of
    /// <paramref name="period"/> values (the season length; at least 2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 2.</exception>
    public static TargetTransform ChosenBoxCox(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        return new("box-cox", null, true, period);
    }

    /// <summary>"none", "log", "box-cox" (λ chosen) or "box-cox:λ".</summary>
    public string Name { get; }

    /// <summary>The fixed λ (0 for log), or null when there is no transform or λ is chosen on the training rows.</summary>
    public double? Lambda { get; }

    /// <summary>True when λ is chosen per target column on its training rows.</summary>
    public bool IsChosenOnTrainingRows { get; }

    /// <summary>Values per subseries of Guerrero's method when λ is chosen (the season length); 2 otherwise.</summary>
    public int GuerreroPeriod { get; }

    /// <summary>Box–Cox with a fixed <paramref name="lambda"/> in [0, 2].</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is outside [0, 2].</exception>
    public static TargetTransform BoxCox(double lambda)
    {
        if (!(lambda >= 0 && lambda <= ColumnScaler.MaxBoxCoxLambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"Box–Cox λ must lie in [0, {ColumnScaler.MaxBoxCoxLambda}] (a negative λ has no inverse for forecasts beyond its bound).");
        return new(FormattableString.Invariant($"box-cox:{lambda:R}"), lambda, false);
    }

    /// <summary>
    /// Parses "none", "log", "box-cox" (λ chosen with subseries of <paramref name="period"/> values) or "box-cox:λ"
    /// (case-insensitive).
    /// </summary>
    /// <exception cref="ArgumentException">Anything else, or λ outside [0, 2].</exception>
    public static TargetTransform Parse(string text, int period = 2)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim().ToLowerInvariant();
        switch (trimmed)
        {
            case "none": return None;
            case "log": return Log;
            case "box-cox": return ChosenBoxCox(Math.Max(2, period));
        }
        const string prefix = "box-cox:";
        if (trimmed.StartsWith(prefix, StringComparison.Ordinal)
            && double.TryParse(trimmed.AsSpan(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double lambda))
        {
            try
            {
                return BoxCox(lambda);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new ArgumentException($"Transform '{text}': {ex.Message.Split(" (Parameter")[0]}", nameof(text), ex);
            }
        }
        throw new ArgumentException($"Transform '{text}' is not one of none, log, box-cox (λ chosen on the training rows) or box-cox:λ (λ in [0, 2]).", nameof(text));
    }

    /// <summary>
    /// The λ for a target column whose training rows are <paramref name="trainingValues"/>: the fixed one, or Guerrero's
    /// choice in [0, 1] with <see cref="GuerreroPeriod"/> values per subseries; null for no transform.
    /// </summary>
    /// <exception cref="ArgumentException">λ is chosen and the values do not allow it (see <see cref="BoxCoxLambda.Guerrero"/>).</exception>
    public double? LambdaFor(ReadOnlySpan<double> trainingValues) =>
        IsChosenOnTrainingRows ? BoxCoxLambda.Guerrero(trainingValues, GuerreroPeriod, 0, 1) : Lambda;

    /// <inheritdoc />
    public override string ToString() => Name;
}
