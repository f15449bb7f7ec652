using System;
using System.Globalization;
using System.IO;
using System.Text;
using GruNative;

namespace StreamingForecaster.Streaming;

/// <summary>
/// Writes forecasts as CSV lines, <c>step,target+1,…,target+horizon</c>, in the targets' own units: the head's
/// output y becomes y · σ + μ with the target's scaler, printed as the shortest text that reads back as the same
/// float32 (invariant culture). Each line goes to the stream in one write and is flushed, so a reader at the other
/// end of a pipe sees it at once. Formats into a buffer allocated up front: writing allocates nothing.
/// </summary>
internal sealed class ForecastWriter
{
    private readonly Stream _output;
    private readonly ColumnScaler[] _targets;
    private readonly ColumnScaler[] _scalerOfOutput;   // the target scaler of each head output
    private readonly byte[] _line;

    /// <param name="output">Where the lines go.</param>
    /// <param name="targets">The forecast columns' scalers; output index = step · targets + target.</param>
    /// <param name="outputSize">The head's O, a multiple of the number of targets.</param>
    public ForecastWriter(Stream output, ReadOnlySpan<ColumnScaler> targets, int outputSize)
    {
        _output = output;
        _targets = targets.ToArray();
        _scalerOfOutput = new ColumnScaler[outputSize];
        for (int k = 0; k < outputSize; k++)
            _scalerOfOutput[k] = targets[k % targets.Length];
        // A step count (20 characters at most) and O floats of at most 15 characters each ("-1.2345678E-38"), separators, '\n'.
        _line = new byte[24 + 16 * outputSize];
    }

    /// <summary>The header line: <c>step</c>, then <c>NAME+k</c> for forecast step k = 1…horizon of each target.</summary>
    public void WriteHeader()
    {
        var header = new StringBuilder("step");
        for (int k = 0; k < _scalerOfOutput.Length; k++)
            header.Append(',').Append(_scalerOfOutput[k].Name).Append('+').Append(k / _targets.Length + 1);
        header.Append('\n');
        _output.Write(Encoding.UTF8.GetBytes(header.ToString()));
        _output.Flush();
    }

    /// <summary>Writes the forecast made after <paramref name="step"/> observations. Allocates nothing.</summary>
    public void Write(long step, ReadOnlySpan<float> outputs)
    {
        Span<byte> line = _line;
        step.TryFormat(line, out int length, default, CultureInfo.InvariantCulture);
        for (int k = 0; k < outputs.Length; k++)
        {
            line[length++] = (byte)',';
            float value = (float)_scalerOfOutput[k].Destandardize(outputs[k]);
            value.TryFormat(line[length..], out int written, "R", CultureInfo.InvariantCulture);
            length += written;
        }
        line[length++] = (byte)'\n';
        _output.Write(line[..length]);
        _output.Flush();
    }
}
