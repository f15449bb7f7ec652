using System;
using System.Numerics;

namespace GruNative.Reference;

/// <summary>One recurrent layer's parameters converted to <typeparamref name="T"/>, in PyTorch's layout.</summary>
public sealed class LayerParameters<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _weightIh, _weightHh, _biasIh, _biasHh;

    /// <summary>Converts a layer's float32 tensors to <typeparamref name="T"/>.</summary>
    public LayerParameters(RecurrentLayerWeights weights, int inputSize, int hiddenSize)
    {
        ArgumentNullException.ThrowIfNull(weights);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _weightIh = Convert(weights.WeightIh);
        _weightHh = Convert(weights.WeightHh);
        _biasIh = Convert(weights.BiasIh);
        _biasHh = Convert(weights.BiasHh);
    }

    /// <summary>in_k: values read per step.</summary>
    public int InputSize { get; }

    /// <summary>H.</summary>
    public int HiddenSize { get; }

    /// <summary>Row <paramref name="row"/> of <c>W_ih</c> [G·H, in].</summary>
    public ReadOnlySpan<T> RowIh(int row) => _weightIh.AsSpan(row * InputSize, InputSize);

    /// <summary>Row <paramref name="row"/> of <c>W_hh</c> [G·H, H].</summary>
    public ReadOnlySpan<T> RowHh(int row) => _weightHh.AsSpan(row * HiddenSize, HiddenSize);

    /// <summary><c>b_ih</c> [G·H].</summary>
    public ReadOnlySpan<T> BiasIh => _biasIh;

    /// <summary><c>b_hh</c> [G·H].</summary>
    public ReadOnlySpan<T> BiasHh => _biasHh;

    internal static T[] Convert(ReadOnlySpan<float> values)
    {
        var converted = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
            converted[i] = T.CreateChecked(values[i]);
        return converted;
    }
}
