using System;

namespace GruNative;

/// <summary>
/// A weights file or buffer is not a valid GruNative model: malformed safetensors, a missing, extra or
/// misshapen tensor, a non-finite weight, or metadata that contradicts the tensors. The only exception
/// type the weights readers throw for bad content (I/O failures still surface as <see cref="System.IO.IOException"/>).
/// </summary>
/// <remarks>
/// The message always names the source, the tensor or metadata key when there is one, and the problem. Shared source:
/// the generator (netstandard2.0) compiles this file too (internal there; SharedSourceAccessibility.cs makes it public in
/// the runtime), and turns the exception into a diagnostic.
/// </remarks>
sealed partial class WeightsFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="tensor"/> is null when the problem is not about one tensor.</summary>
    public WeightsFormatException(string source, string? tensor, string problem, Exception? innerException = null)
        : base(Compose(source, tensor, problem), innerException)
    {
        SourceName = source;
        TensorName = tensor;
        Problem = problem;
    }

    /// <summary>The file path, or a caller-given name for a buffer or stream.</summary>
    public string SourceName { get; }

    /// <summary>The tensor (or metadata key) at fault, or null when the problem concerns the whole file.</summary>
    public string? TensorName { get; }

    /// <summary>What is wrong, without the source and tensor prefix.</summary>
    public string Problem { get; }

    private static string Compose(string source, string? tensor, string problem) =>
        tensor is null ? $"{source}: {problem}" : $"{source}: '{tensor}': {problem}";
}
