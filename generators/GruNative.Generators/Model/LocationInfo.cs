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

    /// <summary>
    /// A point in an additional (non-C#) file, from a 0-based character offset: the editor's own line breaks (which
    /// include U+2028 and lone CRs) then decide the line and column it shows.
    /// </summary>
    public static LocationInfo AtOffset(string path, SourceText text, int offset)
    {
        int position = System.Math.Max(0, System.Math.Min(offset, text.Length));
        var point = text.Lines.GetLinePosition(position);
        return new LocationInfo(path, new TextSpan(position, 0), new LinePositionSpan(point, point));
    }
}
