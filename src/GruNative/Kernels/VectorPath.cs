namespace GruNative.Kernels;

/// <summary>
/// The code path a generated kernel runs. <see cref="Auto"/> (the default everywhere) picks the widest vectors
/// the hardware accelerates; the others force one path, for tests and benchmarks — a path the hardware lacks
/// still computes the same values, emulated in software and slowly.
/// </summary>
public enum VectorPath
{
    /// <summary>Widest accelerated: Vector512, then Vector256, then Vector128 (ARM64 AdvSimd), then scalar.</summary>
    Auto,

    /// <summary>512-bit vectors (AVX-512); groups that are not a multiple of 16 units use 256-bit vectors.</summary>
    Vector512,

    /// <summary>256-bit vectors (AVX2 with FMA on x64).</summary>
    Vector256,

    /// <summary>128-bit vectors (SSE on x64, AdvSimd on ARM64).</summary>
    Vector128,

    /// <summary>Plain scalar loops (<see cref="ScalarKernels"/>).</summary>
    Scalar,
}
