using System;
using System.Globalization;
using System.IO;
using System.Text;
using GruNative;

namespace StreamingForecaster.Streaming;

/// <summary>
/// Writes forecasts as CSV lines, <c>step,target+1,…,target+horizon</c>, in the targets' own units: the head's
/// outputs become forecasts with <see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/> (y · σ + μ with each target's
/// scaler, in double, rounded to float32), printed as the shortest text that reads back as the same float32 (invariant
/// culture). Each line goes to the stream in one write and is flushed, so a reader at the other end of a pipe sees it
/// at once. Formats into buffers allocated up front: writing allocates nothing.
/// </summary>
internal sealed class ForecastWriter
{
    private readonly Stream _output;
    private readonly Preprocessing _preprocessing;
    private readonly string[] _targetNames;
    private readonly float[] _forecast;
    private readonly byte[] _line;

    /// <param name="output">Where the lines go.</param>
    /// <param name="columns">The model's columns: the forecast columns' scalers, output index = step · targets + target.</param>
    /// <param name="outputSize">The head's O, a multiple of the number of targets.</param>
    public ForecastWriter(Stream output, ModelColumns columns, int outputSize)
    {
        _output = output;
        _preprocessing = columns.Preprocessing;
        _targetNames = columns.TargetNames;
        _forecast = new float[outputSize];
        // A step count (20 characters at most) and O floats of at most 15 characters each ("-1.2345678E-38"), separators, '\n'.
        _line = new byte[24 + 16 * outputSize];
    }

    /// <summary>The header line: <c>step</c>, then <c>NAME+k</c> for forecast step k = 1…horizon of each target.</summary>
    public void WriteHeader()
    {
        var header = new StringBuilder("step");
        for (int k = 0; k < _forecast.Length; k++)
            header.Append(',').Append(_targetNames[k % _targetNames.Length]).Append('+').Append(k / _targetNames.Length + 1);
        header.Append('\n');
        _output.Write(Encoding.UTF8.GetBytes(header.ToString()));
        _output.Flush();
    }

    /// <summary>Writes the forecast made after <paramref name="step"/> observations. Allocates nothing.</summary>
    public void Write(long step, ReadOnlySpan<float> outputs)
    {
        // No window levels: a streamed model is trained without per-window normalisation (ModelColumns refuses it).
        outputs.CopyTo(_forecast);
        _preprocessing.ToForecast<float, float>(_forecast, [], _forecast);
        Span<byte> line = _line;
        step.TryFormat(line, out int length, default, CultureInfo.InvariantCulture);
        foreach (float value in _forecast)
        {
            line[length++] = (byte)',';
            value.TryFormat(line[length..], out int written, "R", CultureInfo.InvariantCulture);
            length += written;
        }
        line[length++] = (byte)'\n';
        _output.Write(line[..length]);
        _output.Flush();
    }
}
