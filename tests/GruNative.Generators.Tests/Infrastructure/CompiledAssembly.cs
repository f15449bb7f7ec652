using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Infrastructure;

/// <summary>
/// A compilation with its generated code, emitted in memory and loaded into a collectible
/// <see cref="AssemblyLoadContext"/>; disposing unloads it. GruNative.dll resolves to the test's own copy, so
/// <see cref="ModelWeights"/> and <see cref="Kernels.VectorPath"/> values pass straight into the generated code.
/// </summary>
internal sealed class CompiledAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits <paramref name="run"/>'s output compilation; fails the test with every diagnostic if emission reports any.</summary>
    public static CompiledAssembly Load(GeneratorRun run)
    {
        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        using var image = new MemoryStream();
        var result = run.Output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        Assert.Empty(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

        image.Position = 0;
        var context = new AssemblyLoadContext(run.Output.AssemblyName, isCollectible: true);
        return new CompiledAssembly(context, context.LoadFromStream(image));
    }

    /// <summary>Calls the static method <paramref name="type"/>.<paramref name="method"/>.</summary>
    public object? Call(string type, string method, params object?[] arguments)
    {
        var target = Assembly.GetType(type, throwOnError: true)!;
        var info = target.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                   ?? throw new MissingMethodException(type, method);
        try
        {
            return info.Invoke(null, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    public void Dispose() => _context.Unload();
}
