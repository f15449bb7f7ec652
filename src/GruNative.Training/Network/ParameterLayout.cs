using System;
using System.Collections.Generic;

namespace GruNative.Training.Network;

/// <summary>
/// Where every parameter of a model lives in one flat vector: the tensors of
/// <see cref="PyTorchTensors.Expected"/>, in that order (PyTorch's <c>state_dict</c> order), back to back.
/// Per layer k: <c>weight_ih_l{k}</c> [G·H, in_k], <c>weight_hh_l{k}</c> [G·H, H], <c>bias_ih_l{k}</c> [G·H],
/// <c>bias_hh_l{k}</c> [G·H]; then <c>head.weight</c> [O, H] and <c>head.bias</c> [O].
/// </summary>
/// <remarks>
/// One flat vector lets the optimiser, gradient clipping and the reduction of gradients across batch shards
/// work on a single span, while the names keep every value traceable to PyTorch's tensors. Immutable.
/// </remarks>
public sealed class ParameterLayout
{
    // Tensors per recurrent layer in PyTorchTensors.Expected: weight_ih, weight_hh, bias_ih, bias_hh.
    private const int TensorsPerLayer = 4;

    private readonly ParameterTensor[] _tensors;
    private readonly Dictionary<string, ParameterTensor> _byName;

    /// <summary>Lays out the parameters of a model of shape <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The model has more parameters than one array can hold.</exception>
    public ParameterLayout(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ParameterCount > Array.MaxLength)
            throw new ArgumentException($"{spec} has {spec.ParameterCount} parameters; a flat parameter vector holds at most {Array.MaxLength}.", nameof(spec));

        // Names and shapes come from the one place that defines them, so this layout cannot drift from the weights files.
        (_tensors, _byName, Length) = LayOut(PyTorchTensors.Expected(spec));
        Spec = spec;
    }

    /// <summary>
    /// Places named tensors (a weights definition's list, in its order) back to back from offset 0: the tensors, the same
    /// by name, and the total length. Any model family's layout is built by this.
    /// </summary>
    /// <exception cref="OverflowException">The tensors hold more values than one array can.</exception>
    internal static (ParameterTensor[] Tensors, Dictionary<string, ParameterTensor> ByName, int Length) LayOut(IReadOnlyList<KeyValuePair<string, long[]>> expected)
    {
        var tensors = new ParameterTensor[expected.Count];
        var byName = new Dictionary<string, ParameterTensor>(expected.Count, StringComparer.Ordinal);
        int offset = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            long[] shape = expected[i].Value;
            var extents = new int[shape.Length];
            for (int d = 0; d < shape.Length; d++)
                extents[d] = checked((int)shape[d]);
            var tensor = new ParameterTensor(expected[i].Key, extents, offset);
            tensors[i] = tensor;
            byName.Add(tensor.Name, tensor);
            offset = checked(offset + tensor.Length);
        }
        return (tensors, byName, offset);
    }

    /// <summary>The model's shape.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Number of parameters: the length of a flat parameter (or gradient) vector. Equals <see cref="ModelSpec.ParameterCount"/>.</summary>
    public int Length { get; }

    /// <summary>Every tensor, in PyTorch's <c>state_dict</c> order, with contiguous, non-overlapping ranges covering [0, <see cref="Length"/>).</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    /// <summary>The tensor called <paramref name="name"/> (a PyTorch name such as <c>rnn.bias_hh_l1</c>).</summary>
    /// <exception cref="KeyNotFoundException">The model has no such tensor.</exception>
    public ParameterTensor this[string name] =>
        _byName.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"{Spec} has no parameter tensor '{name}'.");

    /// <summary><c>rnn.weight_ih_l{layer}</c>: [G·H, in_k].</summary>
    public ParameterTensor WeightIh(int layer) => _tensors[LayerBase(layer)];

    /// <summary><c>rnn.weight_hh_l{layer}</c>: [G·H, H].</summary>
    public ParameterTensor WeightHh(int layer) => _tensors[LayerBase(layer) + 1];

    /// <summary><c>rnn.bias_ih_l{layer}</c>: [G·H].</summary>
    public ParameterTensor BiasIh(int layer) => _tensors[LayerBase(layer) + 2];

    /// <summary><c>rnn.bias_hh_l{layer}</c>: [G·H].</summary>
    public ParameterTensor BiasHh(int layer) => _tensors[LayerBase(layer) + 3];

    /// <summary><c>head.weight</c>: [O, H].</summary>
    public ParameterTensor HeadWeight => _tensors[TensorsPerLayer * Spec.Layers];

    /// <summary><c>head.bias</c>: [O].</summary>
    public ParameterTensor HeadBias => _tensors[TensorsPerLayer * Spec.Layers + 1];

    private int LayerBase(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, Spec.Layers);
        return TensorsPerLayer * layer;
    }
}
