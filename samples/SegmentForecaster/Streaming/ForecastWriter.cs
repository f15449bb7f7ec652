using System;
using System.IO;
using System.Text;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Streaming;

/// <summary>
/// Writes forecasts as CSV lines, <c>step,OT+1,…,OT+96</c>, in the data's units: the model's outputs become forecasts
/// with <see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/> (y · σ + μ in
/// double, rounded to float32; no window levels, because the segment kernel adds the window's last value back itself),
/// printed as the shortest text that reads back as the same float32. With interval levels the line goes on, for each
/// level in increasing order, with <c>OT_lower_L+1,…,OT_lower_L+96,OT_upper_L+1,…,OT_upper_L+96</c>: (y ∓ q) · σ + μ with
/// the step's calibrated offset q (<see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, int, Span{TForecast}, Span{TForecast}, Span{TForecast}, ReadOnlySpan{double})"/>).
/// Each line goes out in one write and is flushed, so a reader at the other end of a pipe sees it at once. Formats into
/// buffers allocated up front: writing allocates nothing.
/// </summary>
internal sealed class ForecastWriter
{
    private readonly Stream _output;
    private readonly Preprocessing _preprocessing;
    private readonly int[] _levels;      // indices into the weights' interval levels
    private readonly float[] _outputs;   // ToForecast works in place on a copy: the caller's span stays as it was
    private readonly float[] _forecast;
    private readonly float[] _bounds;    // [level][lower, upper][horizon]
    private readonly ForecastLine _line;

    /// <param name="output">Where the lines go.</param>
    /// <param name="preprocessing">The weights' scaler and intervals.</param>
    /// <param name="horizon">Forecast steps (one channel).</param>
    /// <param name="intervalLevels">Indices of the interval levels to write (<see cref="IntervalLevels.Resolve"/>), or none.</param>
    public ForecastWriter(Stream output, Preprocessing preprocessing, int horizon, int[] intervalLevels)
    {
        _output = output;
        _preprocessing = preprocessing;
        _levels = intervalLevels;
        _outputs = new float[horizon];
        _forecast = new float[horizon];
        _bounds = new float[2 * _levels.Length * horizon];
        // A step count (20 characters at most) and floats of at most 15 characters ("-1.2345678E-38") with separators.
        _line = new ForecastLine(_forecast.Length + _bounds.Length);
    }

    /// <summary>The header line: <c>step,OT+1,…,OT+96</c>, then <c>OT_lower_L+k</c> and <c>OT_upper_L+k</c> per level.</summary>
    public void WriteHeader()
    {
        string name = _preprocessing.TargetColumns[0].Name;
        var header = new StringBuilder("step");
        AppendColumns(header, name);
        foreach (int level in _levels)
        {
            string percent = IntervalLevels.Percent(_preprocessing.Intervals!.Levels[level]);
            AppendColumns(header, $"{name}_lower_{percent}");
            AppendColumns(header, $"{name}_upper_{percent}");
        }
        header.Append('\n');
        _output.Write(Encoding.UTF8.GetBytes(header.ToString()));
        _output.Flush();
    }

    private void AppendColumns(StringBuilder header, string name)
    {
        for (int k = 1; k <= _forecast.Length; k++)
            header.Append(',').Append(name).Append('+').Append(k);
    }

    /// <summary>Writes the forecast made after <paramref name="step"/> observations (<paramref name="outputs"/> on the model's scale). Allocates nothing.</summary>
    public void Write(long step, ReadOnlySpan<float> outputs, IntervalTracker? tracker = null)
    {
        Prepare(outputs, tracker);
        Emit(step);
    }

    /// <summary>
    /// Makes the next line's forecast and bounds from <paramref name="outputs"/> (on the model's scale): the calibrated
    /// bands, or with <paramref name="tracker"/> its current ones, after which the forecast is handed to the tracker to
    /// learn from when its values arrive. Nothing is written until <see cref="Emit"/>. Allocates nothing.
    /// </summary>
    public void Prepare(ReadOnlySpan<float> outputs, IntervalTracker? tracker)
    {
        outputs.CopyTo(_outputs);
        int h = _outputs.Length;
        if (_levels.Length == 0)
            _preprocessing.ToForecast<float, float>(_outputs, [], _forecast);
        // With intervals, each level's call writes the forecast too (the same values each time).
        for (int i = 0; i < _levels.Length; i++)
        {
            var lower = _bounds.AsSpan(2 * i * h, h);
            var upper = _bounds.AsSpan((2 * i + 1) * h, h);
            if (tracker is null)
                _preprocessing.ToForecast<float, float>(_outputs, [], _levels[i], _forecast, lower, upper);
            else
                _preprocessing.ToForecastWithOffsets<float, float>(_outputs, [], tracker.OffsetsOf(_levels[i]), _forecast, lower, upper, []);
        }
        tracker?.Issue<float>(_outputs);   // no window levels: the outputs are the forecast on the model's scale
    }

    /// <summary>Writes the line <see cref="Prepare"/> made, as the forecast after <paramref name="step"/> observations. Allocates nothing.</summary>
    public void Emit(long step) => _line.Write(_output, step, _forecast, _bounds);
}
