using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GruNative.Generators.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="ModelGenerator"/> in-process on an in-memory compilation, the way the compiler would: C# sources,
/// JSON AdditionalFiles, references to GruNative.dll and the running .NET's framework assemblies.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>C# 12: the newest language version of the Roslyn the generator is built against (4.8).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>
    /// The framework's assemblies (the trusted platform assemblies that live in the shared framework directory) and
    /// GruNative.dll: exactly what a consumer's compilation sees. The test host's other assemblies (xunit, Roslyn, the
    /// generator itself) are left out so generated code cannot come to depend on them.
    /// </summary>
    public static ImmutableArray<MetadataReference> References { get; } = CreateReferences();

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(ModelSpec).Assembly.Location));
        return references.ToImmutableArray();
    }

    /// <summary>Options of a strict consumer: nullable on, every warning (of the newest warning wave) an error.</summary>
    public static CSharpCompilationOptions StrictOptions(OptimizationLevel optimization = OptimizationLevel.Debug) =>
        new(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            warningLevel: 9999,
            optimizationLevel: optimization,
            deterministic: true);

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, string assemblyName = "Consumer", OptimizationLevel optimization = OptimizationLevel.Debug) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            StrictOptions(optimization));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalFiles) =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            additionalFiles,
            ParseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once on <paramref name="source"/> and <paramref name="additionalFiles"/> (path, text).</summary>
    public static GeneratorRun Run(string source, params (string Path, string Text)[] additionalFiles) =>
        Run(new[] { source }, additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)));

    public static GeneratorRun Run(IEnumerable<string> sources, IEnumerable<AdditionalText> additionalFiles, OptimizationLevel optimization = OptimizationLevel.Debug) =>
        Run(CreateCompilation(sources, optimization: optimization), CreateDriver(additionalFiles));

    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver driver)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(compilation, output, driver, driverDiagnostics);
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed class GeneratorRun
{
    private ImmutableArray<Diagnostic>? _compilationDiagnostics;

    public GeneratorRun(CSharpCompilation input, Compilation output, GeneratorDriver driver, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Input = input;
        Output = output;
        Driver = driver;
        DriverDiagnostics = driverDiagnostics;
        Result = driver.GetRunResult().Results.Single();
    }

    public CSharpCompilation Input { get; }

    /// <summary>The compilation with the generated sources added.</summary>
    public Compilation Output { get; }

    public GeneratorDriver Driver { get; }

    public GeneratorRunResult Result { get; }

    /// <summary>What the driver reports: the generator's diagnostics plus CS8784/CS8785 if it threw.</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>The generator's own diagnostics (GRUN…).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Every diagnostic of the compilation after generation, of every severity (computed once, on demand).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => _compilationDiagnostics ??= Output.GetDiagnostics();

    /// <summary>Generated sources by model, e.g. <c>N.Outer.Model</c> (see <see cref="ModelOf"/>).</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => ModelOf(s.HintName), s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>The generated source of the model <paramref name="fullName"/> (namespace, containing types and name, dotted), or null.</summary>
    public string? SourceFor(string fullName) => Sources.TryGetValue(fullName, out var source) ? source : null;

    /// <summary>
    /// The model a hint name belongs to: the name without <c>.GruNative.g.cs</c> and without the 8-digit hash the
    /// generator may add to keep hint names unique ignoring case (<c>N.Model.1a2b3c4d.GruNative.g.cs</c> → <c>N.Model</c>).
    /// </summary>
    public static string ModelOf(string hintName)
    {
        const string Suffix = ".GruNative.g.cs";
        Assert.EndsWith(Suffix, hintName, StringComparison.Ordinal);
        string name = hintName[..^Suffix.Length];
        int dot = name.LastIndexOf('.');
        return dot >= 0 && name.Length - dot - 1 == 8 && name[(dot + 1)..].All(char.IsAsciiHexDigitLower) ? name[..dot] : name;
    }

    /// <summary>The generator neither threw (CS8784/CS8785) nor reported an internal error (GRUN999).</summary>
    public void AssertGeneratorDidNotFail()
    {
        Assert.Null(Result.Exception);
        Assert.DoesNotContain(DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(GeneratorDiagnostics, d => d.Id == "GRUN999");
    }

    /// <summary>The single generator diagnostic, which must have <paramref name="id"/>; nothing is generated.</summary>
    public Diagnostic SingleDiagnostic(string id)
    {
        AssertGeneratorDidNotFail();
        var diagnostic = Assert.Single(GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(Result.GeneratedSources);
        return diagnostic;
    }
}
