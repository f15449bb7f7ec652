using System;

namespace GruNative.Cli.Speed;

/// <summary>The generated kernel of a shape could not be built in process: the generator or the compiler reported an error.</summary>
public sealed class KernelCompilationException : Exception
{
    /// <summary>Creates the exception for <paramref name="spec"/> (null when no shape was involved yet).</summary>
    /// <param name="spec">The shape being compiled.</param>
    /// <param name="problem">What went wrong, naming the diagnostics.</param>
    /// <param name="diagnosticId">The first error's id (e.g. <c>GRUN004</c>, <c>CS0103</c>), when there was one.</param>
    public KernelCompilationException(ModelSpec? spec, string problem, string? diagnosticId = null)
        : base(spec is null ? $"Cannot compile a generated kernel: {problem}" : $"Cannot compile the generated kernel of {spec}: {problem}")
    {
        DiagnosticId = diagnosticId;
    }

    /// <summary>The first error's diagnostic id, or null.</summary>
    public string? DiagnosticId { get; }
}
