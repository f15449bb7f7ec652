using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GruNative.Kernels;

/// <summary>
/// σ and tanh for the generated kernels, with the same arithmetic on every vector width (Vector512, Vector256,
/// Vector128 — which ARM64 runs on AdvSimd — and scalar), so every path of a kernel computes the same values up
/// to fused-multiply-add rounding.
/// </summary>
/// <remarks>
/// Both are built on one e^x: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ln 2 / 2 (ln 2 split in a high
/// and a low part so r is exact to float precision), e^r by its degree-7 Taylor polynomial (truncation error
/// below 2e-9 relative), and 2^n placed straight into the exponent bits. Inputs are clamped to ±87 so that 2^n
/// stays a normal float. Then σ(x) = 1 / (1 + e^(−x)) and tanh(x) = 1 − 2 / (e^(2x) + 1), each with one division.
/// Measured maximum absolute error against double precision over [−30, 30] (see ActivationsTests):
/// σ 8.9e-8, tanh 1.8e-7 on every width — well inside the kernels' 1e-5 budget.
/// </remarks>
// Plumbing of generated code: public because generated kernels call it, hidden from completion (as System.Text.Json
// hides JsonMetadataServices) because users never need to.
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Activations
{
    private const float Clamp = 87f;
    private const float Log2E = 1.44269504088896341f;
    // ln 2 = LnTwoHigh + LnTwoLow, with LnTwoHigh's last 12 mantissa bits zero so n·LnTwoHigh is exact for |n| < 2^12.
    private const float LnTwoHigh = 0.693145751953125f;
    private const float LnTwoLow = 1.428606765330187e-06f;
    // 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low mantissa bits.
    private const float RoundingMagic = 12582912f;
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    /// <summary>e^x for a scalar, by the same steps as the vector overloads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = System.Math.Clamp(x, -Clamp, Clamp);
        float shifted = x * Log2E + RoundingMagic;
        float n = shifted - RoundingMagic;
        float r = x - n * LnTwoHigh - n * LnTwoLow;
        float p = 1 + r * (1 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * C7))))));
        int bits = (System.BitConverter.SingleToInt32Bits(shifted) - System.BitConverter.SingleToInt32Bits(RoundingMagic)) << 23;
        return System.BitConverter.Int32BitsToSingle(System.BitConverter.SingleToInt32Bits(p) + bits);
    }

    /// <summary>σ(x) = 1 / (1 + e^(−x)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / (1f + Exp(-x));

    /// <summary>tanh(x) = 1 − 2 / (e^(2x) + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => 1f - 2f / (Exp(2f * x) + 1f);

    /// <summary>e^x, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(-Clamp)), Vector128.Create(Clamp));
        var shifted = Vector128.MultiplyAddEstimate(x, Vector128.Create(Log2E), Vector128.Create(RoundingMagic));
        var n = shifted - Vector128.Create(RoundingMagic);
        var r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-LnTwoHigh), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-LnTwoLow), r);
        var p = Vector128.MultiplyAddEstimate(r, Vector128.Create(C7), Vector128.Create(C6));
        p = Vector128.MultiplyAddEstimate(r, p, Vector128.Create(C5));
        p = Vector128.MultiplyAddEstimate(r, p, Vector128.Create(C4));
        p = Vector128.MultiplyAddEstimate(r, p, Vector128.Create(C3));
        p = Vector128.MultiplyAddEstimate(r, p, Vector128.Create(C2));
        p = Vector128.MultiplyAddEstimate(r, p, Vector128<float>.One);
        p = Vector128.MultiplyAddEstimate(r, p, Vector128<float>.One);
        var exponent = Vector128.ShiftLeft(shifted.AsInt32() - Vector128.Create(RoundingMagic).AsInt32(), 23);
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>σ(x), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + Exp(-x));

    /// <summary>tanh(x), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x) =>
        Vector128<float>.One - Vector128.Create(2f) / (Exp(x + x) + Vector128<float>.One);

    /// <summary>e^x, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-Clamp)), Vector256.Create(Clamp));
        var shifted = Vector256.MultiplyAddEstimate(x, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        var n = shifted - Vector256.Create(RoundingMagic);
        var r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-LnTwoHigh), x);
        r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-LnTwoLow), r);
        var p = Vector256.MultiplyAddEstimate(r, Vector256.Create(C7), Vector256.Create(C6));
        p = Vector256.MultiplyAddEstimate(r, p, Vector256.Create(C5));
        p = Vector256.MultiplyAddEstimate(r, p, Vector256.Create(C4));
        p = Vector256.MultiplyAddEstimate(r, p, Vector256.Create(C3));
        p = Vector256.MultiplyAddEstimate(r, p, Vector256.Create(C2));
        p = Vector256.MultiplyAddEstimate(r, p, Vector256<float>.One);
        p = Vector256.MultiplyAddEstimate(r, p, Vector256<float>.One);
        var exponent = Vector256.ShiftLeft(shifted.AsInt32() - Vector256.Create(RoundingMagic).AsInt32(), 23);
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>σ(x), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>tanh(x), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) =>
        Vector256<float>.One - Vector256.Create(2f) / (Exp(x + x) + Vector256<float>.One);

    /// <summary>e^x, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-Clamp)), Vector512.Create(Clamp));
        var shifted = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        var n = shifted - Vector512.Create(RoundingMagic);
        var r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-LnTwoHigh), x);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-LnTwoLow), r);
        var p = Vector512.MultiplyAddEstimate(r, Vector512.Create(C7), Vector512.Create(C6));
        p = Vector512.MultiplyAddEstimate(r, p, Vector512.Create(C5));
        p = Vector512.MultiplyAddEstimate(r, p, Vector512.Create(C4));
        p = Vector512.MultiplyAddEstimate(r, p, Vector512.Create(C3));
        p = Vector512.MultiplyAddEstimate(r, p, Vector512.Create(C2));
        p = Vector512.MultiplyAddEstimate(r, p, Vector512<float>.One);
        p = Vector512.MultiplyAddEstimate(r, p, Vector512<float>.One);
        var exponent = Vector512.ShiftLeft(shifted.AsInt32() - Vector512.Create(RoundingMagic).AsInt32(), 23);
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>σ(x), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>tanh(x), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) =>
        Vector512<float>.One - Vector512.Create(2f) / (Exp(x + x) + Vector512<float>.One);
}
