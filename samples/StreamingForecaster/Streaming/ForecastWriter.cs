using System;
using System.IO;
using System.Text;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Streaming;

/// <summary>
/// Writes forecasts as CSV lines, <c>step,target+1,…,target+horizon</c> (a gateway's: <c>step,sensor,target+1,…</c>, one
/// writer per sensor), in the targets' own units: the head's
/// outputs become forecasts with <see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/> (y · σ + μ with each target's
/// scaler, in double, rounded to float32), printed as the shortest text that reads back as the same float32 (invariant
/// culture). With interval levels, each line goes on with the prediction interval of every forecast value at each level,
/// in increasing order, the lower bounds then the upper ones (<c>target_lower_80+1,…,target_upper_80+1,…</c>), from
/// <see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast}, ReadOnlySpan{double})"/>:
/// g⁻¹((y ∓ q) · σ + μ) with the step's calibrated offset q. Each line goes to the stream in one write and is flushed,
/// so a reader at the other end of a pipe sees it at once. Formats into buffers allocated up front: writing allocates nothing.
/// </summary>
internal sealed class ForecastWriter
{
    private readonly Stream _output;
    private readonly Preprocessing _preprocessing;
    private readonly string[] _targetNames;
    private readonly int[] _intervalLevels;
    private readonly float[] _outputs;
    private readonly float[] _forecast;
    private readonly float[] _bounds;   // [interval level][lower, upper][outputs]
    private readonly ForecastLine _line;
    private readonly int? _sensor;

    /// <param name="output">Where the lines go.</param>
    /// <param name="columns">The model's columns: the forecast columns' scalers, output index = step · targets + target, and the intervals.</param>
    /// <param name="outputSize">The head's O, a multiple of the number of targets.</param>
    /// <param name="intervalLevels">Indices of the interval levels to write (<see cref="ModelColumns.IntervalLevels"/>), or none.</param>
    /// <param name="sensor">The gateway's sensor (from 1) whose forecasts this writer writes, in a column of its own; none for a single sensor.</param>
    public ForecastWriter(Stream output, ModelColumns columns, int outputSize, int[]? intervalLevels = null, int? sensor = null)
    {
        _sensor = sensor;
        _output = output;
        _preprocessing = columns.Preprocessing;
        _targetNames = columns.TargetNames;
        _intervalLevels = intervalLevels ?? [];
        _outputs = new float[outputSize];
        _forecast = new float[outputSize];
        _bounds = new float[2 * _intervalLevels.Length * outputSize];
        // A step count (20 characters at most) and O floats of at most 15 characters each ("-1.2345678E-38"), separators,
        // '\n'; and two more sets of O floats per interval level.
        _line = new ForecastLine(_forecast.Length + _bounds.Length);
    }

    /// <summary>
    /// The header line: <c>step</c> (and <c>sensor</c> for a gateway's sensor), then <c>NAME+k</c> for forecast step
    /// k = 1…horizon of each target, then for each interval level L (in percent) <c>NAME_lower_L+k</c> and
    /// <c>NAME_upper_L+k</c> in the same order.
    /// </summary>
    public void WriteHeader()
    {
        var header = new StringBuilder(_sensor is null ? "step" : "step,sensor");
        AppendColumns(header, "");
        foreach (int level in _intervalLevels)
        {
            string percent = ModelColumns.Percent(_preprocessing.Intervals!.Levels[level]);
            AppendColumns(header, "_lower_" + percent);
            AppendColumns(header, "_upper_" + percent);
        }
        header.Append('\n');
        _output.Write(Encoding.UTF8.GetBytes(header.ToString()));
        _output.Flush();
    }

    private void AppendColumns(StringBuilder header, string suffix)
    {
        for (int k = 0; k < _forecast.Length; k++)
            header.Append(',').Append(_targetNames[k % _targetNames.Length]).Append(suffix).Append('+').Append(k / _targetNames.Length + 1);
    }

    /// <summary>Writes the forecast made after <paramref name="step"/> observations, with its intervals. Allocates nothing.</summary>
    public void Write(long step, ReadOnlySpan<float> outputs, IntervalTracker? tracker = null)
    {
        Prepare(outputs, tracker);
        Emit(step);
    }

    /// <summary>
    /// Turns the head's outputs into the next line's forecast and intervals: the calibrated bands, or with
    /// <paramref name="tracker"/> the tracker's current ones, after which the forecast is handed to the tracker to learn
    /// from when its values arrive. Nothing is written until <see cref="Emit"/>. Allocates nothing.
    /// </summary>
    public void Prepare(ReadOnlySpan<float> outputs, IntervalTracker? tracker)
    {
        // No window levels: a streamed model is trained without per-window normalisation (ModelColumns refuses it), so
        // the outputs are the forecast on the model's scale, as the tracker wants it.
        outputs.CopyTo(_outputs);
        int o = _outputs.Length;
        // With intervals, each level's call also writes the forecast (the same values each time).
        if (_intervalLevels.Length == 0)
            _preprocessing.ToForecast<float, float>(_outputs, [], _forecast);
        for (int i = 0; i < _intervalLevels.Length; i++)
        {
            var lower = _bounds.AsSpan(2 * i * o, o);
            var upper = _bounds.AsSpan((2 * i + 1) * o, o);
            if (tracker is null)
                _preprocessing.ToForecast<float, float>(_outputs, [], _intervalLevels[i], _forecast, lower, upper);
            else
                _preprocessing.ToForecastWithOffsets<float, float>(_outputs, [], tracker.OffsetsOf(_intervalLevels[i]), _forecast, lower, upper, []);
        }
        tracker?.Issue<float>(_outputs);
    }

    /// <summary>Writes the line <see cref="Prepare"/> made, as the forecast after <paramref name="step"/> observations. Allocates nothing.</summary>
    public void Emit(long step) => _line.Write(_output, step, _forecast, _bounds, _sensor);
}
