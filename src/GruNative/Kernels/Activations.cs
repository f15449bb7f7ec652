using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GruNative.Kernels;

/// <summary>
/// σ and tanh for the generated kernels, with the same arithmetic on every vector width (Vector512, Vector256,
/// Vector128 — which ARM64 runs on AdvSimd — and scalar), so every path of a kernel computes the same values up
/// to fused-multiply-add rounding; and the e^x they were once built on.
/// </summary>
/// <remarks>
/// <para>
/// A recurrent step waits for σ and then tanh in series (GRU: σ(r), then tanh(n_x + r ⊙ n_h); LSTM: the gates, then
/// tanh(c)), so at small H their latency is most of the step. Both are one rational function with a single division:
/// tanh(x) = x·P(x²) / Q(x²), P of degree 6 and Q of degree 3 (a fit by Lawson's iteration, error 7e-9 in float64),
/// and σ(x) = 1/2 + tanh(x/2)/2 with the halving folded into the coefficients. Each polynomial is evaluated by Estrin's
/// scheme (three multiply-adds deep), so a σ or tanh is about 30 cycles deep where the e^x form (an exponential, then a
/// division) was about 60. x is divided by Q, not x·P: Q is ready three operations before P, so the division runs while P
/// is still being summed and only one multiply (σ: a multiply-add) follows P; x·P / Q waited for P, multiplied, then
/// divided (docs/benchmarks.md, "Beside RTNeural, in the same run", has the measured effect). Beyond
/// |x| = 9 (tanh) or 18 (σ) the fit does not hold, so x² is clamped to the limit's square: there x·P/Q is x/limit
/// times the value at the limit, within 1.2e-7 of ±1 (σ: 6.4e-8 of 0 or 1) at the limit — inside
/// the error bound below — and beyond it only further out, where the result's clamp to [−1, 1] (σ: [0, 1]) takes it
/// back; so h never leaves [−1, 1]. Both clamps are MinNative/MaxNative with the limit as the first operand: x64's
/// vminps/vmaxps return their second operand when either is a NaN, and ARM64's fmin/fmax return the NaN, so a NaN passes
/// through on every platform at one instruction per clamp (the IEEE Min/Max that keep NaN on x64 cost a compare and a
/// blend each, and a test for |x| beyond the limit a compare and two blends more; in AVX2's 16 registers those masks
/// spilled). Maximum absolute error against double precision over every float (ActivationsTests; the sweep is opt-in,
/// GRUNATIVE_EXHAUSTIVE=1): σ 1.65e-7, tanh 3.03e-7 on the vector widths (a few units in the last place, from float32
/// rounding of P and Q); the scalar overloads, which round every product instead of multiply-adding, σ 2.01e-7, tanh
/// 3.41e-7 — all well inside the kernels' 1e-5 budget. (With e^x they were 8.9e-8 and 1.8e-7, at twice the latency.)
/// </para>
/// <para>
/// On x64 without AVX-512 (16 vector registers) the 128- and 256-bit overloads read their constants from memory where
/// they use them instead of holding them in registers: Activations.FewRegisters.cs says why. The arithmetic is the same.
/// </para>
/// <para>
/// e^x: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ln 2 / 2 (ln 2 split in a high and a low part so r is exact
/// to float precision), e^r by its degree-7 Taylor polynomial (truncation error below 2e-9 relative) evaluated by
/// Estrin's scheme, and 2^n placed straight into the exponent bits. Inputs are clamped to ±87 so that 2^n stays a normal
/// float. Maximum relative error 1.6e-7.
/// </para>
/// </remarks>
// Plumbing of generated code: public because generated kernels call it, hidden from completion (as System.Text.Json
// hides JsonMetadataServices) because users never need to.
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Activations
{
    private const float Clamp = 87f;
    private const float Log2E = 1.44269504088896341f;
    // ln 2 = LnTwoHigh + LnTwoLow, with LnTwoHigh's last 12 mantissa bits zero so n·LnTwoHigh is exact for |n| < 2^12.
    private const float LnTwoHigh = 0.693145751953125f;
    private const float LnTwoLow = 1.428606765330187e-06f;
    // 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low mantissa bits.
    private const float RoundingMagic = 12582912f;
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    // tanh(x) = x·P(x²) / Q(x²) on |x| ≤ TanhLimit, P of degree 6 with P(0) = 1 and Q of degree 3 with Q(0) = 1: a
    // rational fit by Lawson's iteration in float64 (max error 7e-9 before float32 rounding), which
    // eng/activations/fit-tanh.py reproduces. Beyond the limit tanh(x) rounds to ±1 in float32 (1 − tanh(9) = 3e-8).
    private const float TanhLimit = 9f;
    private const float T1 = 0.13084881f, T2 = 0.0031049252f, T3 = 1.1164347e-05f, T4 = -2.0265228e-08f, T5 = 5.296705e-11f, T6 = -8.5352996e-14f;
    private const float TQ1 = 0.46418208f, TQ2 = 0.024499046f, TQ3 = 0.00025475508f;
    // σ(x) = 1/2 + tanh(x/2)/2 = 1/2 + x·Ps(x²) / Qs(x²): the same fit with its coefficients scaled (Ps = P(t/4)/4,
    // Qs = Q(t/4)), so σ costs no halving of x; beyond SigmoidLimit it rounds to 0 or 1.
    private const float SigmoidLimit = 18f;
    private const float S0 = 0.25f, S1 = 0.008178051f, S2 = 4.8514456e-05f, S3 = 4.361073e-08f, S4 = -1.9790261e-11f, S5 = 1.2931409e-14f, S6 = -5.2095335e-18f;
    private const float SQ1 = 0.11604552f, SQ2 = 0.0015311904f, SQ3 = 3.980548e-06f;

    /// <summary>e^x for a scalar, by the same steps as the vector overloads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = System.Math.Clamp(x, -Clamp, Clamp);
        float shifted = x * Log2E + RoundingMagic;
        float n = shifted - RoundingMagic;
        float r = x - n * LnTwoHigh - n * LnTwoLow;
        // Estrin's scheme: four independent pairs, then two levels (depth 4 instead of Horner's 7; see the remarks).
        float r2 = r * r, r4 = r2 * r2;
        float p = (1 + r + (C2 + C3 * r) * r2) + ((C4 + C5 * r) + (C6 + C7 * r) * r2) * r4;
        int bits = (System.BitConverter.SingleToInt32Bits(shifted) - System.BitConverter.SingleToInt32Bits(RoundingMagic)) << 23;
        return System.BitConverter.Int32BitsToSingle(System.BitConverter.SingleToInt32Bits(p) + bits);
    }

    /// <summary>σ(x) = 1/2 + x·Ps(x²) / Qs(x²), x² clamped to 18², the result to [0, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x)
    {
        float t = System.MathF.Min(x * x, SigmoidLimit * SigmoidLimit), t2 = t * t, t4 = t2 * t2;   // a NaN stays NaN
        float p = (S0 + S1 * t + (S2 + S3 * t) * t2) + ((S4 + S5 * t) + S6 * t2) * t4;
        float q = (1 + SQ1 * t) + (SQ2 + SQ3 * t) * t2;
        return System.Math.Clamp(0.5f + x / q * p, 0f, 1f);
    }

    /// <summary>tanh(x) = x·P(x²) / Q(x²), x² clamped to 9², the result to [−1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        float t = System.MathF.Min(x * x, TanhLimit * TanhLimit), t2 = t * t, t4 = t2 * t2;   // a NaN stays NaN
        float p = (1 + T1 * t + (T2 + T3 * t) * t2) + ((T4 + T5 * t) + T6 * t2) * t4;
        float q = (1 + TQ1 * t) + (TQ2 + TQ3 * t) * t2;
        return System.Math.Clamp(x / q * p, -1f, 1f);
    }

    /// <summary>e^x, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(-Clamp)), Vector128.Create(Clamp));
        var shifted = Vector128.MultiplyAddEstimate(x, Vector128.Create(Log2E), Vector128.Create(RoundingMagic));
        var n = shifted - Vector128.Create(RoundingMagic);
        var r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-LnTwoHigh), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-LnTwoLow), r);
        var r2 = r * r;
        var r4 = r2 * r2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(r, Vector128.Create(C3), Vector128.Create(C2)), r2, r + Vector128<float>.One);
        var high = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(r, Vector128.Create(C7), Vector128.Create(C6)), r2, Vector128.MultiplyAddEstimate(r, Vector128.Create(C5), Vector128.Create(C4)));
        var p = Vector128.MultiplyAddEstimate(high, r4, low);
        var exponent = Vector128.ShiftLeft(shifted.AsInt32() - Vector128.Create(RoundingMagic).AsInt32(), 23);
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>σ(x), lane-wise: the scalar overload's arithmetic, with multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => X86Base.IsSupported && !Avx512F.IsSupported ? SigmoidStored(x) : SigmoidConstants(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> SigmoidConstants(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(SigmoidLimit * SigmoidLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(S3), Vector128.Create(S2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(S1), Vector128.Create(S0)));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(S6), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(S5), Vector128.Create(S4)));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(SQ3), Vector128.Create(SQ2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(SQ1), Vector128<float>.One));
        // Clamped to [0, 1]: near the limit the rounding of P and Q could carry the quotient a few ulp past it.
        return Vector128.MinNative(Vector128<float>.One, Vector128.MaxNative(Vector128<float>.Zero, Vector128.MultiplyAddEstimate(x / q, p, Vector128.Create(0.5f))));
    }

    /// <summary>tanh(x), lane-wise: the scalar overload's arithmetic, with multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x) => X86Base.IsSupported && !Avx512F.IsSupported ? TanhStored(x) : TanhConstants(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhConstants(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(T3), Vector128.Create(T2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(T1), Vector128<float>.One));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(T6), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(T5), Vector128.Create(T4)));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(TQ3), Vector128.Create(TQ2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(TQ1), Vector128<float>.One));
        return Vector128.MinNative(Vector128<float>.One, Vector128.MaxNative(Vector128.Create(-1f), x / q * p));   // as σ: never past ±1
    }

    /// <summary>
    /// LSTM's update of one vector of units from its gate sums: returns h' = σ(o)·tanh(c') and sets
    /// <paramref name="cellNext"/> to c' = σ(f)·c + σ(i)·tanh(g); see the remarks on <see cref="Activations"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LstmCell(Vector128<float> i, Vector128<float> f, Vector128<float> g, Vector128<float> o, Vector128<float> cell, out Vector128<float> cellNext)
    {
        bool few = X86Base.IsSupported && !Avx512F.IsSupported;
        // σ(i) and tanh(g) only scale the term they add to c: they are not clamped on their way out (near saturation
        // they may pass 1 by a unit in the last place), their x is clamped instead, beside the chain. σ(f) is held to
        // at most 1, or a saturated forget gate would grow c a little every step.
        var input = few ? SigmoidRawStored(i) : SigmoidRawConstants(i);
        var forget = Vector128.MinNative(Vector128<float>.One, few ? SigmoidRawStored(f) : SigmoidRawConstants(f));
        var candidate = few ? TanhRawStored(g) : TanhRawConstants(g);
        cellNext = Vector128.MultiplyAddEstimate(forget, cell, input * candidate);
        // σ(o)·tanh(c') as one quotient clamped to ±σ(o): P·σ(o) is ready before the division ends.
        var output = Sigmoid(o);
        return few ? TanhTimesStored(cellNext, output) : TanhTimesConstants(cellNext, output);
    }

    // σ(x) for LstmCell's input gate: x clamped to ±18 on its way in (beside the chain) instead of the result to [0, 1]
    // on its way out, so near saturation the result may pass 1 or 0 by a unit in the last place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> SigmoidRawConstants(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(SigmoidLimit * SigmoidLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(S3), Vector128.Create(S2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(S1), Vector128.Create(S0)));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(S6), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(S5), Vector128.Create(S4)));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(SQ3), Vector128.Create(SQ2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(SQ1), Vector128<float>.One));
        return Vector128.MultiplyAddEstimate(Vector128.MinNative(Vector128.Create(SigmoidLimit), Vector128.MaxNative(Vector128.Create(-SigmoidLimit), x)) / q, p, Vector128.Create(0.5f));
    }

    // tanh(x) likewise: x clamped to ±9 on its way in, the result not clamped to [−1, 1].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhRawConstants(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(T3), Vector128.Create(T2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(T1), Vector128<float>.One));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(T6), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(T5), Vector128.Create(T4)));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(TQ3), Vector128.Create(TQ2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(TQ1), Vector128<float>.One));
        return Vector128.MinNative(Vector128.Create(TanhLimit), Vector128.MaxNative(Vector128.Create(-TanhLimit), x)) / q * p;
    }

    // scale·tanh(x) for scale in [0, 1] (LstmCell's σ(o)): one quotient x/Q·(P·scale), clamped to [−scale, scale].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhTimesConstants(Vector128<float> x, Vector128<float> scale)
    {
        var t = Vector128.MinNative(Vector128.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(T3), Vector128.Create(T2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(T1), Vector128<float>.One));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(T6), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(T5), Vector128.Create(T4)));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(TQ3), Vector128.Create(TQ2)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(TQ1), Vector128<float>.One));
        return Vector128.MinNative(scale, Vector128.MaxNative(Vector128<float>.Zero - scale, x / q * (p * scale)));
    }

    /// <summary>e^x, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-Clamp)), Vector256.Create(Clamp));
        var shifted = Vector256.MultiplyAddEstimate(x, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        var n = shifted - Vector256.Create(RoundingMagic);
        var r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-LnTwoHigh), x);
        r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-LnTwoLow), r);
        var r2 = r * r;
        var r4 = r2 * r2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(r, Vector256.Create(C3), Vector256.Create(C2)), r2, r + Vector256<float>.One);
        var high = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(r, Vector256.Create(C7), Vector256.Create(C6)), r2, Vector256.MultiplyAddEstimate(r, Vector256.Create(C5), Vector256.Create(C4)));
        var p = Vector256.MultiplyAddEstimate(high, r4, low);
        var exponent = Vector256.ShiftLeft(shifted.AsInt32() - Vector256.Create(RoundingMagic).AsInt32(), 23);
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>σ(x), lane-wise: the scalar overload's arithmetic, with multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => X86Base.IsSupported && !Avx512F.IsSupported ? SigmoidStored(x) : SigmoidConstants(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SigmoidConstants(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(SigmoidLimit * SigmoidLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(S3), Vector256.Create(S2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(S1), Vector256.Create(S0)));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(S6), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(S5), Vector256.Create(S4)));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(SQ3), Vector256.Create(SQ2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(SQ1), Vector256<float>.One));
        // Clamped to [0, 1]: near the limit the rounding of P and Q could carry the quotient a few ulp past it.
        return Vector256.MinNative(Vector256<float>.One, Vector256.MaxNative(Vector256<float>.Zero, Vector256.MultiplyAddEstimate(x / q, p, Vector256.Create(0.5f))));
    }

    /// <summary>tanh(x), lane-wise: the scalar overload's arithmetic, with multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => X86Base.IsSupported && !Avx512F.IsSupported ? TanhStored(x) : TanhConstants(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhConstants(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(T3), Vector256.Create(T2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(T1), Vector256<float>.One));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(T6), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(T5), Vector256.Create(T4)));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(TQ3), Vector256.Create(TQ2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(TQ1), Vector256<float>.One));
        return Vector256.MinNative(Vector256<float>.One, Vector256.MaxNative(Vector256.Create(-1f), x / q * p));   // as σ: never past ±1
    }

    /// <summary>
    /// LSTM's update of one vector of units from its gate sums: returns h' = σ(o)·tanh(c') and sets
    /// <paramref name="cellNext"/> to c' = σ(f)·c + σ(i)·tanh(g); see the remarks on <see cref="Activations"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LstmCell(Vector256<float> i, Vector256<float> f, Vector256<float> g, Vector256<float> o, Vector256<float> cell, out Vector256<float> cellNext)
    {
        bool few = X86Base.IsSupported && !Avx512F.IsSupported;
        // σ(i) and tanh(g) only scale the term they add to c: they are not clamped on their way out (near saturation
        // they may pass 1 by a unit in the last place), their x is clamped instead, beside the chain. σ(f) is held to
        // at most 1, or a saturated forget gate would grow c a little every step.
        var input = few ? SigmoidRawStored(i) : SigmoidRawConstants(i);
        var forget = Vector256.MinNative(Vector256<float>.One, few ? SigmoidRawStored(f) : SigmoidRawConstants(f));
        var candidate = few ? TanhRawStored(g) : TanhRawConstants(g);
        cellNext = Vector256.MultiplyAddEstimate(forget, cell, input * candidate);
        // σ(o)·tanh(c') as one quotient clamped to ±σ(o): P·σ(o) is ready before the division ends.
        var output = Sigmoid(o);
        return few ? TanhTimesStored(cellNext, output) : TanhTimesConstants(cellNext, output);
    }

    // σ(x) for LstmCell's input gate: x clamped to ±18 on its way in (beside the chain) instead of the result to [0, 1]
    // on its way out, so near saturation the result may pass 1 or 0 by a unit in the last place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SigmoidRawConstants(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(SigmoidLimit * SigmoidLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(S3), Vector256.Create(S2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(S1), Vector256.Create(S0)));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(S6), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(S5), Vector256.Create(S4)));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(SQ3), Vector256.Create(SQ2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(SQ1), Vector256<float>.One));
        return Vector256.MultiplyAddEstimate(Vector256.MinNative(Vector256.Create(SigmoidLimit), Vector256.MaxNative(Vector256.Create(-SigmoidLimit), x)) / q, p, Vector256.Create(0.5f));
    }

    // tanh(x) likewise: x clamped to ±9 on its way in, the result not clamped to [−1, 1].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhRawConstants(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(T3), Vector256.Create(T2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(T1), Vector256<float>.One));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(T6), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(T5), Vector256.Create(T4)));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(TQ3), Vector256.Create(TQ2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(TQ1), Vector256<float>.One));
        return Vector256.MinNative(Vector256.Create(TanhLimit), Vector256.MaxNative(Vector256.Create(-TanhLimit), x)) / q * p;
    }

    // scale·tanh(x) for scale in [0, 1] (LstmCell's σ(o)): one quotient x/Q·(P·scale), clamped to [−scale, scale].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhTimesConstants(Vector256<float> x, Vector256<float> scale)
    {
        var t = Vector256.MinNative(Vector256.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(T3), Vector256.Create(T2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(T1), Vector256<float>.One));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(T6), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(T5), Vector256.Create(T4)));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(TQ3), Vector256.Create(TQ2)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(TQ1), Vector256<float>.One));
        return Vector256.MinNative(scale, Vector256.MaxNative(Vector256<float>.Zero - scale, x / q * (p * scale)));
    }

    /// <summary>e^x, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-Clamp)), Vector512.Create(Clamp));
        var shifted = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        var n = shifted - Vector512.Create(RoundingMagic);
        var r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-LnTwoHigh), x);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-LnTwoLow), r);
        var r2 = r * r;
        var r4 = r2 * r2;
        var low = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(r, Vector512.Create(C3), Vector512.Create(C2)), r2, r + Vector512<float>.One);
        var high = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(r, Vector512.Create(C7), Vector512.Create(C6)), r2, Vector512.MultiplyAddEstimate(r, Vector512.Create(C5), Vector512.Create(C4)));
        var p = Vector512.MultiplyAddEstimate(high, r4, low);
        var exponent = Vector512.ShiftLeft(shifted.AsInt32() - Vector512.Create(RoundingMagic).AsInt32(), 23);
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>σ(x), lane-wise: the scalar overload's arithmetic, with multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        var t = Vector512.MinNative(Vector512.Create(SigmoidLimit * SigmoidLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(t, Vector512.Create(S3), Vector512.Create(S2)), t2, Vector512.MultiplyAddEstimate(t, Vector512.Create(S1), Vector512.Create(S0)));
        var high = Vector512.MultiplyAddEstimate(Vector512.Create(S6), t2, Vector512.MultiplyAddEstimate(t, Vector512.Create(S5), Vector512.Create(S4)));
        var p = Vector512.MultiplyAddEstimate(high, t4, low);
        var q = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(t, Vector512.Create(SQ3), Vector512.Create(SQ2)), t2, Vector512.MultiplyAddEstimate(t, Vector512.Create(SQ1), Vector512<float>.One));
        // Clamped to [0, 1]: near the limit the rounding of P and Q could carry the quotient a few ulp past it.
        return Vector512.MinNative(Vector512<float>.One, Vector512.MaxNative(Vector512<float>.Zero, Vector512.MultiplyAddEstimate(x / q, p, Vector512.Create(0.5f))));
    }

    /// <summary>tanh(x), lane-wise: the scalar overload's arithmetic, with multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var t = Vector512.MinNative(Vector512.Create(TanhLimit * TanhLimit), x * x);   // the limit first: see the remarks
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(t, Vector512.Create(T3), Vector512.Create(T2)), t2, Vector512.MultiplyAddEstimate(t, Vector512.Create(T1), Vector512<float>.One));
        var high = Vector512.MultiplyAddEstimate(Vector512.Create(T6), t2, Vector512.MultiplyAddEstimate(t, Vector512.Create(T5), Vector512.Create(T4)));
        var p = Vector512.MultiplyAddEstimate(high, t4, low);
        var q = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(t, Vector512.Create(TQ3), Vector512.Create(TQ2)), t2, Vector512.MultiplyAddEstimate(t, Vector512.Create(TQ1), Vector512<float>.One));
        return Vector512.MinNative(Vector512<float>.One, Vector512.MaxNative(Vector512.Create(-1f), x / q * p));   // as σ: never past ±1
    }

    /// <summary>
    /// LSTM's update of one vector of units from its gate sums: returns h' = σ(o)·tanh(c') and sets
    /// <paramref name="cellNext"/> to c' = σ(f)·c + σ(i)·tanh(g); see the remarks on <see cref="Activations"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LstmCell(Vector512<float> i, Vector512<float> f, Vector512<float> g, Vector512<float> o, Vector512<float> cell, out Vector512<float> cellNext)
    {
        // The clamps stay where σ and tanh put them: 512-bit code runs at H ≥ 16, where a kernel's activations already
        // hold so many registers that the 256-bit form's four limit constants spill (LSTM I=8 H=32: +5 %).
        cellNext = Vector512.MultiplyAddEstimate(Sigmoid(f), cell, Sigmoid(i) * Tanh(g));
        return Sigmoid(o) * Tanh(cellNext);
    }
}
