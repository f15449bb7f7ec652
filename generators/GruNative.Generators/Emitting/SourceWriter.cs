using System;
using System.Text;

namespace GruNative.Generators.Emitting;

/// <summary>An indenting text writer for generated C#: one line at a time, braces open and close a level.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', 4 * _indent).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> (if any) and an opening brace, and indents.</summary>
    public SourceWriter Open(string? header = null)
    {
        if (header is not null)
            Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Un-indents and writes a closing brace (with an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Writes each line of a multi-line block at the current indentation.</summary>
    public SourceWriter Lines(string block)
    {
        foreach (var line in block.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None))
            Line(line);
        return this;
    }

    public override string ToString() => _text.ToString();
}
