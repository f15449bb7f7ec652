using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GruNative.Benchmarks;

/// <summary>
/// The two ceilings a recurrent step runs into, measured on this machine rather than read from a datasheet:
/// the core clock (a chain of dependent integer adds retires one per cycle) and the bandwidth of a plain
/// streaming read of an L2-sized buffer (512 KiB: beyond L1, within L2). With fp32 weights each weight feeds one
/// fused multiply-add, so streaming B bytes per cycle caps a step at B / 4 · 2 FLOP per cycle.
/// </summary>
public static class MachineCeilings
{
    // Measured apart: the NativeAOT harness reads only the clock, and its x86-64-v3 build would time the 512-bit
    // streaming read in software.
    private static readonly Lazy<double> MeasuredClockGhz = new(MeasureClockGhz);
    private static readonly Lazy<double> MeasuredL2BytesPerCycle = new(MeasureL2BytesPerCycle);

    /// <summary>Measured core clock, GHz.</summary>
    public static double ClockGhz => MeasuredClockGhz.Value;

    /// <summary>Measured streaming read bandwidth from L2, bytes per cycle.</summary>
    public static double L2BytesPerCycle => MeasuredL2BytesPerCycle.Value;

    /// <summary>FLOP per cycle of the FMA units at a vector width: two FMA pipes × lanes × 2.</summary>
    public static int FmaFlopsPerCycle(int vectorBits) => 2 * (vectorBits / 32) * 2;

    /// <summary>The widest vector the JIT accelerates here, in bits.</summary>
    public static int WidestVectorBits =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 32;

    public static string Describe() =>
        $"clock {ClockGhz:F2} GHz (measured), L2 streaming read {L2BytesPerCycle:F1} B/cycle = {L2BytesPerCycle / 2:F1} FLOP/cycle for fp32 weights, " +
        $"FMA peak {FmaFlopsPerCycle(WidestVectorBits)} FLOP/cycle at {WidestVectorBits} bits ({FmaFlopsPerCycle(256)} at 256)";

    private static double MeasureClockGhz()
    {
        double ghz = 0;
        Chain(1_000_000);
        for (int r = 0; r < 7; r++)
        {
            const long n = 100_000_000;
            var clock = Stopwatch.StartNew();
            Chain(n);
            ghz = Math.Max(ghz, 4.0 * n / clock.Elapsed.TotalNanoseconds);
        }
        return ghz;
    }

    private static double MeasureL2BytesPerCycle()
    {
        double ghz = ClockGhz;   // timed first, as it was before the two were measured apart
        var buffer = new float[512 * 256];
        buffer.AsSpan().Fill(1f);
        for (int i = 0; i < 200; i++)
            Sum(buffer);
        double best = double.MaxValue;
        for (int r = 0; r < 200; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int q = 0; q < 8; q++)
                Sum(buffer);
            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / 8);
        }
        return buffer.Length * 4 / best / ghz;
    }

    // Four dependent single-cycle ALU operations per iteration on one register.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Chain(long n)
    {
        long a = 0;
        for (long i = 0; i < n; i++)
        {
            a += i;
            a ^= 1;
            a += 3;
            a ^= 2;
        }
        return a;
    }

    // Eight independent accumulators so the adds never limit the loads.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Sum(float[] data)
    {
        ref float p = ref data[0];
        var a0 = Vector512<float>.Zero; var a1 = a0; var a2 = a0; var a3 = a0; var a4 = a0; var a5 = a0; var a6 = a0; var a7 = a0;
        for (int i = 0; i < data.Length; i += 128)
        {
            a0 += Vector512.LoadUnsafe(ref p, (nuint)i);
            a1 += Vector512.LoadUnsafe(ref p, (nuint)(i + 16));
            a2 += Vector512.LoadUnsafe(ref p, (nuint)(i + 32));
            a3 += Vector512.LoadUnsafe(ref p, (nuint)(i + 48));
            a4 += Vector512.LoadUnsafe(ref p, (nuint)(i + 64));
            a5 += Vector512.LoadUnsafe(ref p, (nuint)(i + 80));
            a6 += Vector512.LoadUnsafe(ref p, (nuint)(i + 96));
            a7 += Vector512.LoadUnsafe(ref p, (nuint)(i + 112));
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }
}
