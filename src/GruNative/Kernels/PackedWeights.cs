using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruNative.Kernels;

/// <summary>
/// A model's packed weights (<see cref="KernelLayout"/>) as a generated kernel reads them at run time: in memory that
/// never moves, starting on a 64-byte boundary.
/// </summary>
/// <remarks>
/// The GC aligns a <c>float[]</c> to 8 bytes only, so in seven of eight arrays every 512-bit load of the kernel
/// straddles two cache lines, and in three of four half the 256-bit loads do. The kernels read each weight once per
/// step, one load per vector, so a split load costs the step a second access on the path it is bound by.
/// Measured on Zen 5 (one step, the same kernel over the same weights at each of the eight alignments, three runs of
/// the benchmarks' <c>--placement</c> experiment): 256-bit GRU I=1 H=128 1,430–1,550 ns at 32-byte alignment against
/// 1,730–1,830 ns otherwise, LSTM I=1 H=128 1,825–1,950 against 2,260–2,440; 512-bit GRU I=1 H=64 214–224 against 311–383.
/// The buffer is allocated once on the pinned object heap, which never compacts, so the offset of the aligned start
/// computed at allocation stays right for the buffer's lifetime.
/// </remarks>
// Plumbing of generated code: public because generated kernels call it, hidden from completion (as System.Text.Json
// hides JsonMetadataServices) because users never need to.
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedWeights
{
    /// <summary>Where the first weight sits: on a multiple of this many bytes (a cache line; one 512-bit vector).</summary>
    public const int AlignmentBytes = 64;

    private const int AlignmentFloats = AlignmentBytes / sizeof(float);

    private readonly float[] _buffer;
    private readonly int _start;

    /// <summary>Allocates <paramref name="length"/> zeroed floats on a 64-byte boundary (<see cref="KernelLayout.Pack(ModelWeights, ModelSpec, string, WeightPrecision)"/> fills them).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or too large for one array.</exception>
    internal PackedWeights(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength - (AlignmentFloats - 1));
        // The GC aligns array data to at least 8 bytes, so the aligned start is within the first 15 floats.
        _buffer = GC.AllocateArray<float>(length + AlignmentFloats - 1, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0);
        _start = (int)((AlignmentBytes - address % AlignmentBytes) % AlignmentBytes / sizeof(float));
        Length = length;
    }

    /// <summary>Floats of packed weights.</summary>
    public int Length { get; }

    /// <summary>The weights, for the kernels: <see cref="Length"/> floats starting on a 64-byte boundary.</summary>
    public ReadOnlySpan<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _start), Length);
    }

    /// <summary>The buffer and the offset of its aligned start, for <see cref="KernelLayout"/>'s packing (which takes arrays).</summary>
    internal (float[] Buffer, int Start) Destination => (_buffer, _start);
}
