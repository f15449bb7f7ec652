using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GruNative.Training.Network;

/// <summary>
/// The one matrix product every pass of the network is written in: C[m, n] (+)= Σ_k A(m, k) · B[k, n], with B and C
/// row-major and A addressed through two strides, so that A or Aᵀ can be read in place. The forward projections and
/// recurrent products (A = inputs or states, B = a transposed weight copy), the backward products through W_hh and
/// W_ih (B = the weight itself) and the weight gradients (A = gate gradients read transposed) all go through it.
/// </summary>
/// <remarks>
/// <para>
/// The hot loop of training. It computes tiles of 4 rows × 2 vectors of C in registers while streaming the depth, so
/// each step loads two vectors of B, broadcasts four values of A and issues eight fused multiply-adds — instead of the
/// load-add-store of C per multiply that an axpy formulation (one <c>TensorPrimitives</c> call per row) costs. Columns
/// are covered by the widest accelerated vectors first (512, then 256, then 128 bits), the rest by scalar code. The
/// depth is walked in blocks so the panel of B a tile reads stays in L1 for long sums such as the weight gradients
/// (depth = lookback × batch).
/// </para>
/// <para>
/// Deterministic: every element of C is summed sequentially over k, with one fused multiply-add per term where the
/// hardware has FMA (a multiply and an add otherwise), whatever its tile, vector width, block or alignment. A row of C
/// therefore depends only on the matching row of A, not on the other rows in the batch, and the products are
/// bit-identical across vector widths on machines with FMA.
/// </para>
/// </remarks>
internal static class MatrixKernel
{
    // Rows of C per register tile: 4 rows × 2 vectors = 8 accumulators + 2 B vectors + 1 broadcast fit the 16 registers
    // of AVX2, and 8 independent chains cover the latency of two FMA pipes.
    private const int TileRows = 4;

    // Depth per pass over a column panel, chosen so that what the row tiles of one pass read stays in L1 (48 KB on
    // current x64 cores, 32 KB on older ones). When A's rows are contiguous in k (A read as is), a tile streams its four
    // rows sequentially and B's panel dominates: 256 rows of 2 vectors (32 KB for 512-bit float). When A is read
    // transposed (the weight gradients: A(m, k) and A(m, k + 1) a whole row apart), every k brings in a row of A for
    // all the row tiles, so the pass is shortened until those rows take about TransposedBudget bytes.
    private const int DepthBlock = 256, MinDepthBlock = 16, TransposedBudget = 16 * 1024;

    // Fused multiply-add is emulated in software (slowly) where the hardware lacks the instruction.
    private static readonly bool s_fused = Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>C ← bias + A·B, with <paramref name="bias"/> (length ≥ columns) added to every row, or C ← A·B when it is empty.</summary>
    /// <remarks>The tiles start from the bias instead of reading C, so setting C costs no extra pass over it.</remarks>
    public static void Multiply<T>(
        int rows, int columns, int depth,
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride,
        ReadOnlySpan<T> b, int bRowStride,
        Span<T> c, int cRowStride,
        ReadOnlySpan<T> bias)
        where T : IFloatingPointIeee754<T>
    {
        if (!bias.IsEmpty && bias.Length < columns)
            throw new ArgumentException($"The bias has {bias.Length} value(s) for {columns} column(s).", nameof(bias));
        Run(rows, columns, depth, a, aRowStride, aDepthStride, b, bRowStride, c, cRowStride, overwrite: true, bias);
    }

    /// <summary>
    /// C[m, n] += Σ_{k &lt; depth} A(m, k) · B[k, n] for m &lt; rows, n &lt; columns, where
    /// A(m, k) = a[m · aRowStride + k · aDepthStride], B[k, n] = b[k · bRowStride + n] and C[m, n] = c[m · cRowStride + n].
    /// </summary>
    /// <remarks>A row-major A [rows, depth] has strides (depth, 1); Aᵀ of a row-major [depth, rows] matrix has strides (1, rows).</remarks>
    public static void MultiplyAdd<T>(
        int rows, int columns, int depth,
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride,
        ReadOnlySpan<T> b, int bRowStride,
        Span<T> c, int cRowStride)
        where T : IFloatingPointIeee754<T> =>
        Run(rows, columns, depth, a, aRowStride, aDepthStride, b, bRowStride, c, cRowStride, overwrite: false, default);

    private static void Run<T>(
        int rows, int columns, int depth,
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride,
        ReadOnlySpan<T> b, int bRowStride,
        Span<T> c, int cRowStride,
        bool overwrite, ReadOnlySpan<T> bias)
        where T : IFloatingPointIeee754<T>
    {
        if (rows < 0 || columns < 0 || depth < 0 || aRowStride < 0 || aDepthStride < 0 || bRowStride < 0 || cRowStride < 0)
            throw new ArgumentException($"Negative size or stride: rows {rows}, columns {columns}, depth {depth}, strides {aRowStride}/{aDepthStride}/{bRowStride}/{cRowStride}.");
        if (rows == 0 || columns == 0 || (depth == 0 && !overwrite))
            return;
        // The loops below index through refs without bounds checks; these checks are what makes that safe.
        CheckExtent(rows, columns, c.Length, cRowStride, nameof(c));
        if (depth > 0)
        {
            long lastA = (long)(rows - 1) * aRowStride + (long)(depth - 1) * aDepthStride;
            if (lastA >= a.Length)
                throw new ArgumentException($"A needs {lastA + 1} value(s) for [{rows} × {depth}] with strides ({aRowStride}, {aDepthStride}); it has {a.Length}.", nameof(a));
            CheckExtent(depth, columns, b.Length, bRowStride, nameof(b));
            if (c.Overlaps(a) || c.Overlaps(b))
                throw new ArgumentException("C must not overlap A or B.", nameof(c));
        }

        var p = new Operands<T>(ref MemoryMarshal.GetReference(a), aRowStride, aDepthStride,
            ref MemoryMarshal.GetReference(b), bRowStride, ref MemoryMarshal.GetReference(c), cRowStride,
            ref MemoryMarshal.GetReference(bias), !bias.IsEmpty);
        int depthBlock = aDepthStride > aRowStride
            ? Math.Clamp(TransposedBudget / (rows * Unsafe.SizeOf<T>()), MinDepthBlock, DepthBlock)
            : DepthBlock;
        // The first pass starts each element from the bias (or zero) when overwriting, later passes from C. With depth 0
        // the single pass only writes the starting values.
        int kBegin = 0;
        do
        {
            int kEnd = Math.Min(depth, kBegin + depthBlock);
            bool fromC = !overwrite || kBegin > 0;
            int n = ColumnPanels<Vector512<T>, Width512<T>, T>(0, rows, columns, p, fromC, kBegin, kEnd);
            n = ColumnPanels<Vector256<T>, Width256<T>, T>(n, rows, columns, p, fromC, kBegin, kEnd);
            n = ColumnPanels<Vector128<T>, Width128<T>, T>(n, rows, columns, p, fromC, kBegin, kEnd);
            for (; n < columns; n++)
            {
                for (int m = 0; m < rows; m++)
                {
                    ref T aRow = ref p.ARow(m);
                    ref T cm = ref p.C(m, n);
                    T sum = fromC ? cm : p.HasBias ? Unsafe.Add(ref p.Bias0, n) : T.Zero;
                    for (int k = kBegin; k < kEnd; k++)
                        sum = MultiplyAdd(Unsafe.Add(ref aRow, k * p.ADepthStride), Unsafe.Add(ref p.B0, k * p.BRowStride + n), sum);
                    cm = sum;
                }
            }
            kBegin = kEnd;
        }
        while (kBegin < depth);
    }

    private static void CheckExtent(int rows, int columns, int length, int rowStride, string name)
    {
        if (rows > 0 && columns > 0 && (columns > rowStride && rows > 1 || (long)(rows - 1) * rowStride + columns > length))
            throw new ArgumentException($"{name} cannot hold [{rows} × {columns}] with row stride {rowStride} in {length} value(s).", name);
    }

    /// <summary>Covers columns [n, …) with tiles of <typeparamref name="TWidth"/>'s vectors while whole vectors fit; returns the first column left.</summary>
    private static int ColumnPanels<TVector, TWidth, T>(int n, int rows, int columns, in Operands<T> p, bool fromC, int kBegin, int kEnd)
        where TWidth : struct, IVectorWidth<TVector, T>
        where T : IFloatingPointIeee754<T>
    {
        if (!TWidth.IsAccelerated)
            return n;
        int width = TWidth.Count;
        for (; n + 2 * width <= columns; n += 2 * width)
        {
            int m = 0;
            for (; m + TileRows <= rows; m += TileRows)
                Tile4x2<TVector, TWidth, T>(p, m, n, fromC, kBegin, kEnd);
            for (; m < rows; m++)
                Tile1x2<TVector, TWidth, T>(p, m, n, fromC, kBegin, kEnd);
        }
        for (; n + width <= columns; n += width)
        {
            for (int m = 0; m < rows; m++)
                Tile1x1<TVector, TWidth, T>(p, m, n, fromC, kBegin, kEnd);
        }
        return n;
    }

    // The hot function: 4 rows × 2 vectors of C (rows m … m + 3, columns n … n + 2w − 1) held in registers across the depth block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x2<TVector, TWidth, T>(in Operands<T> p, int m, int n, bool fromC, int kBegin, int kEnd)
        where TWidth : struct, IVectorWidth<TVector, T>
        where T : IFloatingPointIeee754<T>
    {
        nuint w = (nuint)TWidth.Count;
        int aRow = p.ARowStride, aDepth = p.ADepthStride, bRow = p.BRowStride, cRow = p.CRowStride;
        ref T a = ref p.ARow(m);
        ref T b = ref Unsafe.Add(ref p.B0, n);
        ref T c0 = ref p.C(m, n);
        ref T c1 = ref Unsafe.Add(ref c0, cRow);
        ref T c2 = ref Unsafe.Add(ref c0, 2 * cRow);
        ref T c3 = ref Unsafe.Add(ref c0, 3 * cRow);
        TVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (fromC)
        {
            s00 = TWidth.Load(ref c0, 0); s01 = TWidth.Load(ref c0, w);
            s10 = TWidth.Load(ref c1, 0); s11 = TWidth.Load(ref c1, w);
            s20 = TWidth.Load(ref c2, 0); s21 = TWidth.Load(ref c2, w);
            s30 = TWidth.Load(ref c3, 0); s31 = TWidth.Load(ref c3, w);
        }
        else
        {
            s00 = s10 = s20 = s30 = Start<TVector, TWidth, T>(p, n, 0);
            s01 = s11 = s21 = s31 = Start<TVector, TWidth, T>(p, n, w);
        }
        for (int k = kBegin; k < kEnd; k++)
        {
            ref T bk = ref Unsafe.Add(ref b, k * bRow);
            TVector b0 = TWidth.Load(ref bk, 0), b1 = TWidth.Load(ref bk, w);
            ref T ak = ref Unsafe.Add(ref a, k * aDepth);
            TVector x = TWidth.Broadcast(ak);
            s00 = TWidth.FusedMultiplyAdd(x, b0, s00); s01 = TWidth.FusedMultiplyAdd(x, b1, s01);
            x = TWidth.Broadcast(Unsafe.Add(ref ak, aRow));
            s10 = TWidth.FusedMultiplyAdd(x, b0, s10); s11 = TWidth.FusedMultiplyAdd(x, b1, s11);
            x = TWidth.Broadcast(Unsafe.Add(ref ak, 2 * aRow));
            s20 = TWidth.FusedMultiplyAdd(x, b0, s20); s21 = TWidth.FusedMultiplyAdd(x, b1, s21);
            x = TWidth.Broadcast(Unsafe.Add(ref ak, 3 * aRow));
            s30 = TWidth.FusedMultiplyAdd(x, b0, s30); s31 = TWidth.FusedMultiplyAdd(x, b1, s31);
        }
        TWidth.Store(s00, ref c0, 0); TWidth.Store(s01, ref c0, w);
        TWidth.Store(s10, ref c1, 0); TWidth.Store(s11, ref c1, w);
        TWidth.Store(s20, ref c2, 0); TWidth.Store(s21, ref c2, w);
        TWidth.Store(s30, ref c3, 0); TWidth.Store(s31, ref c3, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x2<TVector, TWidth, T>(in Operands<T> p, int m, int n, bool fromC, int kBegin, int kEnd)
        where TWidth : struct, IVectorWidth<TVector, T>
        where T : IFloatingPointIeee754<T>
    {
        nuint w = (nuint)TWidth.Count;
        int aDepth = p.ADepthStride, bRow = p.BRowStride;
        ref T a = ref p.ARow(m);
        ref T b = ref Unsafe.Add(ref p.B0, n);
        ref T c = ref p.C(m, n);
        TVector s0 = fromC ? TWidth.Load(ref c, 0) : Start<TVector, TWidth, T>(p, n, 0);
        TVector s1 = fromC ? TWidth.Load(ref c, w) : Start<TVector, TWidth, T>(p, n, w);
        for (int k = kBegin; k < kEnd; k++)
        {
            ref T bk = ref Unsafe.Add(ref b, k * bRow);
            TVector x = TWidth.Broadcast(Unsafe.Add(ref a, k * aDepth));
            s0 = TWidth.FusedMultiplyAdd(x, TWidth.Load(ref bk, 0), s0);
            s1 = TWidth.FusedMultiplyAdd(x, TWidth.Load(ref bk, w), s1);
        }
        TWidth.Store(s0, ref c, 0); TWidth.Store(s1, ref c, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x1<TVector, TWidth, T>(in Operands<T> p, int m, int n, bool fromC, int kBegin, int kEnd)
        where TWidth : struct, IVectorWidth<TVector, T>
        where T : IFloatingPointIeee754<T>
    {
        int aDepth = p.ADepthStride, bRow = p.BRowStride;
        ref T a = ref p.ARow(m);
        ref T b = ref Unsafe.Add(ref p.B0, n);
        ref T c = ref p.C(m, n);
        TVector s = fromC ? TWidth.Load(ref c, 0) : Start<TVector, TWidth, T>(p, n, 0);
        for (int k = kBegin; k < kEnd; k++)
            s = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref a, k * aDepth)), TWidth.Load(ref Unsafe.Add(ref b, k * bRow), 0), s);
        TWidth.Store(s, ref c, 0);
    }

    // What an overwritten element starts from: the bias of its column, or zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Start<TVector, TWidth, T>(in Operands<T> p, int n, nuint offset)
        where TWidth : struct, IVectorWidth<TVector, T>
        where T : IFloatingPointIeee754<T> =>
        p.HasBias ? TWidth.Load(ref Unsafe.Add(ref p.Bias0, n), offset) : TWidth.Broadcast(T.Zero);

    // The scalar twin of the vector FMA, so that tail columns round exactly like vector columns.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MultiplyAdd<T>(T x, T y, T addend) where T : IFloatingPointIeee754<T> =>
        s_fused ? T.FusedMultiplyAdd(x, y, addend) : x * y + addend;

    /// <summary>The operands' base references and strides, passed as one value.</summary>
    private readonly ref struct Operands<T>
    {
        public readonly ref T A0;
        public readonly int ARowStride, ADepthStride;
        public readonly ref T B0;
        public readonly int BRowStride;
        public readonly ref T C0;
        public readonly int CRowStride;
        public readonly ref T Bias0;
        public readonly bool HasBias;

        public Operands(ref T a0, int aRowStride, int aDepthStride, ref T b0, int bRowStride, ref T c0, int cRowStride, ref T bias0, bool hasBias)
        {
            A0 = ref a0;
            ARowStride = aRowStride;
            ADepthStride = aDepthStride;
            B0 = ref b0;
            BRowStride = bRowStride;
            C0 = ref c0;
            CRowStride = cRowStride;
            Bias0 = ref bias0;
            HasBias = hasBias;
        }

        public ref T ARow(int m) => ref Unsafe.Add(ref A0, m * ARowStride);

        public ref T C(int m, int n) => ref Unsafe.Add(ref C0, m * CRowStride + n);
    }

    /// <summary>
    /// One vector width's loads, stores, broadcast and multiply-add, so the tiles are written once for 512-, 256- and
    /// 128-bit vectors (the operator-struct pattern of <c>TensorPrimitives</c>); each instantiation compiles to that
    /// width's instructions.
    /// </summary>
    private interface IVectorWidth<TVector, T>
    {
        static abstract bool IsAccelerated { get; }

        static abstract int Count { get; }

        static abstract TVector Load(ref T source, nuint offset);

        static abstract void Store(TVector value, ref T destination, nuint offset);

        static abstract TVector Broadcast(T value);

        static abstract TVector FusedMultiplyAdd(TVector x, TVector y, TVector addend);
    }

    // In each FusedMultiplyAdd the type tests are constants to the JIT: every instantiation compiles to a single FMA
    // instruction, or to x * y + addend where the hardware lacks FMA (or T is neither float nor double).
    private readonly struct Width512<T> : IVectorWidth<Vector512<T>, T> where T : IFloatingPointIeee754<T>
    {
        public static bool IsAccelerated => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;

        public static int Count => Vector512<T>.Count;

        public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

        public static void Store(Vector512<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

        public static Vector512<T> FusedMultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
        {
            if (typeof(T) == typeof(float) && s_fused)
                return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double) && s_fused)
                return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
            return x * y + addend;
        }
    }

    private readonly struct Width256<T> : IVectorWidth<Vector256<T>, T> where T : IFloatingPointIeee754<T>
    {
        public static bool IsAccelerated => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

        public static int Count => Vector256<T>.Count;

        public static Vector256<T> Load(ref T source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

        public static void Store(Vector256<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

        public static Vector256<T> FusedMultiplyAdd(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
        {
            if (typeof(T) == typeof(float) && s_fused)
                return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double) && s_fused)
                return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
            return x * y + addend;
        }
    }

    private readonly struct Width128<T> : IVectorWidth<Vector128<T>, T> where T : IFloatingPointIeee754<T>
    {
        public static bool IsAccelerated => Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported;

        public static int Count => Vector128<T>.Count;

        public static Vector128<T> Load(ref T source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

        public static void Store(Vector128<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

        public static Vector128<T> FusedMultiplyAdd(Vector128<T> x, Vector128<T> y, Vector128<T> addend)
        {
            if (typeof(T) == typeof(float) && s_fused)
                return Vector128.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double) && s_fused)
                return Vector128.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
            return x * y + addend;
        }
    }
}
