namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too, as it does CellKind's (see there).

/// <summary>
/// How a generated kernel stores its layers' weights. The arithmetic is fp32 in every mode: the kernel widens each
/// stored weight to fp32 before it multiplies.
/// </summary>
#if GRUNATIVE_GENERATOR
internal
#else
public
#endif
enum WeightPrecision
{
    /// <summary>Every weight as the file gives it, in fp32: the kernel computes the PyTorch model's step exactly (the default).</summary>
    Fp32,

    /// <summary>
    /// The layers' input and recurrent weights rounded to bfloat16 (8 bits of significand, fp32's exponent range; round
    /// to nearest, ties to even), which halves the bytes a step reads; biases and the head stay fp32. The kernel then
    /// computes exactly the step of the model whose layer weights are so rounded. It pays where a layer's weights do
    /// not fit the L1 cache and stream from L2 every step; see the README for the measured speed and accuracy cost.
    /// </summary>
    BFloat16,
}
