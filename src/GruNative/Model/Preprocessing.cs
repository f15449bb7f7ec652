using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative;

/// <summary>
/// How raw observations become model inputs and model outputs become forecasts: one
/// <see cref="ColumnScaler"/> per input value, one per target column (each with its optional Box–Cox or log
/// transform), the window lengths the model was trained with and its <see cref="WindowNormalization"/>. Every part is optional, so a model trained elsewhere can
/// carry only what it knows. The methods that apply it — <see cref="StandardizeInputs{T}(ReadOnlySpan{double}, Span{T})"/>,
/// <see cref="NormalizeWindow{T}"/>, <see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/> and <see cref="StandardizeTargets{T}"/> — do the
/// trainer's arithmetic on the caller's spans and allocate nothing.
/// </summary>
/// <remarks>
/// <para>The head's outputs are laid out step-major: output index = step · targets + target, for
/// step in [0, <see cref="Horizon"/>) and target in [0, <see cref="TargetColumns"/>.Count).</para>
/// <para>Input columns named <c>calendar.…</c> are not observed but computed from each step's timestamp, then
/// standardised by their scaler like any input: see <see cref="CalendarFeatures"/>, and
/// <see cref="StandardizeInputs{T}(ReadOnlySpan{double}, DateTime, Span{T})"/>, which fills them.</para>
/// </remarks>
public sealed partial class Preprocessing : IEquatable<Preprocessing>
{
    // The window arithmetic of these columns; null when WindowNormalization needs a target that is not an input
    // (FindMismatch reports it, and the window methods refuse to run).
    private readonly WindowLevels? _windowLevels;

    /// <summary>Creates preprocessing metadata; checks only what needs no model (the model checks the rest).</summary>
    /// <exception cref="ArgumentException">
    /// A column name repeats within a list; a window length is below 1; a column appears among the inputs and the targets
    /// with different transforms; or <paramref name="seasonLength"/> does not fit the normalisation (given exactly for
    /// <see cref="WindowNormalization.Seasonal"/>, at least 1, with a lookback of at least two seasons when known).
    /// </exception>
    public Preprocessing(
        IReadOnlyList<ColumnScaler>? inputColumns = null,
        IReadOnlyList<ColumnScaler>? targetColumns = null,
        int? lookback = null,
        int? horizon = null,
        WindowNormalization windowNormalization = WindowNormalization.None,
        int? seasonLength = null,
        PredictionIntervals? intervals = null)
    {
        InputColumns = Freeze(inputColumns, nameof(inputColumns));
        TargetColumns = Freeze(targetColumns, nameof(targetColumns));
        if (lookback is < 1)
            throw new ArgumentOutOfRangeException(nameof(lookback), lookback, "The lookback must be at least 1.");
        if (horizon is < 1)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be at least 1.");
        if (!Enum.IsDefined(windowNormalization))
            throw new ArgumentOutOfRangeException(nameof(windowNormalization), windowNormalization, "Unknown window normalisation.");
        if (PreprocessingRules.FindSeasonMismatch(lookback, windowNormalization == WindowNormalization.Seasonal, seasonLength) is { } seasonProblem)
            throw new ArgumentException(seasonProblem.Value + ".", nameof(seasonLength));
        foreach (var target in TargetColumns)
        {
            foreach (var input in InputColumns)
            {
                if (input.Name == target.Name && !Nullable.Equals(input.BoxCoxLambda, target.BoxCoxLambda))
                    throw new ArgumentException($"Column '{target.Name}' is transformed differently as an input ({input.TransformName}) and as a target ({target.TransformName}).", nameof(targetColumns));
            }
        }
        Lookback = lookback;
        Horizon = horizon;
        WindowNormalization = windowNormalization;
        SeasonLength = seasonLength;
        Intervals = intervals;
        if (windowNormalization == WindowNormalization.None || FindWindowNormalizationMismatch() is null)
            _windowLevels = new WindowLevels(windowNormalization, Names(InputColumns), Names(TargetColumns), seasonLength);
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
    /// The per-window normalisation the model was trained with: each input column's level (the window's last value or
    /// mean, in standardised units) is subtracted from that column's inputs (<see cref="NormalizeWindow{T}"/>) and the
    /// level of each target's input column is added back to its forecasts (<see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/>).
    /// Calendar columns (<see cref="CalendarFeatures.IsCalendarColumn"/>) are left as they are (their level is 0). A
    /// model trained with it sees whole windows: a streaming caller keeps the last <see cref="Lookback"/> observations
    /// and runs them from a zero state for each forecast.
    /// </summary>
    public WindowNormalization WindowNormalization { get; }

    /// <summary>m, the season length of <see cref="WindowNormalization.Seasonal"/>; null for the other normalisations.</summary>
    public int? SeasonLength { get; }

    /// <summary>
    /// The prediction intervals calibrated for the model, if any: applied by
    /// <see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast}, ReadOnlySpan{double})"/>.
    /// </summary>
    public PredictionIntervals? Intervals { get; }

    /// <summary>A copy of this preprocessing with <paramref name="intervals"/> (or none).</summary>
    public Preprocessing WithIntervals(PredictionIntervals? intervals) =>
        new(InputColumns, TargetColumns, Lookback, Horizon, WindowNormalization, SeasonLength, intervals);

    /// <summary>
    /// The levels one window's normalisation writes (<see cref="NormalizeWindow{T}"/>) and its forecast reads
    /// (<see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/>): I, or I · (m + 1) under <see cref="WindowNormalization.Seasonal"/>
    /// (see <see cref="WindowLevels"/>); 0 when the normalisation cannot be applied to these columns.
    /// </summary>
    public int LevelsPerWindow => _windowLevels?.LevelsPerWindow ?? 0;

    /// <summary>True when a column is Box–Cox (or log) transformed before standardisation.</summary>
    public bool HasTransform
    {
        get
        {
            for (int i = 0; i < InputColumns.Count; i++)
            {
                if (InputColumns[i].BoxCoxLambda is not null)
                    return true;
            }
            for (int k = 0; k < TargetColumns.Count; k++)
            {
                if (TargetColumns[k].BoxCoxLambda is not null)
                    return true;
            }
            return false;
        }
    }

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
    /// Checks that this metadata fits <paramref name="spec"/>: I input scalers (when any), O = horizon × targets (when
    /// both are known), and every target among the inputs under window normalisation (<see cref="PreprocessingRules"/>,
    /// which the generator applies to baked metadata too). Returns null when it fits, otherwise the problem.
    /// </summary>
    public string? FindMismatch(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Intervals is not null && Intervals.OutputCount != spec.OutputSize)
            return $"the prediction intervals describe {Intervals.OutputCount} output(s) but the model has {spec.OutputSize}";
        if (PreprocessingRules.FindIntervalScaleMismatch(Names(InputColumns), Names(TargetColumns), Lookback, Intervals?.ScaleSteps) is { } scaleProblem)
            return scaleProblem.Value;
        return PreprocessingRules.FindMismatch(spec, Names(InputColumns), Names(TargetColumns), Lookback, Horizon,
            WindowNormalization != WindowNormalization.None, WindowNormalization == WindowNormalization.Seasonal, SeasonLength)?.Value;
    }

    /// <summary>
    /// Checks that this metadata fits the segment model <paramref name="spec"/> (<see cref="PreprocessingRules"/>): no
    /// window normalisation or transform; intervals (if any) of H values per channel; the model's lookback and horizon when known; input columns and target
    /// columns the same channels with the same scalers (C of them with channel ids), none of them a calendar column.
    /// Returns null when it fits, otherwise the problem.
    /// </summary>
    public string? FindMismatch(SegmentModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (PreprocessingRules.FindSegmentMismatch(spec, Names(InputColumns), Names(TargetColumns), Lookback, Horizon,
                WindowNormalization != WindowNormalization.None, HasTransform) is { } problem)
            return problem.Value;
        // The intervals describe the forecast of every described channel: H values per channel, step-major.
        if (Intervals is not null && Intervals.OutputCount != (long)spec.Horizon * TargetColumns.Count)
            return $"the prediction intervals describe {Intervals.OutputCount} output(s), but the model forecasts {spec.Horizon} step(s) of {TargetColumns.Count} channel(s)";
        for (int i = 0; i < InputColumns.Count; i++)
        {
            if (CalendarFeatures.IsCalendarColumn(InputColumns[i].Name))
                return $"'{InputColumns[i].Name}' is computed from timestamps, not an observed channel a segment model can forecast";
            if (!InputColumns[i].Equals(TargetColumns[i]))
                return $"channel '{InputColumns[i].Name}' is standardised differently as an input ({InputColumns[i]}) and as a target ({TargetColumns[i]})";
        }
        return null;
    }

    /// <summary>Why <see cref="WindowNormalization"/> cannot be applied to these columns, or null when it can.</summary>
    private string? FindWindowNormalizationMismatch() =>
        PreprocessingRules.FindWindowNormalizationMismatch(Names(InputColumns), Names(TargetColumns))?.Value;

    /// <inheritdoc />
    public bool Equals(Preprocessing? other) =>
        other is not null && InputColumns.SequenceEqual(other.InputColumns) && TargetColumns.SequenceEqual(other.TargetColumns)
        && Lookback == other.Lookback && Horizon == other.Horizon
        && WindowNormalization == other.WindowNormalization && SeasonLength == other.SeasonLength
        && Equals(Intervals, other.Intervals);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Preprocessing);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InputColumns.Count, TargetColumns.Count, Lookback, Horizon);

    private static string[] Names(IReadOnlyList<ColumnScaler> columns)
    {
        var names = new string[columns.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = columns[i].Name;
        return names;
    }

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
