using System;

namespace GruNative;

/// <summary>
/// Standardisation of one data column: the model sees (x − <see cref="Mean"/>) / <see cref="StandardDeviation"/>,
/// and its outputs for a target column are mapped back with y · σ + μ.
/// </summary>
public sealed class ColumnScaler : IEquatable<ColumnScaler>
{
    /// <summary>Creates a scaler for the column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty, the mean is not finite, or the standard deviation is not finite and positive.</exception>
    public ColumnScaler(string name, double mean, double standardDeviation)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!double.IsFinite(mean))
            throw new ArgumentException($"Column '{name}': mean {mean} is not finite.", nameof(mean));
        if (!double.IsFinite(standardDeviation) || standardDeviation <= 0)
            throw new ArgumentException($"Column '{name}': standard deviation {standardDeviation} must be finite and positive.", nameof(standardDeviation));
        Name = name;
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>The column's name in the training data.</summary>
    public string Name { get; }

    /// <summary>μ, the column's mean over the training split.</summary>
    public double Mean { get; }

    /// <summary>σ, the column's standard deviation over the training split (always &gt; 0).</summary>
    public double StandardDeviation { get; }

    /// <summary>(x − μ) / σ.</summary>
    public double Standardize(double value) => (value - Mean) / StandardDeviation;

    /// <summary>y · σ + μ.</summary>
    public double Destandardize(double value) => value * StandardDeviation + Mean;

    /// <inheritdoc />
    public bool Equals(ColumnScaler? other) =>
        other is not null && Name == other.Name && Mean.Equals(other.Mean) && StandardDeviation.Equals(other.StandardDeviation);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColumnScaler);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Mean, StandardDeviation);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (μ={Mean:R}, σ={StandardDeviation:R})";
}
