using GruNative.Kernels;
using GruNative.Reference;

namespace GruNative.Tests.Kernels;

// The packed layout read by the plain scalar kernels must reproduce the double-precision reference: this holds
// KernelLayout (packing, group split, bias folding, padding) to PyTorch's semantics independently of any SIMD code.
public class ScalarKernelsTests
{
    [Theory]
    [InlineData(CellKind.Gru, 1, 1, 1, 1)]
    [InlineData(CellKind.Gru, 3, 7, 2, 5)]
    [InlineData(CellKind.Gru, 8, 40, 3, 24)]    // a full 32-unit group and an 8-unit remainder
    [InlineData(CellKind.Gru, 2, 96, 1, 9)]     // three full groups
    [InlineData(CellKind.Gru, 2, 20, 2, 1)]     // a single output: the dot-product head over 20 of its 24 padded inputs
    [InlineData(CellKind.Lstm, 1, 1, 1, 1)]
    [InlineData(CellKind.Lstm, 5, 33, 2, 3)]    // 33 pads to 40: a full group and a remainder of 8 with 7 padded lanes
    [InlineData(CellKind.Lstm, 4, 64, 2, 17)]
    public void Packed_scalar_kernels_match_the_reference(CellKind cell, int input, int hidden, int layers, int output)
    {
        var spec = new ModelSpec(cell, input, hidden, layers, output);
        var weights = ModelWeights.CreateRandom(spec, seed: hidden * 31 + input);
        float[] packed = KernelLayout.Pack(weights, spec, "test").Span.ToArray();
        Assert.Equal(KernelLayout.ModelLength(spec), packed.Length);

        int padded = KernelLayout.Pad(hidden);
        var h = new float[layers][];
        var c = new float[layers][];
        for (int k = 0; k < layers; k++)
        {
            h[k] = new float[padded];
            c[k] = new float[padded];
        }
        var next = new float[padded];
        var reference = new ReferenceModel<double>(weights);
        var state = reference.CreateState();
        var random = new Random(5);
        double worst = 0;

        for (int t = 0; t < 60; t++)
        {
            var x = Enumerable.Range(0, input).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            reference.Step(x.Select(v => (double)v).ToArray(), state);
            ReadOnlySpan<float> layerInput = x;
            for (int k = 0; k < layers; k++)
            {
                var layer = packed.AsSpan(KernelLayout.LayerOffset(spec, k));
                int inputSize = spec.LayerInputSize(k);
                if (cell == CellKind.Gru)
                    ScalarKernels.GruLayer(layer, inputSize, hidden, layerInput, h[k], next);
                else
                    ScalarKernels.LstmLayer(layer, inputSize, hidden, layerInput, h[k], c[k], next);
                next.CopyTo(h[k], 0);
                layerInput = h[k];
                for (int j = 0; j < hidden; j++)
                    worst = Math.Max(worst, Math.Abs(h[k][j] - state.Hidden(k)[j]));
                Assert.All(h[k].Skip(hidden), v => Assert.Equal(0f, v)); // padded lanes stay exactly zero
            }
        }

        var y = new float[output];   // exactly O: the head writes nothing past it
        ScalarKernels.Head(packed.AsSpan(KernelLayout.HeadOffset(spec)), hidden, output, h[layers - 1], y);
        var expected = new double[output];
        reference.Predict(state, expected);
        for (int o = 0; o < output; o++)
            worst = Math.Max(worst, Math.Abs(y[o] - expected[o]));
        Assert.InRange(worst, 0, 1e-5);
    }

    [Fact]
    public void Packing_rejects_weights_of_another_shape()
    {
        var weights = ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 1, 8, 1, 1), seed: 1);
        var error = Assert.Throws<WeightsFormatException>(() => KernelLayout.Pack(weights, new ModelSpec(CellKind.Gru, 1, 16, 1, 1), "model.safetensors"));
        Assert.Contains("model.safetensors", error.Message);
        Assert.Contains("H=16", error.Message);
    }
}
