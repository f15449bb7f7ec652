using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative.Training.Data;

/// <summary>
/// What one forecasting window holds: <see cref="Lookback"/> steps of the <see cref="InputColumns"/> in, then
/// <see cref="Horizon"/> steps of the <see cref="TargetColumns"/> out (output index = step · targets + target, the
/// runtime's convention). Immutable; names only, so one task applies to any table with these columns.
/// </summary>
public sealed class ForecastTask : IEquatable<ForecastTask>
{
    private readonly int[] _targetInputIndex;

    /// <summary>Creates a task from explicit column lists.</summary>
    /// <exception cref="ArgumentException">A list is empty or repeats a name, or a length is below 1.</exception>
    public ForecastTask(IReadOnlyList<string> inputColumns, IReadOnlyList<string> targetColumns, int lookback, int horizon)
    {
        var inputs = CheckNames(inputColumns, nameof(inputColumns));
        var targets = CheckNames(targetColumns, nameof(targetColumns));
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        Lookback = lookback;
        Horizon = horizon;
        InputColumns = inputs;
        TargetColumns = targets;
        _targetInputIndex = targets.Select(t => Array.IndexOf(inputs, t)).ToArray();
    }

    /// <summary>
    /// The task of a paper-style mode over <paramref name="table"/>'s columns: S reads and forecasts
    /// <paramref name="targets"/>; M reads and forecasts every column (<paramref name="targets"/> is then only checked to
    /// exist, and may be null); MS reads every column and forecasts <paramref name="targets"/>.
    /// </summary>
    /// <remarks>
    /// Calendar columns (<see cref="CalendarFeatures.IsCalendarColumn"/>) are inputs only: S reads them after the targets,
    /// M reads them but forecasts only the other columns, and none may be a target — they are known in advance, not
    /// forecast.
    /// </remarks>
    /// <exception cref="DataFormatException">A target is not a column of the table (the message lists them).</exception>
    /// <exception cref="ArgumentException">
    /// S or MS without a target, a calendar column as a target, a table of calendar columns alone in M, or a length below 1.
    /// </exception>
    public static ForecastTask ForMode(ForecastMode mode, TimeSeriesTable table, IReadOnlyList<string>? targets, int lookback, int horizon)
    {
        ArgumentNullException.ThrowIfNull(table);
        targets ??= [];
        foreach (string target in targets)
        {
            table.GetColumnIndex(target);
            if (CalendarFeatures.IsCalendarColumn(target))
                throw new ArgumentException($"'{target}' is a calendar column: calendar columns are inputs only, never forecast.", nameof(targets));
        }
        if (mode != ForecastMode.M && targets.Count == 0)
            throw new ArgumentException($"Mode {mode} needs at least one target column.", nameof(targets));
        var calendar = table.ColumnNames.Where(CalendarFeatures.IsCalendarColumn).ToArray();
        var observed = table.ColumnNames.Where(name => !CalendarFeatures.IsCalendarColumn(name)).ToArray();
        if (mode == ForecastMode.M && observed.Length == 0)
            throw new ArgumentException("Mode M forecasts every column but the calendar columns, and the table has no other.", nameof(table));
        return mode switch
        {
            ForecastMode.S => new ForecastTask(targets.Concat(calendar).ToArray(), targets, lookback, horizon),
            ForecastMode.M => new ForecastTask(table.ColumnNames, observed, lookback, horizon),
            ForecastMode.MS => new ForecastTask(table.ColumnNames, targets, lookback, horizon),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown forecast mode."),
        };
    }

    /// <summary>The columns the model reads at each step, in input order (I = their count).</summary>
    public IReadOnlyList<string> InputColumns { get; }

    /// <summary>The columns the model forecasts, in output order.</summary>
    public IReadOnlyList<string> TargetColumns { get; }

    /// <summary>L: steps of inputs per window.</summary>
    public int Lookback { get; }

    /// <summary>T: steps forecast per window.</summary>
    public int Horizon { get; }

    /// <summary>I: input values per step.</summary>
    public int InputCount => InputColumns.Count;

    /// <summary>K: target columns.</summary>
    public int TargetCount => TargetColumns.Count;

    /// <summary>O = T · K: values the head forecasts per window.</summary>
    public int OutputSize => Horizon * TargetCount;

    /// <summary>L · I: input values per window.</summary>
    public int InputValuesPerWindow => Lookback * InputCount;

    /// <summary>Rows one window spans: L + T.</summary>
    public int WindowLength => Lookback + Horizon;

    /// <summary>The input index of target <paramref name="target"/>'s column, or −1 when the model does not read it.</summary>
    public int InputIndexOfTarget(int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, TargetCount);
        return _targetInputIndex[target];
    }

    /// <summary>Whether <paramref name="other"/> reads and forecasts the same columns, in the same order, over the same lookback and horizon.</summary>
    public bool Equals(ForecastTask? other) =>
        other is not null && Lookback == other.Lookback && Horizon == other.Horizon
        && InputColumns.SequenceEqual(other.InputColumns, StringComparer.Ordinal) && TargetColumns.SequenceEqual(other.TargetColumns, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ForecastTask);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Lookback, Horizon, InputCount, TargetCount, StringComparer.Ordinal.GetHashCode(TargetColumns[0]));

    /// <summary>For example <c>[HUFL, …, OT] × 96 → [OT] × 24</c>.</summary>
    public override string ToString() =>
        $"[{string.Join(", ", InputColumns)}] × {Lookback} → [{string.Join(", ", TargetColumns)}] × {Horizon}";

    private static string[] CheckNames(IReadOnlyList<string> names, string parameter)
    {
        ArgumentNullException.ThrowIfNull(names, parameter);
        if (names.Count == 0)
            throw new ArgumentException("At least one column is needed.", parameter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, parameter);
            if (!seen.Add(name))
                throw new ArgumentException($"Column '{name}' appears twice.", parameter);
        }
        return names.ToArray();
    }
}
