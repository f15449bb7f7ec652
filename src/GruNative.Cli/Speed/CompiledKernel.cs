
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using GruNative.Generators;
using GruNative.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GruNative.Cli.Speed;

/// <summary>
/// The generated kernel of one model shape, compiled in process: <see cref="TimingProgram"/> is compiled with the
/// GruNative generator by Roslyn (Release), emitted to memory and loaded into a collectible
/// <see cref="AssemblyLoadContext"/>, which <see cref="Dispose"/> unloads. The kernel reads its weights at run time,
/// so one compilation serves every model of its shape.
/// </summary>
internal sealed class CompiledKernel : IDisposable
{
    /// <summary>C# 12: the newest language version of the Roslyn the generator is built against (4.8).</summary>
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    // Read once per process: reading the framework's metadata is a large part of a first compilation.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(CreateReferences);

    // "TimingProgram.cs(12,5): error CS0103: …", in English whatever the machine's culture.
    private static readonly DiagnosticFormatter Formatter = new();

    private AssemblyLoadContext? _context;
    private MethodInfo? _time;
    private MethodInfo? _forecast;

    private CompiledKernel(ModelSpec spec, AssemblyLoadContext context, MethodInfo time, MethodInfo forecast, TimeSpan compileTime)
    {
        Spec = spec;
        AssemblyName = context.Name!;
        _context = context;
        _time = time;
        _forecast = forecast;
        CompileTime = compileTime;
    }

    /// <summary>The shape the kernel was generated for.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Name of the compiled assembly and of its load context, e.g. <c>GruNative.KernelTiming.Gru_I1_H32_L1_O24</c>.</summary>
    public string AssemblyName { get; }

    /// <summary>Wall time of generation, compilation, emission and loading (the first one in a process includes Roslyn's warm-up).</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Generates and compiles the kernel of <paramref name="spec"/>.</summary>
    /// <exception cref="KernelCompilationException">The generator or the compiler reported an error.</exception>
    public static CompiledKernel Compile(ModelSpec spec) => Compile(spec, TimingProgram.Source(spec));

    /// <summary>Compiles <paramref name="source"/> as the program for <paramref name="spec"/> (tests pass broken programs).</summary>
    internal static CompiledKernel Compile(ModelSpec spec, string source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(source);
        long start = Stopwatch.GetTimestamp();
        string name = string.Create(CultureInfo.InvariantCulture,
            $"GruNative.KernelTiming.{spec.Cell}_I{spec.InputSize}_H{spec.HiddenSize}_L{spec.Layers}_O{spec.OutputSize}");

        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "TimingProgram.cs")],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));

        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        // The driver's diagnostics are the generator's own (GRUN…) plus CS8784/CS8785 when it threw.
        ThrowOnErrors(spec, "the GruNative generator", generatorDiagnostics);
        if (driver.GetRunResult().GeneratedTrees.IsEmpty)
            throw new KernelCompilationException(spec, "the GruNative generator wrote no kernel (and reported no error).");

        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        ThrowOnErrors(spec, "the C# compiler", emitted.Diagnostics);
        if (!emitted.Success)
            throw new KernelCompilationException(spec, "the C# compiler emitted nothing (and reported no error).");

        image.Position = 0;
        // Collectible, and without a Load override: GruNative.dll resolves to the CLI's own copy in the default
        // context, so ModelWeights and VectorPath pass across unchanged.
        var context = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            var entry = context.LoadFromStream(image).GetType(TimingProgram.EntryType, throwOnError: true)!;
            return new CompiledKernel(spec, context, Method(entry, TimingProgram.TimeMethod), Method(entry, TimingProgram.ForecastMethod),
                Stopwatch.GetElapsedTime(start));
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>
    /// Times Step + Predict (one observation in, the horizon out) on <paramref name="weights"/> on the calling thread:
    /// a warm-up until the JIT has optimised the kernel, then <see cref="KernelTimingOptions.Rounds"/> rounds of about
    /// <see cref="KernelTimingOptions.RoundDuration"/>.
    /// </summary>
    /// <exception cref="T:GruNative.WeightsFormatException">The weights are not of this kernel's shape.</exception>
    public KernelTiming Time(ModelWeights weights, KernelTimingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options ??= new KernelTimingOptions();
        options.Validate();
        var (rounds, stepsPerRound, allocated, path, warmUpSeconds) = ((double[], long, long, VectorPath, double))Invoke(_time,
            weights, options.JitQuiet.TotalSeconds, options.MaxWarmUp.TotalSeconds, options.RoundDuration.TotalSeconds, options.Rounds)!;
        var sorted = rounds.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new KernelTiming(Spec, path, median, rounds, stepsPerRound, (double)allocated / ((long)rounds.Length * stepsPerRound),
            TimeSpan.FromSeconds(warmUpSeconds), warmUpSeconds < options.MaxWarmUp.TotalSeconds, CompileTime);
    }

    /// <summary>
    /// What the compiled model forecasts for <paramref name="sequence"/> (row-major [T, I]): Step over every row from
    /// the zero state, then Predict — the calls <see cref="Time"/> measures.
    /// </summary>
    /// <exception cref="ArgumentException">The sequence is empty or not a whole number of steps.</exception>
    /// <exception cref="T:GruNative.WeightsFormatException">The weights are not of this kernel's shape.</exception>
    public float[] Forecast(ModelWeights weights, float[] sequence)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(sequence);
        if (sequence.Length == 0 || sequence.Length % Spec.InputSize != 0)
            throw new ArgumentException($"A sequence of {sequence.Length} value(s) is not a positive whole number of steps of {Spec.InputSize}.", nameof(sequence));
        return (float[])Invoke(_forecast, weights, sequence)!;
    }

    /// <summary>Unloads the compiled assembly (once nothing refers to it any more).</summary>
    public void Dispose()
    {
        // The method handles keep the assembly alive; dropping them lets the context be collected.
        _time = null;
        _forecast = null;
        _context?.Unload();
        _context = null;
    }

    private object? Invoke(MethodInfo? method, params object?[] arguments)
    {
        ObjectDisposedException.ThrowIf(method is null, this);
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The compiled code's own exception (for example a shape mismatch from FromWeights), not reflection's wrapper.
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new MissingMethodException(type.FullName, name);

    private static void ThrowOnErrors(ModelSpec spec, string stage, IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
            return;
        string listed = string.Join("; ", errors.Take(5).Select(d => Formatter.Format(d, CultureInfo.InvariantCulture)));
        string more = errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "";
        throw new KernelCompilationException(spec, $"{stage} reported {errors.Count} error(s): {listed}{more}", errors[0].Id);
    }

    /// <summary>
    /// The framework's assemblies and GruNative.dll. Of the trusted platform assemblies only the shared framework's are
    /// taken: the CLI's own (Roslyn, Spectre.Console, …) are not needed, and GruNative.Generators.dll must stay out, as
    /// it holds public copies of a few runtime types (see the .csproj), which would make them ambiguous.
    /// </summary>
    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        string coreLibrary = typeof(object).Assembly.Location;
        string runtime = typeof(ModelSpec).Assembly.Location;
        if (coreLibrary.Length == 0 || runtime.Length == 0)
            throw new KernelCompilationException(null, "the framework's assemblies are not files on disk (a single-file or NativeAOT build), so there is nothing to compile against.");
        string frameworkDirectory = Path.GetDirectoryName(coreLibrary)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            // A self-contained build puts the app's assemblies beside the framework's.
            .Where(path => !Path.GetFileName(path).StartsWith("GruNative", StringComparison.OrdinalIgnoreCase)
                           && !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(runtime))
            .ToImmutableArray();
    }
}
