using System;
using System.Collections.Generic;
using System.Numerics;

namespace GruNative;

// Raw observations → model inputs: standardisation, calendar inputs, per-window normalisation.
public sealed partial class Preprocessing
{
    /// <summary>
    /// Standardises <paramref name="observations"/> — one or more steps of one raw value per input column, row-major
    /// (index step · I + input) — into <paramref name="inputs"/> (the same layout): inputs[j] = (x − μ) / σ with the
    /// scaler of x's column (after its Box–Cox or log transform, if any), computed in double and rounded to <typeparamref name="T"/>. Every column is treated alike,
    /// calendar columns included, whose raw values are then <see cref="CalendarFeatures.Compute"/>'s (as the trainer's
    /// table holds them); to compute them from a timestamp instead, use
    /// <see cref="StandardizeInputs{T}(ReadOnlySpan{double}, DateTime, Span{T})"/>. The two spans may be the same memory
    /// (<typeparamref name="T"/> = double). Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No input columns are described.</exception>
    /// <exception cref="ArgumentException">The spans' lengths differ, or are not whole steps of I values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its column's transform domain (the message names the step and the column).</exception>
    public void StandardizeInputs<T>(ReadOnlySpan<double> observations, Span<T> inputs) where T : IFloatingPointIeee754<T>
    {
        RequireColumns(InputColumns, "input");
        StandardizeRows(InputColumns, observations, inputs, nameof(observations));
    }

    /// <summary>
    /// Makes the model inputs of one step: standardises <paramref name="observation"/> (one raw value per input column)
    /// into <paramref name="inputs"/> as <see cref="StandardizeInputs{T}(ReadOnlySpan{double}, Span{T})"/> does, then
    /// writes each calendar column's standardised value at <paramref name="time"/> with <see cref="CalendarFeatures.Fill{T}"/>.
    /// The observation's values at calendar positions are ignored (they may be anything, NaN included). Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No input columns are described.</exception>
    /// <exception cref="ArgumentException">
    /// A span is not I values long, or a column has the calendar prefix but is not one this version can compute.
    /// </exception>
    public void StandardizeInputs<T>(ReadOnlySpan<double> observation, DateTime time, Span<T> inputs) where T : IFloatingPointIeee754<T>
    {
        RequireColumns(InputColumns, "input");
        if (observation.Length != InputColumns.Count)
            throw new ArgumentException($"{observation.Length} value(s) for one step of {InputColumns.Count} input column(s).", nameof(observation));
        StandardizeRows(InputColumns, observation, inputs, nameof(observation));
        CalendarFeatures.Fill(time, InputColumns, inputs);
    }

    /// <summary>
    /// Applies <see cref="WindowNormalization"/> to one window of standardised inputs, in place: <paramref name="window"/>
    /// is steps × I (row-major), <see cref="Lookback"/> steps when that is known. Each input column's reference — its value
    /// at the last step (<see cref="WindowNormalization.LastValue"/>), the mean of its values (<see cref="WindowNormalization.Mean"/>,
    /// summed in double in step order, divided by the step count, rounded to <typeparamref name="T"/>), or its seasonal fit
    /// (<see cref="WindowNormalization.Seasonal"/>, see <see cref="WindowLevels"/>) — is subtracted, in <typeparamref name="T"/>,
    /// from that column's values and written to <paramref name="levels"/> (<see cref="LevelsPerWindow"/> values), for
    /// <see cref="ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/> to add back. Calendar columns are exempt (level 0). With
    /// <see cref="WindowNormalization.None"/> the window is left as it is and every level is 0. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No input columns are described, or the normalisation needs a target that is not among them (see <see cref="FindMismatch(ModelSpec)"/>).
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is not <see cref="Lookback"/> (or, unknown, whole) steps of I values, or <paramref name="levels"/> is not <see cref="LevelsPerWindow"/> long.</exception>
    public void NormalizeWindow<T>(Span<T> window, Span<T> levels) where T : IFloatingPointIeee754<T>
    {
        RequireColumns(InputColumns, "input");
        if (Lookback is int lookback && window.Length != (long)lookback * InputColumns.Count)
            throw new ArgumentException($"{window.Length} value(s) for a window of {lookback} step(s) × {InputColumns.Count} input(s).", nameof(window));
        RequireWindowLevels().Normalize(window, levels);
    }

    /// <summary>The window arithmetic, or why there is none.</summary>
    private WindowLevels RequireWindowLevels() =>
        _windowLevels ?? throw new InvalidOperationException($"The preprocessing cannot be applied: {FindWindowNormalizationMismatch()}.");

    private static void RequireColumns(IReadOnlyList<ColumnScaler> columns, string kind)
    {
        if (columns.Count == 0)
            throw new InvalidOperationException($"The preprocessing describes no {kind} columns, so it has no scalers to apply.");
    }

    /// <summary>
    /// destination[j] = (values[j] − μ) / σ, in double, rounded to <typeparamref name="T"/>, with the scaler of column
    /// j mod <paramref name="columns"/>.Count: the one standardisation of inputs and targets.
    /// </summary>
    private static void StandardizeRows<T>(IReadOnlyList<ColumnScaler> columns, ReadOnlySpan<double> values, Span<T> destination, string parameter)
        where T : IFloatingPointIeee754<T>
    {
        int width = columns.Count;
        if (values.Length != destination.Length || values.Length % width != 0)
            throw new ArgumentException($"{values.Length} value(s) into {destination.Length}: both must be the same whole number of steps of {width} column(s).", parameter);
        // An indexed loop over the columns: foreach over an IReadOnlyList would allocate an enumerator.
        for (int row = 0; row < values.Length; row += width)
        {
            for (int c = 0; c < width; c++)
            {
                var column = columns[c];
                double value = values[row + c];
                if (!column.IsInDomain(value))
                    throw new ArgumentOutOfRangeException(parameter, value, $"Step {row / width}: {column.DomainMessage(value)}");
                destination[row + c] = T.CreateTruncating(column.Standardize(value));
            }
        }
    }
}
