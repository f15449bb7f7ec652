using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Infrastructure;

internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs the generator on <paramref name="source"/> (with <paramref name="additionalFiles"/>) and returns its single
    /// diagnostic, which must be <paramref name="id"/> and point at the first <paramref name="marker"/> of the source.
    /// </summary>
    public static Diagnostic SingleInSource(string id, string source, string marker, params (string Path, string Text)[] additionalFiles)
    {
        var diagnostic = GeneratorHarness.Run(source, additionalFiles).SingleDiagnostic(id);
        InSource(diagnostic, source, marker);
        return diagnostic;
    }

    /// <summary>
    /// GRUN008: <paramref name="source"/> declares N.Forecaster as <paramref name="declared"/>, but its weights file
    /// <paramref name="file"/> holds <paramref name="held"/>. The single diagnostic points at the first
    /// <paramref name="marker"/> (the attribute) and names both shapes and the file.
    /// </summary>
    public static void DeclaredButHolds(string source, string marker, (string Path, string Text) file, string declared, string held)
    {
        var diagnostic = SingleInSource("GRUN008", source, marker, file);
        Assert.Equal($"'N.Forecaster' is declared as {declared} but {System.IO.Path.GetFileName(file.Path)} holds {held}", diagnostic.GetMessage());
    }

    /// <summary>The diagnostic points into the C# source <paramref name="file"/>, at the first occurrence of <paramref name="marker"/>.</summary>
    /// <remarks>
    /// The generator keeps locations as path + span (no syntax tree may live in a cached pipeline model), so even a
    /// location in C# source comes back as <see cref="LocationKind.ExternalFile"/>, as in dotnet/runtime's generators.
    /// </remarks>
    public static void InSource(Diagnostic diagnostic, string source, string marker, string file = "Source0.cs")
    {
        Assert.Equal(file, diagnostic.Location.GetLineSpan().Path);
        int index = source.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' is not in the source");
        Assert.Equal(index, diagnostic.Location.SourceSpan.Start);
    }

    /// <summary>The diagnostic points into the weights file <paramref name="path"/> at 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
    public static void InFile(Diagnostic diagnostic, string path, int line, int column)
    {
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    /// <summary>The diagnostic points into the weights file <paramref name="path"/>, at its start (a problem of the whole file).</summary>
    public static void AtFileStart(Diagnostic diagnostic, string path) => InFile(diagnostic, path, 1, 1);
}
