using System;

namespace GruNative;

/// <summary>
/// How one data column becomes model values and back: an optional Box–Cox transform, then standardisation. The model
/// sees (g(x) − <see cref="Mean"/>) / <see cref="StandardDeviation"/>, where g is the Box–Cox transform with
/// <see cref="BoxCoxLambda"/> (the identity when that is null), and its outputs for a target column are mapped back
/// with g⁻¹(y · σ + μ). μ and σ are then statistics of the transformed column.
/// </summary>
/// <remarks>
/// <para>The Box–Cox transform: g(x) = ln x for λ = 0 (the log transform), (x^λ − 1) / λ otherwise. λ lies in [0, 2]:
/// a negative λ maps the positive numbers onto a bounded interval, so an upward forecast beyond its end has no value
/// in the data's units (R's <c>InvBoxCox</c> returns NA there); that is not a failure a device may meet.</para>
/// <para>Its domain: x &gt; 0 for λ = 0, x ≥ 0 for λ &gt; 0. <see cref="Standardize"/> refuses values outside it
/// (NaN passes through as NaN, a missing value). Its inverse is total: g⁻¹(y) = e^y for λ = 0, and (λy + 1)^(1/λ) for
/// λ &gt; 0, which is 0 where λy + 1 ≤ 0 (the forecast at the edge of the data's range, never NaN).</para>
/// </remarks>
public sealed class ColumnScaler : IEquatable<ColumnScaler>
{
    /// <summary>The largest Box–Cox λ accepted.</summary>
    public const double MaxBoxCoxLambda = 2;

    /// <summary>Creates a scaler for the column <paramref name="name"/>, without a transform.</summary>
    /// <exception cref="ArgumentException">The name is empty, the mean is not finite, or the standard deviation is not finite and positive.</exception>
    public ColumnScaler(string name, double mean, double standardDeviation)
        : this(name, mean, standardDeviation, null)
    {
    }

    /// <summary>
    /// Creates a scaler for the column <paramref name="name"/> that first applies the Box–Cox transform with
    /// <paramref name="boxCoxLambda"/> (0 = log; null = no transform); <paramref name="mean"/> and
    /// <paramref name="standardDeviation"/> are then those of the transformed column.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The name is empty, the mean is not finite, the standard deviation is not finite and positive, or λ is outside [0, 2].
    /// </exception>
    public ColumnScaler(string name, double mean, double standardDeviation, double? boxCoxLambda)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!double.IsFinite(mean))
            throw new ArgumentException($"Column '{name}': mean {mean} is not finite.", nameof(mean));
        if (!double.IsFinite(standardDeviation) || standardDeviation <= 0)
            throw new ArgumentException($"Column '{name}': standard deviation {standardDeviation} must be finite and positive.", nameof(standardDeviation));
        if (boxCoxLambda is double lambda && !(lambda >= 0 && lambda <= MaxBoxCoxLambda))
            throw new ArgumentException(
                $"Column '{name}': Box–Cox λ {lambda} is outside [0, {MaxBoxCoxLambda}] (a negative λ has no inverse for forecasts beyond its bound).",
                nameof(boxCoxLambda));
        Name = name;
        Mean = mean;
        StandardDeviation = standardDeviation;
        BoxCoxLambda = boxCoxLambda;
    }

    /// <summary>The column's name in the training data.</summary>
    public string Name { get; }

    /// <summary>μ, the mean of the (transformed) column over the training split.</summary>
    public double Mean { get; }

    /// <summary>σ, the standard deviation of the (transformed) column over the training split (always &gt; 0).</summary>
    public double StandardDeviation { get; }

    /// <summary>The Box–Cox λ applied before standardisation (0 = log), or null for none.</summary>
    public double? BoxCoxLambda { get; }

    /// <summary>(g(x) − μ) / σ; NaN stays NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside the transform's domain.</exception>
    public double Standardize(double value) => (Transform(value) - Mean) / StandardDeviation;

    /// <summary>g⁻¹(y · σ + μ): never NaN for a finite <paramref name="value"/>.</summary>
    public double Destandardize(double value) => InverseTransform(value * StandardDeviation + Mean);

    /// <summary>True when <paramref name="value"/> can be transformed: any value without a transform, NaN, or a value in the Box–Cox domain.</summary>
    public bool IsInDomain(double value) => BoxCoxLambda switch
    {
        null => true,
        0 => !(value <= 0),
        _ => !(value < 0),
    };

    /// <summary>g(x): the Box–Cox transform, or x itself when there is none.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside the transform's domain.</exception>
    public double Transform(double value)
    {
        if (BoxCoxLambda is not double lambda)
            return value;
        if (!IsInDomain(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, DomainMessage(value));
        return lambda == 0 ? Math.Log(value) : (Math.Pow(value, lambda) - 1) / lambda;
    }

    /// <summary>g⁻¹(y): e^y for λ = 0; (λy + 1)^(1/λ), or 0 where λy + 1 ≤ 0, for λ &gt; 0; y itself without a transform.</summary>
    public double InverseTransform(double value)
    {
        if (BoxCoxLambda is not double lambda)
            return value;
        if (lambda == 0)
            return Math.Exp(value);
        double basis = lambda * value + 1;
        return basis > 0 ? Math.Pow(basis, 1 / lambda) : double.IsNaN(basis) ? double.NaN : 0;
    }

    /// <summary>Why <paramref name="value"/> cannot be transformed, naming the column and the transform.</summary>
    public string DomainMessage(double value) =>
        $"Column '{Name}': {value} cannot be transformed by {TransformName} (it needs values {(BoxCoxLambda == 0 ? "> 0" : "≥ 0")}).";

    /// <summary>"log", "Box–Cox λ = 0.5" or "none".</summary>
    public string TransformName => BoxCoxLambda switch
    {
        null => "none",
        0 => "log",
        double lambda => FormattableString.Invariant($"Box–Cox λ = {lambda:R}"),
    };

    /// <inheritdoc />
    public bool Equals(ColumnScaler? other) =>
        other is not null && Name == other.Name && Mean.Equals(other.Mean) && StandardDeviation.Equals(other.StandardDeviation)
        && Nullable.Equals(BoxCoxLambda, other.BoxCoxLambda);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColumnScaler);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Mean, StandardDeviation, BoxCoxLambda);

    /// <inheritdoc />
    public override string ToString() =>
        BoxCoxLambda is null
            ? $"{Name} (μ={Mean:R}, σ={StandardDeviation:R})"
            : $"{Name} ({TransformName}, μ={Mean:R}, σ={StandardDeviation:R})";
}
