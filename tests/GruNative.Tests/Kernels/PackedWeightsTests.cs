using GruNative.Kernels;

namespace GruNative.Tests.Kernels;

// The run-time packed weights start on a 64-byte boundary and stay there: the kernels' vector loads then never
// straddle two cache lines. The contents must be exactly what the generator bakes (KernelLayout.PackModel).
public class PackedWeightsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(1_000)]
    [InlineData(300_000)]   // large enough for its own segment of the pinned heap
    public void Starts_on_a_64_byte_boundary_and_holds_zeros(int length)
    {
        // Many allocations, so the GC's 8-byte alignment puts some of the underlying arrays at every residue mod 64.
        for (int i = 0; i < 16; i++)
        {
            var packed = new PackedWeights(length);
            Assert.Equal(length, packed.Length);
            Assert.Equal(length, packed.Span.Length);
            if (length > 0)
                Assert.Equal(0, AddressOf(packed.Span) % PackedWeights.AlignmentBytes);
            Assert.All(packed.Span.ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void The_aligned_start_survives_compacting_collections()
    {
        var packed = Enumerable.Range(0, 32).Select(i => new PackedWeights(100 + i)).ToArray();
        var before = packed.Select(p => AddressOf(p.Span)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            _ = Enumerable.Range(0, 10_000).Select(n => new byte[n % 512]).ToList();   // garbage between them
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        Assert.Equal(before, packed.Select(p => AddressOf(p.Span)).ToArray());
    }

    [Theory]
    [InlineData(CellKind.Gru, 1, 8, 1, 1)]
    [InlineData(CellKind.Gru, 3, 40, 2, 24)]
    [InlineData(CellKind.Lstm, 8, 64, 2, 5)]
    public void Pack_lays_out_exactly_what_the_generator_bakes(CellKind cell, int input, int hidden, int layers, int output)
    {
        var spec = new ModelSpec(cell, input, hidden, layers, output);
        var weights = ModelWeights.CreateRandom(spec, seed: 7);
        var tensors = Enumerable.Range(0, layers).Select(k => new[]
        {
            weights.Layers[k].WeightIh.ToArray(), weights.Layers[k].WeightHh.ToArray(),
            weights.Layers[k].BiasIh.ToArray(), weights.Layers[k].BiasHh.ToArray(),
        }).ToArray();
        float[] dense = KernelLayout.PackModel(spec, tensors,
            weights.HeadWeight.ToArray(), weights.HeadBias.ToArray());

        var packed = KernelLayout.Pack(weights, spec, "test");

        Assert.Equal(dense, packed.Span.ToArray());
        Assert.Equal(0, AddressOf(packed.Span) % PackedWeights.AlignmentBytes);
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackedWeights(-1));
    }

    private static unsafe long AddressOf(ReadOnlySpan<float> span)
    {
        fixed (float* first = span)
            return (long)first;
    }
}
