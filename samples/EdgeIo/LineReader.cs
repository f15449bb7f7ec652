using System;
using System.IO;

namespace GruNative.Samples.EdgeIo;

/// <summary>What <see cref="LineReader.Read"/> found.</summary>
public enum LineKind
{
    /// <summary>A line (without its line break).</summary>
    Line,

    /// <summary>A line longer than the buffer; it was read to its end and dropped.</summary>
    TooLong,

    /// <summary>The end of the stream.</summary>
    End,
}

/// <summary>
/// Reads UTF-8 lines from a stream as they arrive, into one buffer allocated up front: a line is a span into that
/// buffer, valid until the next read. A read returns as soon as a whole line is there, so lines from a pipe are handled
/// one by one as the sensor or device writes them, not when some block fills. Lines end with LF or CR LF; a last line without a
/// line break counts. Allocates nothing after construction.
/// </summary>
public sealed class LineReader(int capacity = 64 * 1024)
{
    private readonly byte[] _buffer = new byte[capacity];
    private Stream _stream = Stream.Null;
    private int _start;     // the unread bytes are _buffer[_start.._end)
    private int _end;
    private bool _endOfStream;

    /// <summary>The longest line, in bytes (its line break included).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The number of the line last returned, from 1.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Starts reading <paramref name="stream"/> from line 1, reusing the buffer.</summary>
    public void Reset(Stream stream)
    {
        _stream = stream;
        _start = _end = 0;
        _endOfStream = false;
        LineNumber = 0;
    }

    /// <summary>The next line, or why there is none. Blocks until a whole line or the end of the stream has arrived.</summary>
    public LineKind Read(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                LineNumber++;
                return LineKind.Line;
            }
            if (_endOfStream)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                if (_start == _end)
                    return LineKind.End;
                _start = _end;
                LineNumber++;
                return LineKind.Line;
            }
            if (_start == 0 && _end == _buffer.Length)
            {
                line = default;
                SkipRestOfLine();
                LineNumber++;
                return LineKind.TooLong;
            }
            Fill();
        }
    }

    // Moves the unread bytes to the front, then reads what the stream has (at least one byte, or the end).
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        int read = _stream.Read(_buffer.AsSpan(_end));
        if (read == 0)
            _endOfStream = true;
        _end += read;
    }

    // The buffer holds the start of an overlong line: drop bytes up to and including its line break.
    private void SkipRestOfLine()
    {
        _start = _end = 0;
        while (!_endOfStream)
        {
            Fill();
            int newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                return;
            }
            _end = 0;
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
