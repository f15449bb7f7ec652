using System;
using System.Collections.Generic;
using System.Linq;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// Where every parameter of a segment-recurrent forecaster lives in one flat vector: the tensors of the official
/// SegRNN module's <c>state_dict()</c> as <see cref="SegmentTensors"/> defines them, in its order (a module's own parameters before its submodules'), back to back:
/// <c>pos_emb</c> [m, d/2] (or [m, d]) and <c>channel_emb</c> [C, d/2] (parallel decoding; the latter with channel ids),
/// <c>valueEmbedding.0.weight</c> [d, w], <c>valueEmbedding.0.bias</c> [d], <c>rnn.weight_ih_l0</c> [G·d, d],
/// <c>rnn.weight_hh_l0</c> [G·d, d], <c>rnn.bias_ih_l0</c> [G·d], <c>rnn.bias_hh_l0</c> [G·d],
/// <c>predict.1.weight</c> [w, d], <c>predict.1.bias</c> [w].
/// </summary>
/// <remarks>
/// Immutable. The recurrent tensors are PyTorch's <c>nn.GRU</c>/<c>nn.LSTM</c> layer 0 (gate order r, z, n and
/// i, f, g, o), named and shaped by <see cref="PyTorchTensors"/> as for the plain forecasters, and contiguous, so the
/// plain forecasters' recurrent layer runs on the slice starting at <see cref="RecurrentOffset"/>.
/// </remarks>
public sealed class SegmentParameterLayout
{
    private readonly ParameterTensor[] _tensors;
    private readonly Dictionary<string, ParameterTensor> _byName;

    /// <summary>Lays out the parameters of a model of shape <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The model has more parameters than one array can hold.</exception>
    public SegmentParameterLayout(SegmentModelSpec shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        int d = shape.HiddenSize, w = shape.SegmentLength;
        // The recurrent layer is a one-layer model of input and hidden size d; its head (never read) only makes the spec whole.
        RecurrentSpec = new ModelSpec(shape.Cell, d, d, layers: 1, outputSize: w);
        RecurrentLayout = new ParameterLayout(RecurrentSpec);

        // Names, shapes and order come from the one definition the weights files use (SegmentTensors), so this layout
        // cannot drift from them.
        (_tensors, _byName, Length) = ParameterLayout.LayOut(SegmentTensors.Expected(shape));

        PositionEmbedding = _byName.GetValueOrDefault(SegmentTensors.PositionEmbedding);
        ChannelEmbedding = _byName.GetValueOrDefault(SegmentTensors.ChannelEmbedding);
        EmbeddingWeight = _byName[SegmentTensors.EmbeddingWeight];
        EmbeddingBias = _byName[SegmentTensors.EmbeddingBias];
        PredictWeight = _byName[SegmentTensors.PredictWeight];
        PredictBias = _byName[SegmentTensors.PredictBias];

        // The four recurrent tensors are contiguous, in the recurrent layout's order and shapes, so the plain
        // forecasters' recurrent layer runs on the slice that starts at RecurrentOffset.
        var recurrent = (ReadOnlySpan<ParameterTensor>)[RecurrentLayout.WeightIh(0), RecurrentLayout.WeightHh(0), RecurrentLayout.BiasIh(0), RecurrentLayout.BiasHh(0)];
        RecurrentOffset = _byName[recurrent[0].Name].Offset;
        foreach (var inner in recurrent)
        {
            var outer = _byName[inner.Name];
            if (outer.Offset != RecurrentOffset + inner.Offset || !outer.Shape.SequenceEqual(inner.Shape))
                throw new InvalidOperationException($"{outer} does not sit where the recurrent layout puts {inner}.");
        }
        RecurrentLength = _byName[recurrent[^1].Name].Offset + recurrent[^1].Length - RecurrentOffset;
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Shape { get; }

    /// <summary>Number of parameters: the length of a flat parameter (or gradient) vector.</summary>
    public int Length { get; }

    /// <summary>Every tensor, in the official module's <c>state_dict</c> order, with contiguous ranges covering [0, <see cref="Length"/>).</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    /// <summary>The tensor called <paramref name="name"/> (an official name such as <c>rnn.weight_hh_l0</c>).</summary>
    /// <exception cref="KeyNotFoundException">The model has no such tensor.</exception>
    public ParameterTensor this[string name] =>
        _byName.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"{Shape} has no parameter tensor '{name}'.");

    /// <summary><c>pos_emb</c>: [m, d/2] with channel ids, [m, d] without; null with recurrent decoding.</summary>
    public ParameterTensor? PositionEmbedding { get; }

    /// <summary><c>channel_emb</c>: [C, d/2]; null without channel ids.</summary>
    public ParameterTensor? ChannelEmbedding { get; }

    /// <summary><c>valueEmbedding.0.weight</c>: [d, w].</summary>
    public ParameterTensor EmbeddingWeight { get; }

    /// <summary><c>valueEmbedding.0.bias</c>: [d].</summary>
    public ParameterTensor EmbeddingBias { get; }

    /// <summary>Index of <c>rnn.weight_ih_l0</c>, the first of the four recurrent tensors.</summary>
    public int RecurrentOffset { get; }

    /// <summary>Values in the four recurrent tensors together.</summary>
    public int RecurrentLength { get; }

    /// <summary><c>predict.1.weight</c>: [w, d].</summary>
    public ParameterTensor PredictWeight { get; }

    /// <summary><c>predict.1.bias</c>: [w].</summary>
    public ParameterTensor PredictBias { get; }

    /// <summary>
    /// The model whose flat parameters are <paramref name="values"/>, as the runtime holds it: each tensor under its
    /// official name, with <paramref name="preprocessing"/> (the channels' scalers, and intervals if calibrated) — what
    /// <see cref="SafeTensorsSegmentWeights"/> and <see cref="JsonSegmentWeights"/> write.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not <see cref="Length"/> long, a value is not finite, or the preprocessing does not fit the model.</exception>
    public SegmentModelWeights ToWeights(ReadOnlySpan<float> values, Preprocessing? preprocessing = null)
    {
        if (values.Length != Length)
            throw new ArgumentException($"{Shape} has {Length} parameters; got {values.Length}.", nameof(values));
        var tensors = new Dictionary<string, float[]>(_tensors.Length, StringComparer.Ordinal);
        foreach (var tensor in _tensors)
            tensors[tensor.Name] = tensor.Slice(values).ToArray();
        return new SegmentModelWeights(Shape, tensors, preprocessing);
    }

    /// <summary>The flat parameters of <paramref name="weights"/> (a model of this layout's shape), each tensor at its offset: what the trainer's networks read.</summary>
    /// <exception cref="ArgumentException">The weights are of another shape.</exception>
    public float[] FromWeights(SegmentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!weights.Spec.Equals(Shape))
            throw new ArgumentException($"The weights are of {weights.Spec}; this layout is {Shape}.", nameof(weights));
        var values = new float[Length];
        foreach (var tensor in _tensors)
            weights.Tensor(tensor.Name).CopyTo(tensor.Slice(values.AsSpan()));
        return values;
    }

    /// <summary>The recurrent layer as a one-layer plain model (input and hidden size d), whose layout starts at <see cref="RecurrentOffset"/>.</summary>
    internal ModelSpec RecurrentSpec { get; }

    /// <summary><see cref="RecurrentSpec"/>'s layout: its recurrent tensors' offsets are relative to <see cref="RecurrentOffset"/>.</summary>
    internal ParameterLayout RecurrentLayout { get; }

    /// <summary>The four recurrent tensors within a flat vector: the parameters (or gradient) a recurrent layer of <see cref="RecurrentLayout"/> reads.</summary>
    internal ReadOnlySpan<T> Recurrent<T>(ReadOnlySpan<T> values) => values.Slice(RecurrentOffset, RecurrentLength);

    /// <summary>The four recurrent tensors within a flat vector: the parameters (or gradient) a recurrent layer of <see cref="RecurrentLayout"/> reads.</summary>
    internal Span<T> Recurrent<T>(Span<T> values) => values.Slice(RecurrentOffset, RecurrentLength);

    /// <summary>A GRU or LSTM layer over <paramref name="steps"/> steps of up to <paramref name="maxBatch"/> rows, reading the parameters of <see cref="Recurrent{T}(ReadOnlySpan{T})"/>.</summary>
    internal RecurrentLayer<T> CreateRecurrentLayer<T>(int steps, int maxBatch) where T : System.Numerics.IFloatingPointIeee754<T> =>
        Shape.Cell == CellKind.Gru
            ? new GruLayer<T>(RecurrentSpec, RecurrentLayout, 0, steps, maxBatch)
            : new LstmLayer<T>(RecurrentSpec, RecurrentLayout, 0, steps, maxBatch);
}
