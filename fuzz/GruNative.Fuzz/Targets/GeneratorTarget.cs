using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GruNative.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GruNative.Fuzz.Targets;

/// <summary>
/// The source generator on a weights file, as the compiler runs it: a Roslyn driver over one declaration and the
/// input as its JSON AdditionalFile. Input: 4 bytes choosing the declaration (cell, I, H, O, L), then the file. The
/// generator must never throw (the compiler would report CS8785 and build nothing); every problem is a GRUN
/// diagnostic; and when it reports none, what it emits compiles with no error.
/// </summary>
public sealed class GeneratorTarget : FuzzTarget
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.CSharp12);
    private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
    private static readonly ImmutableArray<MetadataReference> References = CreateReferences();

    // One compilation per declaration (at most 768), reused: a compilation is immutable, and binding the references
    // again for every input would be most of the harness's time.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CSharpCompilation> Compilations = new(StringComparer.Ordinal);

    public override string Name => "generator";

    public override string Description => "the source generator's JSON weights parsing, binding and emission (Roslyn driver)";

    public override bool IsDocumented(Exception e) => false;

    // Roslyn: a compilation, a driver and, for a file that binds, the generated kernel compiled.
    public override long FixedAllocation => 512L << 20;

    public override long AllocationPerByte => 16 << 10;

    public override TimeSpan TimeLimit => TimeSpan.FromSeconds(20);

    /// <summary>The 4-byte prefix of <paramref name="spec"/> (I ≤ 8, H ≤ 16, O ≤ 8, L ≤ 3).</summary>
    public static byte[] Prefix(ModelSpec spec) =>
        [(byte)((spec.Cell == CellKind.Lstm ? 1 : 0) | (spec.Layers - 1) << 1), (byte)(spec.InputSize - 1), (byte)(spec.HiddenSize - 1), (byte)(spec.OutputSize - 1)];

    public override void Run(byte[] input)
    {
        if (input.Length < 4)
            return;
        string attribute = (input[0] & 1) == 1 ? "LstmModel" : "GruModel";
        int layers = 1 + (input[0] >> 1) % 3, inputs = 1 + input[1] % 8, hidden = 1 + input[2] % 16, outputs = 1 + input[3] % 8;
        string declaration = string.Create(CultureInfo.InvariantCulture,
            $"[GruNative.{attribute}({inputs}, {hidden}, {outputs}, Layers = {layers}, WeightsFile = \"fuzz.json\")] public partial class Fuzzed;");
        var compilation = Compilations.GetOrAdd(declaration,
            text => CSharpCompilation.Create("Fuzz", [CSharpSyntaxTree.ParseText(text, Parse)], References, Options));
        var file = new InMemoryText("/fuzz/fuzz.json", Encoding.UTF8.GetString(input, 4, input.Length - 4));

        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], [file], Parse);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results[0];
        if (result.Exception is not null)
            throw new ContractViolation($"the generator threw {result.Exception.GetType().Name}: {result.Exception.Message}", result.Exception);
        var foreign = driverDiagnostics.Concat(result.Diagnostics).Where(d => !d.Id.StartsWith("GRUN", StringComparison.Ordinal)).ToList();
        if (foreign.Count > 0)
            throw new ContractViolation($"the generator reported a diagnostic of its own that is not GRUNnnn: {foreign[0]}");
        if (result.Diagnostics.IsEmpty)
        {
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
                throw new ContractViolation($"the generated code does not compile: {errors[0]}");
        }
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal) && path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(ModelSpec).Assembly.Location))
            .ToImmutableArray();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }
}
