using System;

namespace GruNative.Training;

/// <summary>
/// SplitMix64: a small, fast generator whose whole state is one 64-bit word, so a checkpoint can save it and a
/// resumed run draws exactly the numbers an uninterrupted one would. (System.Random's state cannot be saved.)
/// </summary>
public sealed class DeterministicRandom
{
    /// <summary>Seeds the generator.</summary>
    public DeterministicRandom(ulong seed) => State = seed;

    /// <summary>The whole state; assign a saved value to resume.</summary>
    public ulong State { get; set; }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Mix(State += Gamma);

    /// <summary>
    /// The number a generator seeded with <paramref name="seed"/> returns at its <paramref name="index"/>-th call
    /// (0-based) of <see cref="NextUInt64"/>, computed directly. SplitMix64's state only advances by a constant, so any
    /// draw is one hash of (seed, index): a value drawn this way depends on nothing but those two numbers, not on what
    /// was drawn before it, by which thread, or in which order — what parallel and resumable draws need.
    /// </summary>
    public static ulong At(ulong seed, ulong index) => Mix(unchecked(seed + (index + 1) * Gamma));

    /// <summary>
    /// <see cref="At"/> as a uniform double in [0, 1) with 53 random bits, as <see cref="NextDouble"/> would return it.
    /// </summary>
    public static double DoubleAt(ulong seed, ulong index) => ToUnitInterval(At(seed, index));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong threshold = (0UL - (ulong)bound) % (ulong)bound;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 product = (UInt128)r * (ulong)bound;
            if ((ulong)product >= threshold)
                return (int)(product >> 64);
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => ToUnitInterval(NextUInt64());

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    // The golden-ratio increment of the state.
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    // SplitMix64's output function (Stafford's variant 13 of the MurmurHash3 finaliser).
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // The top 53 bits as a multiple of 2⁻⁵³: exact, and uniform on [0, 1).
    private static double ToUnitInterval(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
