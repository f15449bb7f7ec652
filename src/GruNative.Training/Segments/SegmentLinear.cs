using System;
using System.Numerics;
using System.Numerics.Tensors;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// A dense map y = W x + b over many rows at once (PyTorch's <c>nn.Linear</c>, W [out, in]), optionally followed by
/// ReLU: the segment embedding (<c>valueEmbedding</c>, w → d, rectified) and the prediction (<c>predict.1</c>, d → w).
/// Every pass is one <see cref="MatrixKernel"/> product over all rows.
/// </summary>
/// <remarks>
/// Weight gradients are summed over all rows in one product whose columns are the wider of in and out, so the vector
/// tiles stay full when one side is as narrow as a segment (w = 24 leaves half a 512-bit float vector).
/// </remarks>
internal sealed class SegmentLinear<T> where T : IFloatingPointIeee754<T>
{
    private readonly ParameterTensor _weight, _bias;
    private readonly bool _rectified;
    private readonly T[] _weightT;             // Wᵀ [in][out]: the forward product's B operand, rows contiguous
    private readonly T[] _transposedGradient;  // [in][out] when in < out: ∂Wᵀ before it is added in transposed
    private readonly T[] _ones;                // [max rows] of 1: the bias gradient as a product

    public SegmentLinear(ParameterTensor weight, ParameterTensor bias, bool rectified, int maxRows)
    {
        _weight = weight;
        _bias = bias;
        _rectified = rectified;
        Out = weight.Shape[0];
        In = weight.Shape[1];
        _weightT = new T[In * Out];
        _transposedGradient = new T[In < Out ? In * Out : 0];
        _ones = new T[maxRows];
        _ones.AsSpan().Fill(T.One);
    }

    /// <summary>Values each row reads.</summary>
    public int In { get; }

    /// <summary>Values each row writes.</summary>
    public int Out { get; }

    /// <summary>Copies Wᵀ for the forward products; call once per pass, before <see cref="Forward"/>.</summary>
    public void Prepare(ReadOnlySpan<T> parameters)
    {
        ReadOnlySpan<T> weight = _weight.Slice(parameters);
        for (int o = 0; o < Out; o++)
        {
            for (int i = 0; i < In; i++)
                _weightT[i * Out + o] = weight[o * In + i];
        }
    }

    /// <summary>output [rows][out] = input [rows][in] · Wᵀ + b, then ReLU when rectified.</summary>
    public void Forward(ReadOnlySpan<T> parameters, int rows, ReadOnlySpan<T> input, Span<T> output)
    {
        MatrixKernel.Multiply(rows, Out, In, input, In, 1, _weightT, Out, output, Out, _bias.Slice(parameters));
        if (_rectified)
            TensorPrimitives.Max(output.Slice(0, rows * Out), T.Zero, output);
    }

    /// <summary>
    /// From ∂loss/∂output ([rows][out], masked in place by ReLU's derivative when rectified), ADDS ∂W and ∂b into
    /// <paramref name="gradient"/> and, when <paramref name="inputGradient"/> is not empty, ADDS ∂loss/∂input ([rows][in]) into it.
    /// </summary>
    /// <param name="parameters">The parameters the forward pass ran with.</param>
    /// <param name="rows">Rows of the forward pass.</param>
    /// <param name="input">The forward pass's input.</param>
    /// <param name="output">The forward pass's output (ReLU's derivative is read from it: 1 where it is positive).</param>
    /// <param name="outputGradient">∂loss/∂output; overwritten with ∂loss/∂(pre-activation) when rectified.</param>
    /// <param name="gradient">The flat gradient.</param>
    /// <param name="inputGradient">Where ∂loss/∂input is added, or empty.</param>
    public void Backward(ReadOnlySpan<T> parameters, int rows, ReadOnlySpan<T> input, ReadOnlySpan<T> output,
        Span<T> outputGradient, Span<T> gradient, Span<T> inputGradient)
    {
        Span<T> dOutput = outputGradient.Slice(0, rows * Out);
        if (_rectified)
        {
            for (int i = 0; i < dOutput.Length; i++)
            {
                if (!(output[i] > T.Zero))
                    dOutput[i] = T.Zero;
            }
        }

        Span<T> weightGradient = _weight.Slice(gradient);
        if (In >= Out)
        {
            // ∂W [out][in] += dYᵀ · X, dY read transposed (strides 1, out).
            MatrixKernel.MultiplyAdd(Out, In, rows, dOutput, 1, Out, input, In, weightGradient, In);
        }
        else
        {
            // ∂Wᵀ [in][out] = Xᵀ · dY, vectorised along the wider out, then added in transposed.
            MatrixKernel.Multiply(In, Out, rows, input, 1, In, dOutput, Out, _transposedGradient, Out, default);
            for (int i = 0; i < In; i++)
            {
                for (int o = 0; o < Out; o++)
                    weightGradient[o * In + i] += _transposedGradient[i * Out + o];
            }
        }
        MatrixKernel.MultiplyAdd(1, Out, rows, _ones, 0, 1, dOutput, Out, _bias.Slice(gradient), Out);

        if (!inputGradient.IsEmpty)
            MatrixKernel.MultiplyAdd(rows, In, Out, dOutput, Out, 1, _weight.Slice(parameters), In, inputGradient, In);
    }
}
