using System;
using System.ComponentModel;

namespace GruNative.Kernels;

/// <summary>
/// The scalar path of the generated kernels: plain loops over the packed layout (<see cref="KernelLayout"/>), used
/// where no vector hardware is accelerated. Generated code calls these with its compile-time sizes; they also
/// document the layout in executable form.
/// </summary>
// Plumbing of generated code: public because generated kernels call it, hidden from completion (as System.Text.Json
// hides JsonMetadataServices) because users never need to.
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarKernels
{
    /// <summary>
    /// One GRU layer step: <paramref name="hNext"/> = GRU(<paramref name="x"/>, <paramref name="h"/>) for every unit.
    /// <paramref name="h"/> and <paramref name="hNext"/> hold at least Pad(H) floats; lanes past H come out zero.
    /// </summary>
    public static void GruLayer(ReadOnlySpan<float> packedLayer, int inputSize, int hiddenSize, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> hNext) =>
        GruLayer(packedLayer, inputSize, hiddenSize, x, h, hNext, WeightPrecision.Fp32);

    /// <summary>Like <see cref="GruLayer(ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, over rows stored with <paramref name="precision"/>.</summary>
    public static void GruLayer(ReadOnlySpan<float> packedLayer, int inputSize, int hiddenSize, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> hNext, WeightPrecision precision)
    {
        Span<float> acc = stackalloc float[KernelLayout.BiasSlots * KernelLayout.MaxGroupWidth];
        int at = 0, padded = KernelLayout.Pad(hiddenSize);
        for (int unit0 = 0, width; unit0 < padded; unit0 += width)
        {
            width = KernelLayout.GroupWidthAt(padded, unit0);
            // acc holds the four slots r, z, n_x, n_h.
            at = PreActivations(packedLayer, at, width, x, inputSize, h, hiddenSize, acc, gru: true, precision);
            for (int lane = 0; lane < width; lane++)
            {
                float r = Activations.Sigmoid(acc[lane]);
                float z = Activations.Sigmoid(acc[width + lane]);
                float n = Activations.Tanh(acc[2 * width + lane] + r * acc[3 * width + lane]);
                int unit = unit0 + lane;
                hNext[unit] = (1 - z) * n + z * h[unit];
            }
        }
    }

    /// <summary>One LSTM layer step: updates <paramref name="c"/> in place and writes <paramref name="hNext"/> (both at least Pad(H) floats).</summary>
    public static void LstmLayer(ReadOnlySpan<float> packedLayer, int inputSize, int hiddenSize, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> c, Span<float> hNext) =>
        LstmLayer(packedLayer, inputSize, hiddenSize, x, h, c, hNext, WeightPrecision.Fp32);

    /// <summary>Like <see cref="LstmLayer(ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>, over rows stored with <paramref name="precision"/>.</summary>
    public static void LstmLayer(ReadOnlySpan<float> packedLayer, int inputSize, int hiddenSize, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> c, Span<float> hNext, WeightPrecision precision)
    {
        Span<float> acc = stackalloc float[KernelLayout.BiasSlots * KernelLayout.MaxGroupWidth];
        int at = 0, padded = KernelLayout.Pad(hiddenSize);
        for (int unit0 = 0, width; unit0 < padded; unit0 += width)
        {
            width = KernelLayout.GroupWidthAt(padded, unit0);
            // acc holds the four slots i, f, g, o.
            at = PreActivations(packedLayer, at, width, x, inputSize, h, hiddenSize, acc, gru: false, precision);
            for (int lane = 0; lane < width; lane++)
            {
                int unit = unit0 + lane;
                float i = Activations.Sigmoid(acc[lane]);
                float f = Activations.Sigmoid(acc[width + lane]);
                float g = Activations.Tanh(acc[2 * width + lane]);
                float o = Activations.Sigmoid(acc[3 * width + lane]);
                c[unit] = f * c[unit] + i * g;
                hNext[unit] = o * Activations.Tanh(c[unit]);
            }
        }
    }

    /// <summary>The dense head: <paramref name="y"/>[o] = b[o] + Σ_k W[o, k] · h[k], for o below O (<paramref name="y"/> holds at least O floats).</summary>
    public static void Head(ReadOnlySpan<float> packedHead, int hiddenSize, int outputSize, ReadOnlySpan<float> h, Span<float> y)
    {
        if (KernelLayout.IsDotHead(outputSize))
        {
            var row = packedHead.Slice(KernelLayout.Lanes, hiddenSize);
            float sum = packedHead[0];
            for (int k = 0; k < hiddenSize; k++)
                sum += row[k] * h[k];
            y[0] = sum;
            return;
        }
        int padded = KernelLayout.Pad(outputSize);
        packedHead.Slice(0, outputSize).CopyTo(y);
        for (int k = 0; k < hiddenSize; k++)
        {
            var row = packedHead.Slice(padded * (1 + k), outputSize);
            for (int o = 0; o < outputSize; o++)
                y[o] += row[o] * h[k];
        }
    }

    // One group of width units from its rows at `at`: copies its four bias slots into acc, then adds the input rows times
    // x and the recurrent rows times h. A GRU's n slot of input rows feeds acc slot 2 (n_x), of recurrent rows slot 3
    // (n_h); an LSTM's four slots map one to one. Returns where the next group's rows start.
    private static int PreActivations(ReadOnlySpan<float> packedLayer, int at, int width, ReadOnlySpan<float> x, int inputSize,
        ReadOnlySpan<float> h, int hiddenSize, Span<float> acc, bool gru, WeightPrecision precision)
    {
        packedLayer.Slice(at, 4 * width).CopyTo(acc);
        at += 4 * width;
        at = Accumulate(packedLayer, at, x, inputSize, width, acc, nSlotTarget: gru ? 2 : -1, precision);
        return Accumulate(packedLayer, at, h, hiddenSize, width, acc, nSlotTarget: gru ? 3 : -1, precision);
    }

    // Adds rows [at, at + count·S·width) times the inputs into acc (in bfloat16, ⌈count/2⌉ stored rows, each holding
    // two rows). GRU rows have 3 slots (r, z, n) and send n to acc slot nSlotTarget; LSTM rows (nSlotTarget −1) have 4
    // slots mapped one to one.
    private static int Accumulate(ReadOnlySpan<float> packed, int at, ReadOnlySpan<float> inputs, int count, int width, Span<float> acc, int nSlotTarget, WeightPrecision precision)
    {
        int slots = nSlotTarget < 0 ? 4 : 3;
        bool pairs = precision == WeightPrecision.BFloat16;
        for (int k = 0; k < count; k += pairs ? 2 : 1)
        {
            float input = inputs[k];
            float next = pairs && k + 1 < count ? inputs[k + 1] : 0f;
            for (int s = 0; s < slots; s++, at += width)
            {
                int target = s == 2 && nSlotTarget >= 0 ? nSlotTarget : s;
                var row = packed.Slice(at, width);
                var sums = acc.Slice(target * width, width);
                for (int lane = 0; lane < width; lane++)
                {
                    if (pairs)
                    {
                        // Low half: row k; high half: row k + 1 (zero past the last row).
                        uint word = BitConverter.SingleToUInt32Bits(row[lane]);
                        sums[lane] += BitConverter.UInt32BitsToSingle(word << 16) * input;
                        sums[lane] += BitConverter.UInt32BitsToSingle(word & 0xFFFF0000u) * next;
                    }
                    else
                    {
                        sums[lane] += row[lane] * input;
                    }
                }
            }
        }
        return at;
    }
}
