using System;

namespace GruNative;

/// <summary>
/// The four parameter tensors of one recurrent layer, row-major, with PyTorch's names, shapes and gate order
/// (GRU: r, z, n; LSTM: i, f, g, o — each a block of H rows).
/// </summary>
public sealed class RecurrentLayerWeights
{
    private readonly float[] _weightIh;
    private readonly float[] _weightHh;
    private readonly float[] _biasIh;
    private readonly float[] _biasHh;

    /// <summary>Creates a layer from copies of the given tensors; sizes are checked by <see cref="ModelWeights"/>.</summary>
    public RecurrentLayerWeights(ReadOnlySpan<float> weightIh, ReadOnlySpan<float> weightHh, ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh)
    {
        _weightIh = weightIh.ToArray();
        _weightHh = weightHh.ToArray();
        _biasIh = biasIh.ToArray();
        _biasHh = biasHh.ToArray();
    }

    /// <summary><c>weight_ih_l{k}</c>: [G·H, in_k], row g·H + j holds the input weights of unit j in gate g.</summary>
    public ReadOnlySpan<float> WeightIh => _weightIh;

    /// <summary><c>weight_hh_l{k}</c>: [G·H, H].</summary>
    public ReadOnlySpan<float> WeightHh => _weightHh;

    /// <summary><c>bias_ih_l{k}</c>: [G·H].</summary>
    public ReadOnlySpan<float> BiasIh => _biasIh;

    /// <summary><c>bias_hh_l{k}</c>: [G·H].</summary>
    public ReadOnlySpan<float> BiasHh => _biasHh;
}
