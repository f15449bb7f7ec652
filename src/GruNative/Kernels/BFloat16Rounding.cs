using System;
using System.Runtime.InteropServices;

namespace GruNative.Kernels;

/// <summary>
/// fp32 → bfloat16 as <see cref="WeightPrecision.BFloat16"/> stores weights: round to nearest, ties to even, on the
/// upper 16 bits of the fp32 pattern (bfloat16 is fp32 with the low 16 significand bits dropped, so widening back is a
/// shift and exact). The packing code and anyone estimating the mode's accuracy cost use this one definition.
/// </summary>
/// <remarks>Shared source: the generator (netstandard2.0) compiles this file too, so it reads bits through a union.</remarks>
static partial class BFloat16Rounding
{
    /// <summary>The bfloat16 value nearest <paramref name="value"/> (ties to even), as its 16 bits.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not finite, or rounds beyond bfloat16's largest finite value (about 3.39e38).</exception>
    public static ushort ToBits(float value)
    {
        uint bits = new FloatBits { Float = value }.Bits;
        if ((bits & 0x7F800000u) == 0x7F800000u)
            throw new ArgumentException($"the weight {value} is not finite, so it has no bfloat16 value", nameof(value));
        // Adding 0x7FFF plus the kept part's lowest bit carries into the kept part exactly when the dropped part is above
        // half, or exactly half with an odd kept part: round to nearest, ties to even.
        uint rounded = (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16;
        if ((rounded & 0x7F80u) == 0x7F80u)
            throw new ArgumentException($"the weight {value} is beyond bfloat16's largest finite value (about 3.39e38)", nameof(value));
        return (ushort)rounded;
    }

    /// <summary>The fp32 value of the bfloat16 <paramref name="bits"/>: exact.</summary>
    public static float FromBits(ushort bits) => new FloatBits { Bits = (uint)bits << 16 }.Float;

    /// <summary><paramref name="value"/> rounded to the nearest bfloat16 (ties to even), as fp32: what the kernel multiplies by.</summary>
    /// <exception cref="ArgumentException">As for <see cref="ToBits"/>.</exception>
    public static float Round(float value) => FromBits(ToBits(value));

    /// <summary>
    /// The 32-bit word that stores two neighbouring weights: <paramref name="low"/>'s bfloat16 in the low half,
    /// <paramref name="high"/>'s in the high half, as a float (the packed buffer is floats). A kernel widens the high
    /// half by masking off the low one and the low half by a 16-bit shift left.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="ToBits"/>.</exception>
    public static float PackPair(float low, float high) => new FloatBits { Bits = ToBits(low) | ((uint)ToBits(high) << 16) }.Float;

    // The bits of a float without BitConverter.SingleToUInt32Bits, which netstandard2.0 lacks.
    [StructLayout(LayoutKind.Explicit)]
    private struct FloatBits
    {
        [FieldOffset(0)] public float Float;
        [FieldOffset(0)] public uint Bits;
    }
}
