using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative;

/// <summary>
/// How raw observations become model inputs and model outputs become forecasts: one
/// <see cref="ColumnScaler"/> per input value, one per target column, and the window lengths the model
/// was trained with. Every part is optional, so a model trained elsewhere can carry only what it knows.
/// </summary>
/// <remarks>
/// <para>The head's outputs are laid out step-major: output index = step · targets + target, for
/// step in [0, <see cref="Horizon"/>) and target in [0, <see cref="TargetColumns"/>.Count).</para>
/// <para>Input columns named <c>calendar.…</c> are not observed but computed from each step's timestamp, then
/// standardised by their scaler like any input: see <see cref="CalendarFeatures"/> (whose
/// <see cref="CalendarFeatures.Fill"/> writes them).</para>
/// </remarks>
public sealed class Preprocessing : IEquatable<Preprocessing>
{
    /// <summary>Creates preprocessing metadata; checks only what needs no model (the model checks the rest).</summary>
    /// <exception cref="ArgumentException">A column name repeats within a list, or a window length is below 1.</exception>
    public Preprocessing(
        IReadOnlyList<ColumnScaler>? inputColumns = null,
        IReadOnlyList<ColumnScaler>? targetColumns = null,
        int? lookback = null,
        int? horizon = null,
        WindowNormalization windowNormalization = WindowNormalization.None)
    {
        InputColumns = Freeze(inputColumns, nameof(inputColumns));
        TargetColumns = Freeze(targetColumns, nameof(targetColumns));
        if (lookback is < 1)
            throw new ArgumentOutOfRangeException(nameof(lookback), lookback, "The lookback must be at least 1.");
        if (horizon is < 1)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be at least 1.");
        if (!Enum.IsDefined(windowNormalization))
            throw new ArgumentOutOfRangeException(nameof(windowNormalization), windowNormalization, "Unknown window normalisation.");
        Lookback = lookback;
        Horizon = horizon;
        WindowNormalization = windowNormalization;
    }

    /// <summary>Scalers of the model's input values, in input order (empty when unknown).</summary>
    public IReadOnlyList<ColumnScaler> InputColumns { get; }

    /// <summary>Scalers of the forecast columns, in output order (empty when unknown).</summary>
    public IReadOnlyList<ColumnScaler> TargetColumns { get; }

    /// <summary>Time steps in each window the model was trained on, if known.</summary>
    public int? Lookback { get; }

    /// <summary>Time steps forecast by the head, if known.</summary>
    public int? Horizon { get; }

    /// <summary>
    /// The per-window normalisation the model was trained with: the caller subtracts each input column's level (the
    /// window's last value or mean, in standardised units) from that column's inputs and adds the level of each target's
    /// input column back to its forecasts. Calendar columns (<see cref="CalendarFeatures.IsCalendarColumn"/>) are left
    /// as they are (their level is 0). A model trained with it sees whole windows: a streaming caller keeps the last
    /// <see cref="Lookback"/> observations and runs them from a zero state for each forecast.
    /// </summary>
    /// <remarks>The runtime only records the mode; applying it is the caller's work.</remarks>
    public WindowNormalization WindowNormalization { get; }

    /// <summary>
    /// The input that carries target column <paramref name="target"/>'s level under <see cref="WindowNormalization"/>:
    /// the input column of the same name, or -1 when there is none.
    /// </summary>
    public int InputIndexOfTarget(int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, TargetColumns.Count);
        string name = TargetColumns[target].Name;
        for (int i = 0; i < InputColumns.Count; i++)
        {
            if (InputColumns[i].Name == name)
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Checks that this metadata fits <paramref name="spec"/>: I input scalers (when any), and
    /// O = horizon × targets (when both are known). Returns null when it fits, otherwise the problem.
    /// </summary>
    public string? FindMismatch(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (InputColumns.Count > 0 && InputColumns.Count != spec.InputSize)
            return $"{InputColumns.Count} input column(s) are described but the model reads {spec.InputSize} value(s) per step";
        if (TargetColumns.Count > 0 && spec.OutputSize % TargetColumns.Count != 0)
            return $"the head's {spec.OutputSize} output(s) do not divide into {TargetColumns.Count} target column(s)";
        if (Horizon is int horizon)
        {
            int targets = TargetColumns.Count > 0 ? TargetColumns.Count : spec.OutputSize / horizon;
            if ((long)horizon * targets != spec.OutputSize)
                return $"horizon {horizon} × {targets} target(s) ≠ the head's {spec.OutputSize} output(s)";
        }
        if (WindowNormalization != WindowNormalization.None)
        {
            if (InputColumns.Count == 0 || TargetColumns.Count == 0)
                return "per-window normalisation needs the input and target column names, to add each target's level back";
            for (int t = 0; t < TargetColumns.Count; t++)
            {
                if (InputIndexOfTarget(t) < 0)
                    return $"per-window normalisation needs target column '{TargetColumns[t].Name}' among the input columns";
            }
        }
        return null;
    }

    /// <inheritdoc />
    public bool Equals(Preprocessing? other) =>
        other is not null && InputColumns.SequenceEqual(other.InputColumns) && TargetColumns.SequenceEqual(other.TargetColumns)
        && Lookback == other.Lookback && Horizon == other.Horizon
        && WindowNormalization == other.WindowNormalization;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Preprocessing);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InputColumns.Count, TargetColumns.Count, Lookback, Horizon);

    private static ColumnScaler[] Freeze(IReadOnlyList<ColumnScaler>? columns, string parameter)
    {
        if (columns is null)
            return [];
        var copy = columns.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in copy)
        {
            ArgumentNullException.ThrowIfNull(column, parameter);
            if (!seen.Add(column.Name))
                throw new ArgumentException($"Column '{column.Name}' appears twice.", parameter);
        }
        return copy;
    }
}
