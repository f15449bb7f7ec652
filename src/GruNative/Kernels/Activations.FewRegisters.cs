using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace GruNative.Kernels;

// σ and tanh for x64 without AVX-512, which has 16 vector registers. The two need 24 constants between them; the JIT's
// CSE holds each in a register across all of a kernel's activations, and once registers run out it spills them to the
// stack and reads them back, on the step's critical path (the AVX2 disassembly of LSTM I=1 H=8's layer: 40 stack
// accesses). Here every constant is read where it is used: a volatile read of a mutable static is neither hoisted nor
// shared, so each stays one broadcast load from memory. The arithmetic is the constant copies' exactly, which
// FewRegistersActivationsTests holds bit for bit. The x86-64-v3 step gains most at H = 16 (docs/benchmarks.md, "Beside
// RTNeural, in the same run"). With AVX-512 or on ARM64 (32 registers) the constants stay in registers: reading them
// from memory there was slower.
public static partial class Activations
{
    private static float s_Half = 0.5f;
    private static float s_MinusOne = -1f;
    private static float s_One = 1f;
    private static float s_SigmoidLimit = SigmoidLimit;
    private static float s_MinusSigmoidLimit = -SigmoidLimit;
    private static float s_TanhLimit = TanhLimit;
    private static float s_MinusTanhLimit = -TanhLimit;
    private static float s_SigmoidLimitSquared = SigmoidLimit * SigmoidLimit;
    private static float s_S0 = S0;
    private static float s_S1 = S1;
    private static float s_S2 = S2;
    private static float s_S3 = S3;
    private static float s_S4 = S4;
    private static float s_S5 = S5;
    private static float s_S6 = S6;
    private static float s_SQ1 = SQ1;
    private static float s_SQ2 = SQ2;
    private static float s_SQ3 = SQ3;
    private static float s_TanhLimitSquared = TanhLimit * TanhLimit;
    private static float s_T1 = T1;
    private static float s_T2 = T2;
    private static float s_T3 = T3;
    private static float s_T4 = T4;
    private static float s_T5 = T5;
    private static float s_T6 = T6;
    private static float s_TQ1 = TQ1;
    private static float s_TQ2 = TQ2;
    private static float s_TQ3 = TQ3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> SigmoidStored(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_SigmoidLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_S3)), Vector128.Create(Volatile.Read(ref s_S2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_S1)), Vector128.Create(Volatile.Read(ref s_S0))));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(Volatile.Read(ref s_S6)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_S5)), Vector128.Create(Volatile.Read(ref s_S4))));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_SQ3)), Vector128.Create(Volatile.Read(ref s_SQ2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_SQ1)), Vector128.Create(Volatile.Read(ref s_One))));
        // Clamped to [0, 1]: near the limit the rounding of P and Q could carry the quotient a few ulp past it.
        return Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_One)), Vector128.MaxNative(Vector128<float>.Zero, Vector128.MultiplyAddEstimate(x / q, p, Vector128.Create(Volatile.Read(ref s_Half)))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhStored(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_TanhLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T3)), Vector128.Create(Volatile.Read(ref s_T2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T1)), Vector128.Create(Volatile.Read(ref s_One))));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(Volatile.Read(ref s_T6)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T5)), Vector128.Create(Volatile.Read(ref s_T4))));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_TQ3)), Vector128.Create(Volatile.Read(ref s_TQ2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_TQ1)), Vector128.Create(Volatile.Read(ref s_One))));
        return Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_One)), Vector128.MaxNative(Vector128.Create(Volatile.Read(ref s_MinusOne)), x / q * p));   // as σ: never past ±1
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SigmoidStored(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_SigmoidLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_S3)), Vector256.Create(Volatile.Read(ref s_S2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_S1)), Vector256.Create(Volatile.Read(ref s_S0))));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(Volatile.Read(ref s_S6)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_S5)), Vector256.Create(Volatile.Read(ref s_S4))));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_SQ3)), Vector256.Create(Volatile.Read(ref s_SQ2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_SQ1)), Vector256.Create(Volatile.Read(ref s_One))));
        // Clamped to [0, 1]: near the limit the rounding of P and Q could carry the quotient a few ulp past it.
        return Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_One)), Vector256.MaxNative(Vector256<float>.Zero, Vector256.MultiplyAddEstimate(x / q, p, Vector256.Create(Volatile.Read(ref s_Half)))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhStored(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_TanhLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T3)), Vector256.Create(Volatile.Read(ref s_T2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T1)), Vector256.Create(Volatile.Read(ref s_One))));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(Volatile.Read(ref s_T6)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T5)), Vector256.Create(Volatile.Read(ref s_T4))));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_TQ3)), Vector256.Create(Volatile.Read(ref s_TQ2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_TQ1)), Vector256.Create(Volatile.Read(ref s_One))));
        return Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_One)), Vector256.MaxNative(Vector256.Create(Volatile.Read(ref s_MinusOne)), x / q * p));   // as σ: never past ±1
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> SigmoidRawStored(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_SigmoidLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_S3)), Vector128.Create(Volatile.Read(ref s_S2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_S1)), Vector128.Create(Volatile.Read(ref s_S0))));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(Volatile.Read(ref s_S6)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_S5)), Vector128.Create(Volatile.Read(ref s_S4))));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_SQ3)), Vector128.Create(Volatile.Read(ref s_SQ2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_SQ1)), Vector128.Create(Volatile.Read(ref s_One))));
        return Vector128.MultiplyAddEstimate(Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_SigmoidLimit)), Vector128.MaxNative(Vector128.Create(Volatile.Read(ref s_MinusSigmoidLimit)), x)) / q, p, Vector128.Create(Volatile.Read(ref s_Half)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhRawStored(Vector128<float> x)
    {
        var t = Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_TanhLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T3)), Vector128.Create(Volatile.Read(ref s_T2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T1)), Vector128.Create(Volatile.Read(ref s_One))));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(Volatile.Read(ref s_T6)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T5)), Vector128.Create(Volatile.Read(ref s_T4))));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_TQ3)), Vector128.Create(Volatile.Read(ref s_TQ2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_TQ1)), Vector128.Create(Volatile.Read(ref s_One))));
        return Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_TanhLimit)), Vector128.MaxNative(Vector128.Create(Volatile.Read(ref s_MinusTanhLimit)), x)) / q * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhTimesStored(Vector128<float> x, Vector128<float> scale)
    {
        var t = Vector128.MinNative(Vector128.Create(Volatile.Read(ref s_TanhLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T3)), Vector128.Create(Volatile.Read(ref s_T2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T1)), Vector128.Create(Volatile.Read(ref s_One))));
        var high = Vector128.MultiplyAddEstimate(Vector128.Create(Volatile.Read(ref s_T6)), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_T5)), Vector128.Create(Volatile.Read(ref s_T4))));
        var p = Vector128.MultiplyAddEstimate(high, t4, low);
        var q = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_TQ3)), Vector128.Create(Volatile.Read(ref s_TQ2))), t2, Vector128.MultiplyAddEstimate(t, Vector128.Create(Volatile.Read(ref s_TQ1)), Vector128.Create(Volatile.Read(ref s_One))));
        return Vector128.MinNative(scale, Vector128.MaxNative(Vector128<float>.Zero - scale, x / q * (p * scale)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SigmoidRawStored(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_SigmoidLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_S3)), Vector256.Create(Volatile.Read(ref s_S2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_S1)), Vector256.Create(Volatile.Read(ref s_S0))));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(Volatile.Read(ref s_S6)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_S5)), Vector256.Create(Volatile.Read(ref s_S4))));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_SQ3)), Vector256.Create(Volatile.Read(ref s_SQ2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_SQ1)), Vector256.Create(Volatile.Read(ref s_One))));
        return Vector256.MultiplyAddEstimate(Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_SigmoidLimit)), Vector256.MaxNative(Vector256.Create(Volatile.Read(ref s_MinusSigmoidLimit)), x)) / q, p, Vector256.Create(Volatile.Read(ref s_Half)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhRawStored(Vector256<float> x)
    {
        var t = Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_TanhLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T3)), Vector256.Create(Volatile.Read(ref s_T2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T1)), Vector256.Create(Volatile.Read(ref s_One))));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(Volatile.Read(ref s_T6)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T5)), Vector256.Create(Volatile.Read(ref s_T4))));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_TQ3)), Vector256.Create(Volatile.Read(ref s_TQ2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_TQ1)), Vector256.Create(Volatile.Read(ref s_One))));
        return Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_TanhLimit)), Vector256.MaxNative(Vector256.Create(Volatile.Read(ref s_MinusTanhLimit)), x)) / q * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhTimesStored(Vector256<float> x, Vector256<float> scale)
    {
        var t = Vector256.MinNative(Vector256.Create(Volatile.Read(ref s_TanhLimitSquared)), x * x);
        var t2 = t * t;
        var t4 = t2 * t2;
        var low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T3)), Vector256.Create(Volatile.Read(ref s_T2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T1)), Vector256.Create(Volatile.Read(ref s_One))));
        var high = Vector256.MultiplyAddEstimate(Vector256.Create(Volatile.Read(ref s_T6)), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_T5)), Vector256.Create(Volatile.Read(ref s_T4))));
        var p = Vector256.MultiplyAddEstimate(high, t4, low);
        var q = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_TQ3)), Vector256.Create(Volatile.Read(ref s_TQ2))), t2, Vector256.MultiplyAddEstimate(t, Vector256.Create(Volatile.Read(ref s_TQ1)), Vector256.Create(Volatile.Read(ref s_One))));
        return Vector256.MinNative(scale, Vector256.MaxNative(Vector256<float>.Zero - scale, x / q * (p * scale)));
    }
}
