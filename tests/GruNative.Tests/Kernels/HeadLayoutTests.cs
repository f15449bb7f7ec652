using GruNative.Kernels;

namespace GruNative.Tests.Kernels;

// The head's two packed forms, worked by hand: H rows of P outputs for several outputs, one dot product's row for a
// single output (KernelLayout.IsDotHead). The generated vector heads read the same bytes; ReferenceAccuracyTests and
// ScalarKernelsTests hold them to the float64 reference.
public class HeadLayoutTests
{
    [Fact]
    public void A_single_output_is_packed_as_its_bias_slot_then_one_row_of_weights()
    {
        Assert.True(KernelLayout.IsDotHead(1));
        Assert.Equal(16, KernelLayout.HeadLength(hiddenSize: 3, outputSize: 1));   // 8 for the bias slot, Pad(3) = 8 for the row
        var packed = new float[18];
        KernelLayout.PackHead(3, 1, weight: [1f, 2f, 3f], bias: [0.5f], packed, offset: 2);
        Assert.Equal(new float[] { 0f, 0f, 0.5f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 2f, 3f, 0f, 0f, 0f, 0f, 0f }, packed);

        var y = new float[1];
        ScalarKernels.Head(packed.AsSpan(2), 3, 1, [1f, -1f, 2f], y);
        Assert.Equal(0.5f + 1f - 2f + 6f, y[0]);
    }

    [Fact]
    public void Several_outputs_are_packed_as_one_row_of_outputs_per_input()
    {
        Assert.False(KernelLayout.IsDotHead(2));
        Assert.Equal(24, KernelLayout.HeadLength(hiddenSize: 2, outputSize: 2));   // P = 8 for the biases and each of 2 rows
        var packed = new float[24];
        // head.weight [O = 2, H = 2] row-major: W[0] = (1, 2), W[1] = (3, 4).
        KernelLayout.PackHead(2, 2, weight: [1f, 2f, 3f, 4f], bias: [0.5f, -0.5f], packed, offset: 0);
        Assert.Equal(new float[] { 0.5f, -0.5f, 0, 0, 0, 0, 0, 0, 1f, 3f, 0, 0, 0, 0, 0, 0, 2f, 4f, 0, 0, 0, 0, 0, 0 }, packed);

        var y = new float[2];
        ScalarKernels.Head(packed, 2, 2, [1f, -1f], y);
        Assert.Equal(new[] { 0.5f + 1f - 2f, -0.5f + 3f - 4f }, y);
    }
}
