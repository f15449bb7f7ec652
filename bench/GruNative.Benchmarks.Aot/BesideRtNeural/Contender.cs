namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// One of the nine programs bench/rtneural-compare.sh times in every round: RTNeural's three builds
/// (<c>../shared/tools/rtneural-bench/build.sh</c>) and this harness under the JIT and as two NativeAOT binaries, each
/// once with fp32 weights and once with bfloat16 ones (<c>--lines --bf16</c>, <see cref="WeightPrecision.BFloat16"/>).
/// </summary>
/// <param name="Name">The file each round's output is saved in, <c>&lt;Name&gt;.txt</c>; the script uses the same names.</param>
/// <param name="Title">The column's title.</param>
public sealed record Contender(string Name, string Title)
{
    /// <summary>RTNeural, xsimd backend, <c>-march=native</c>.</summary>
    public static readonly Contender RtNeuralXsimdNative = new("rtneural-xsimd-native", "xsimd native");

    /// <summary>RTNeural, xsimd backend, <c>-mavx2 -mfma</c>: what an AVX2 device runs.</summary>
    public static readonly Contender RtNeuralXsimdAvx2 = new("rtneural-xsimd-avx2", "xsimd AVX2");

    /// <summary>RTNeural, Eigen backend, <c>-march=native</c>.</summary>
    public static readonly Contender RtNeuralEigenNative = new("rtneural-eigen-native", "Eigen native");

    /// <summary>GruNative under the JIT (RyuJIT uses every instruction set the CPU has).</summary>
    public static readonly Contender GruNativeJit = new("grunative-jit", "JIT");

    /// <summary>GruNative's NativeAOT binary published with <c>IlcInstructionSet=native</c>.</summary>
    public static readonly Contender GruNativeAotNative = new("grunative-aot-native", "AOT native");

    /// <summary>GruNative's NativeAOT binary published with <c>IlcInstructionSet=x86-64-v3</c> (AVX2, FMA; no AVX-512).</summary>
    public static readonly Contender GruNativeAotV3 = new("grunative-aot-v3", "AOT x86-64-v3");

    /// <summary>GruNative under the JIT, the bfloat16 twins of the models.</summary>
    public static readonly Contender GruNativeJitBf16 = new("grunative-jit-bf16", "JIT bf16");

    /// <summary>GruNative's <c>native</c> NativeAOT binary, the bfloat16 twins.</summary>
    public static readonly Contender GruNativeAotNativeBf16 = new("grunative-aot-native-bf16", "AOT native bf16");

    /// <summary>GruNative's <c>x86-64-v3</c> NativeAOT binary, the bfloat16 twins.</summary>
    public static readonly Contender GruNativeAotV3Bf16 = new("grunative-aot-v3-bf16", "AOT x86-64-v3 bf16");

    /// <summary>RTNeural's builds, in the tables' column order.</summary>
    public static IReadOnlyList<Contender> RtNeural { get; } = [RtNeuralXsimdNative, RtNeuralXsimdAvx2, RtNeuralEigenNative];

    /// <summary>RTNeural's builds compiled for this CPU, against which the NativeAOT <c>native</c> build is set.</summary>
    public static IReadOnlyList<Contender> RtNeuralNative { get; } = [RtNeuralXsimdNative, RtNeuralEigenNative];

    /// <summary>GruNative's three, in the tables' column order.</summary>
    public static IReadOnlyList<Contender> GruNative { get; } = [GruNativeJit, GruNativeAotNative, GruNativeAotV3];

    /// <summary>GruNative's three with bfloat16 weights, in the same order as <see cref="GruNative"/>.</summary>
    public static IReadOnlyList<Contender> GruNativeBf16 { get; } = [GruNativeJitBf16, GruNativeAotNativeBf16, GruNativeAotV3Bf16];

    /// <summary>All nine.</summary>
    public static IReadOnlyList<Contender> All { get; } = [.. RtNeural, .. GruNative, .. GruNativeBf16];
}
