using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GruNative.Generators.Tests.Infrastructure;

/// <summary>An AdditionalFiles item that lives in memory: a path and its text (or no text, like an unreadable file).</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText? _text;

    public InMemoryAdditionalText(string path, string? text)
    {
        Path = path;
        _text = text is null ? null : SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;

    public override string ToString() => Path;
}
