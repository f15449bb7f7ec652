using GruNative.Kernels;
using GruNative.TestKit;

namespace GruNative.Tests.Kernels;

/// <summary>
/// fp32 → bfloat16 rounding (<see cref="BFloat16Rounding"/>): hand-worked values, agreement with the float64
/// reference (<see cref="BFloat16Reference"/>, which rounds the value rather than its bits) on a million random
/// patterns, and the pair words and the packed layout <see cref="WeightPrecision.BFloat16"/> kernels read.
/// </summary>
public class BFloat16RoundingTests
{
    // bfloat16 keeps 7 significand bits after the leading 1: one ulp at 1 is 2^-7.
    [Theory]
    [InlineData(1f, 1f)]
    [InlineData(1f + 1f / 512, 1f)]                         // a quarter ulp: down
    [InlineData(1f + 1f / 256, 1f)]                         // half an ulp, tie: to the even 1
    [InlineData(1f + 3f / 256, 1f + 1f / 64)]               // 1.5 ulp, tie: to the even 1 + 2 ulp
    [InlineData(1f + 1f / 256 + 1f / 65536, 1f + 1f / 128)] // just above half: up
    [InlineData(-1.9999999f, -2f)]                          // carries into the exponent
    [InlineData(0.1f, 0.10009765625f)]                      // 0x3DCCCCCD → 0x3DCD
    [InlineData(-0f, -0f)]
    [InlineData(3.3895314e38f, 3.3895314e38f)]              // the largest finite bfloat16
    [InlineData(1e-40f, 9.1835496e-41f)]                    // a subnormal, 1.09 steps of 2^-133: down to one step
    public void Rounds_to_nearest_with_ties_to_even(float value, float expected)
    {
        float rounded = BFloat16Rounding.Round(value);
        Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(rounded));
    }

    [Fact]
    public void Agrees_with_the_float64_reference_on_a_million_patterns()
    {
        var random = new Random(42);
        int checkedCount = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() | (random.Next(2) << 31));
            if (!float.IsFinite(value) || Math.Abs(value) > 3.38e38f)
                continue;
            Assert.Equal(BitConverter.SingleToUInt32Bits(BFloat16Reference.Round(value)), BitConverter.SingleToUInt32Bits(BFloat16Rounding.Round(value)));
            checkedCount++;
        }
        Assert.True(checkedCount > 990_000);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(3.3961776e38f)]   // the midpoint between the largest bfloat16 and 2^128, a tie to the even 2^128
    [InlineData(-float.MaxValue)]
    public void A_value_without_a_finite_bfloat16_is_refused(float value)
    {
        var e = Assert.Throws<ArgumentException>(() => BFloat16Rounding.ToBits(value));
        Assert.Contains("bfloat16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pair_word_holds_the_low_row_in_its_low_half()
    {
        uint word = BitConverter.SingleToUInt32Bits(BFloat16Rounding.PackPair(1f, -2f));
        Assert.Equal(0xC0003F80u, word);   // -2 = 0xC000 high, 1 = 0x3F80 low
        Assert.Equal(1f, BitConverter.UInt32BitsToSingle(word << 16));
        Assert.Equal(-2f, BitConverter.UInt32BitsToSingle(word & 0xFFFF0000u));
    }

    [Theory]
    [InlineData(CellKind.Gru, 1, 8, 1)]
    [InlineData(CellKind.Gru, 5, 72, 2)]
    [InlineData(CellKind.Lstm, 2, 13, 3)]
    public void The_packed_layout_holds_every_rounded_weight_where_the_kernels_read_it(CellKind cell, int input, int hidden, int layers)
    {
        var spec = new ModelSpec(cell, input, hidden, layers, 3);
        var weights = ModelWeights.CreateRandom(spec, seed: 5);
        var rounded = BFloat16Reference.RoundLayers(weights);
        float[][][] Tensors(ModelWeights w) => [.. w.Layers.Select(l => new[] { l.WeightIh.ToArray(), l.WeightHh.ToArray(), l.BiasIh.ToArray(), l.BiasHh.ToArray() })];

        float[] fp32 = KernelLayout.PackModel(spec, Tensors(rounded), rounded.HeadWeight.ToArray(), rounded.HeadBias.ToArray());
        float[] bf16 = KernelLayout.PackModel(spec, Tensors(weights), weights.HeadWeight.ToArray(), weights.HeadBias.ToArray(), WeightPrecision.BFloat16);

        Assert.Equal(KernelLayout.ModelLength(spec, WeightPrecision.BFloat16), bf16.Length);
        // Unpack the bfloat16 layout into the fp32 one, group by group, and compare bit for bit.
        int slots = cell.GateCount();
        for (int k = 0; k < layers; k++)
        {
            int inputs = spec.LayerInputSize(k);
            int at16 = KernelLayout.LayerOffset(spec, k, WeightPrecision.BFloat16), at32 = KernelLayout.LayerOffset(spec, k);
            foreach (int width in KernelLayout.GroupWidths(hidden))
            {
                for (int i = 0; i < KernelLayout.BiasSlots * width; i++)
                    Assert.Equal(fp32[at32 + i], bf16[at16 + i]);
                at16 += KernelLayout.BiasSlots * width;
                at32 += KernelLayout.BiasSlots * width;
                foreach (int rows in new[] { inputs, hidden })
                {
                    for (int row = 0; row < rows; row += 2)
                    {
                        for (int i = 0; i < slots * width; i++)
                        {
                            uint word = BitConverter.SingleToUInt32Bits(bf16[at16 + i]);
                            Assert.Equal(fp32[at32 + i], BitConverter.UInt32BitsToSingle(word << 16));
                            float high = BitConverter.UInt32BitsToSingle(word & 0xFFFF0000u);
                            Assert.Equal(row + 1 < rows ? fp32[at32 + slots * width + i] : 0f, high);
                        }
                        at16 += slots * width;
                        at32 += Math.Min(2, rows - row) * slots * width;
                    }
                }
            }
        }
        int head16 = KernelLayout.HeadOffset(spec, WeightPrecision.BFloat16), head32 = KernelLayout.HeadOffset(spec);
        Assert.Equal(fp32.AsSpan(head32).ToArray(), bf16.AsSpan(head16).ToArray());
    }
}
