using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GruNative.Samples.EdgeIo;

/// <summary>What both edge samples' <c>--info</c> and <c>--bench</c> say about the binary itself: how it was compiled, on what runtime, for which instruction sets.</summary>
public static class RuntimeFacts
{
    /// <summary>"NativeAOT" or "JIT".</summary>
    public static string CompilationMode => RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT";

    /// <summary>The compilation mode, the .NET runtime, the runtime identifier and the processor architecture.</summary>
    public static string Runtime =>
        $"{CompilationMode}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.ProcessArchitecture}";

    /// <summary>
    /// The instruction sets that decide a kernel's speed, each named as its IsSupported property ("Avx2.IsSupported"), in
    /// the order --info prints them. A NativeAOT binary fixes them at compile time.
    /// </summary>
    public static IReadOnlyList<(string Name, bool Supported)> InstructionSets =>
    [
        ("Avx512F.IsSupported", Avx512F.IsSupported),
        ("Avx2.IsSupported", Avx2.IsSupported),
        ("Fma.IsSupported", Fma.IsSupported),
        ("AdvSimd.IsSupported", AdvSimd.IsSupported),
    ];
}
