using GruNative.Training;

namespace GruNative.Training.Tests;

public class DeterministicRandomTests
{
    [Fact]
    public void Matches_the_published_SplitMix64_sequence()
    {
        // Vigna's splitmix64.c from state 0.
        var r = new DeterministicRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, r.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, r.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, r.NextUInt64());
    }

    [Fact]
    public void At_is_the_sequence_drawn_directly()
    {
        var r = new DeterministicRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, DeterministicRandom.At(0, 0));
        var seeded = new DeterministicRandom(12345);
        for (ulong i = 0; i < 100; i++)
        {
            double expected = new DeterministicRandom(12345) { State = seeded.State }.NextDouble();
            Assert.Equal(seeded.NextUInt64(), DeterministicRandom.At(12345, i));
            Assert.Equal(expected, DeterministicRandom.DoubleAt(12345, i));
        }
        Assert.Equal(r.NextUInt64(), DeterministicRandom.At(0, 0));
    }

    [Fact]
    public void Saved_state_continues_the_same_sequence()
    {
        var a = new DeterministicRandom(42);
        a.NextUInt64();
        var b = new DeterministicRandom(0) { State = a.State };
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void Bounded_integers_are_uniform_and_in_range()
    {
        var r = new DeterministicRandom(7);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++)
            counts[r.NextInt(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));   // ±5σ of a binomial(60000, 1/6) is ±456
    }

    [Fact]
    public void Shuffle_is_a_permutation()
    {
        var values = Enumerable.Range(0, 100).ToArray();
        new DeterministicRandom(3).Shuffle(values);
        Assert.Equal(Enumerable.Range(0, 100), values.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), values);
    }
}
