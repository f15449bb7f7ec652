using System.Runtime.Intrinsics;
using GruNative.Kernels;

namespace GruNative.Tests.Kernels;

// On x64 without AVX-512 the 128- and 256-bit activations read their constants from memory (Activations.FewRegisters.cs),
// a second copy of the arithmetic that a machine with AVX-512, like the one the suite usually runs on, never takes. Each
// copy is held here to the one with constants, bit for bit, whatever the machine.
public class FewRegistersActivationsTests
{
    private static IEnumerable<float> Inputs()
    {
        var random = new Random(11);
        for (int n = 0; n < 100_000; n++)
            yield return (float)(random.NextDouble() * 80 - 40);
        foreach (float x in new[] { 0f, -0f, 1e-30f, 9f, -9f, 18f, -18f, 1e30f, -1e30f, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN })
            yield return x;
    }

    [Fact]
    public void The_128_bit_copies_compute_what_the_constants_do()
    {
        foreach (float value in Inputs())
        {
            var x = Vector128.Create(value, -value, value * 0.5f, 1f - value);
            var scale = Vector128.Create(0.3f, 1f, 0f, 0.99f);
            Same(Activations.SigmoidConstants(x), Activations.SigmoidStored(x), "σ", value);
            Same(Activations.TanhConstants(x), Activations.TanhStored(x), "tanh", value);
            Same(Activations.SigmoidRawConstants(x), Activations.SigmoidRawStored(x), "unclamped σ", value);
            Same(Activations.TanhRawConstants(x), Activations.TanhRawStored(x), "unclamped tanh", value);
            Same(Activations.TanhTimesConstants(x, scale), Activations.TanhTimesStored(x, scale), "scaled tanh", value);
        }
    }

    [Fact]
    public void The_256_bit_copies_compute_what_the_constants_do()
    {
        foreach (float value in Inputs())
        {
            var x = Vector256.Create(value, -value, value * 0.5f, 1f - value, value * 3f, -value * 0.25f, value + 1f, value - 17f);
            var scale = Vector256.Create(0.3f, 1f, 0f, 0.99f, 0.5f, 0.01f, 1f, 0.75f);
            Same(Activations.SigmoidConstants(x).GetLower(), Activations.SigmoidStored(x).GetLower(), "σ", value);
            Same(Activations.SigmoidConstants(x).GetUpper(), Activations.SigmoidStored(x).GetUpper(), "σ", value);
            Same(Activations.TanhConstants(x).GetLower(), Activations.TanhStored(x).GetLower(), "tanh", value);
            Same(Activations.TanhConstants(x).GetUpper(), Activations.TanhStored(x).GetUpper(), "tanh", value);
            Same(Activations.SigmoidRawConstants(x).GetLower(), Activations.SigmoidRawStored(x).GetLower(), "unclamped σ", value);
            Same(Activations.SigmoidRawConstants(x).GetUpper(), Activations.SigmoidRawStored(x).GetUpper(), "unclamped σ", value);
            Same(Activations.TanhRawConstants(x).GetLower(), Activations.TanhRawStored(x).GetLower(), "unclamped tanh", value);
            Same(Activations.TanhRawConstants(x).GetUpper(), Activations.TanhRawStored(x).GetUpper(), "unclamped tanh", value);
            Same(Activations.TanhTimesConstants(x, scale).GetLower(), Activations.TanhTimesStored(x, scale).GetLower(), "scaled tanh", value);
            Same(Activations.TanhTimesConstants(x, scale).GetUpper(), Activations.TanhTimesStored(x, scale).GetUpper(), "scaled tanh", value);
        }
    }

    private static void Same(Vector128<float> constants, Vector128<float> stored, string what, float input)
    {
        if (!constants.AsUInt32().Equals(stored.AsUInt32()))
            Assert.Fail($"{what} at {input}: constants {constants}, stored {stored}.");
    }
}
