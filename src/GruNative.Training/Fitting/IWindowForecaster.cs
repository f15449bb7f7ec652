using System;
using GruNative.Training.Data;

namespace GruNative.Training.Fitting;

/// <summary>
/// A trained forecaster as the scoring code sees it, whatever its family: whole windows of a task in, as a dataset
/// gathers them (n × L × I, standardised, normalised when the dataset normalises windows), the head's outputs out
/// (n × H · K, step-major: index step · K + target), on the model's scale — before the window's levels and the target
/// transform are undone. <see cref="ModelEvaluation"/>, <see cref="Scoreboard"/> and <see cref="IntervalCalibration"/>
/// score any implementation the same way.
/// </summary>
/// <remarks>
/// Implementations: <see cref="NetworkForecaster"/> (the plain GRU/LSTM forecasters, whole-window or channel by channel,
/// and their ensembles) and <c>Segments.SegmentForecaster</c> (the segment-recurrent family). They are not thread-safe:
/// one caller at a time.
/// </remarks>
public interface IWindowForecaster
{
    /// <summary>The task whose windows it reads and forecasts.</summary>
    ForecastTask Task { get; }

    /// <summary>
    /// Forecasts <paramref name="count"/> windows (<paramref name="inputs"/>: count × L × I) into
    /// <paramref name="outputs"/> (count × H · K, step-major). Any count of 1 or more.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not fit <paramref name="count"/> windows.</exception>
    void Forward(ReadOnlySpan<float> inputs, int count, Span<float> outputs);
}
