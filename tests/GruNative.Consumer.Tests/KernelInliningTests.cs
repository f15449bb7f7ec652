using System.Reflection;

namespace GruNative.Consumer.Tests;

/// <summary>
/// The generated layer kernels are never inlined. Under the JIT's dynamic PGO a hot kernel was inlined into its
/// caller (<c>StepVector256</c>), and there the register allocator stored and reloaded three accumulators on every
/// iteration of the k loop: LSTM I=1 H=128 ran 1.5× slower than the same kernel compiled on its own, which is what
/// NativeAOT does (docs/benchmarks.md, "The JIT's inlining"). The attribute is what keeps both compilers on one code.
/// </summary>
public class KernelInliningTests
{
    // Every model this assembly declares, single-stream and many-stream, at every width and layer position.
    private static readonly MethodInfo[] LayerKernels = typeof(KernelInliningTests).Assembly.GetTypes()
        .Where(t => t.Namespace == "GruNative.Generated" && t.Name.EndsWith("Kernels", StringComparison.Ordinal))
        .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
        .Where(m => m.Name.Contains("LayerVector", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void Every_layer_kernel_is_NoInlining()
    {
        // Input and hidden layers, three widths, one- and many-stream: far more than a vacuous handful.
        Assert.True(LayerKernels.Length >= 50, $"only {LayerKernels.Length} layer kernels found");
        Assert.Contains(LayerKernels, m => m.Name == "HiddenLayerVector256Streams");
        var inlinable = LayerKernels.Where(m => (m.MethodImplementationFlags & MethodImplAttributes.NoInlining) == 0)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToArray();
        Assert.Empty(inlinable);
    }
}
