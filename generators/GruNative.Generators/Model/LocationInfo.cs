using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GruNative.Generators.Model;

/// <summary>A source location without a reference to a syntax tree, so it can live in a cached pipeline model.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>A point in an additional (non-C#) file, from 1-based line and column.</summary>
    public static LocationInfo InFile(string path, SourceText text, int line, int column)
    {
        int lineIndex = System.Math.Max(0, System.Math.Min(line - 1, text.Lines.Count - 1));
        var textLine = text.Lines[lineIndex];
        int position = System.Math.Min(textLine.Start + System.Math.Max(0, column - 1), textLine.End);
        var point = new LinePosition(lineIndex, position - textLine.Start);
        return new LocationInfo(path, new TextSpan(position, 0), new LinePositionSpan(point, point));
    }
}
