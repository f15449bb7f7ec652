using System;
using System.Collections.Generic;

namespace GruNative.Training.Network;

/// <summary>
/// One named tensor inside a flat parameter vector: its PyTorch <c>state_dict</c> name and shape (from
/// <see cref="PyTorchTensors"/>) and the range <c>[Offset, Offset + Length)</c> it occupies, row-major.
/// </summary>
public sealed class ParameterTensor
{
    private readonly int[] _shape;

    internal ParameterTensor(string name, int[] shape, int offset)
    {
        Name = name;
        _shape = shape;
        Offset = offset;
        int length = 1;
        foreach (int extent in shape)
            length = checked(length * extent);
        Length = length;
    }

    /// <summary>The PyTorch name, for example <c>rnn.weight_ih_l0</c> or <c>head.bias</c>.</summary>
    public string Name { get; }

    /// <summary>The PyTorch shape, for example [G·H, in_k]; the values are stored row-major (C order).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Index of the tensor's first value in the flat parameter vector.</summary>
    public int Offset { get; }

    /// <summary>Number of values: the product of <see cref="Shape"/>.</summary>
    public int Length { get; }

    /// <summary>True for one-dimensional tensors (the biases), which optimisers often treat differently (no weight decay).</summary>
    public bool IsBias => _shape.Length == 1;

    /// <summary>This tensor's values within a flat vector laid out by the same <see cref="ParameterLayout"/>.</summary>
    public Span<T> Slice<T>(Span<T> values) => values.Slice(Offset, Length);

    /// <summary>This tensor's values within a flat vector laid out by the same <see cref="ParameterLayout"/>.</summary>
    public ReadOnlySpan<T> Slice<T>(ReadOnlySpan<T> values) => values.Slice(Offset, Length);

    /// <summary>For example <c>rnn.weight_ih_l0 [96, 1] @ 0</c>.</summary>
    public override string ToString() => $"{Name} [{string.Join(", ", _shape)}] @ {Offset}";
}
