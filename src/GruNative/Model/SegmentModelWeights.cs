using System;
using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// A complete segment-recurrent forecaster (SegRNN): its <see cref="SegmentModelSpec"/>, every parameter tensor with the
/// official module's name and layout (<see cref="SegmentTensors"/>), and optional <see cref="GruNative.Preprocessing"/>.
/// Immutable; every tensor's length is checked against the spec and every weight is finite.
/// </summary>
/// <remarks>
/// Read and written by <see cref="SafeTensorsSegmentWeights"/> and <see cref="JsonSegmentWeights"/>; run by
/// <see cref="Reference.SegmentReferenceModel{T}"/>. A segment model's preprocessing only standardises: its input and
/// target columns are the same channels with the same scalers (C of them with channel ids), with no window
/// normalisation (the model subtracts each window's last value itself), no transform and no prediction intervals
/// (<see cref="Preprocessing.FindMismatch(SegmentModelSpec)"/>).
/// </remarks>
public sealed class SegmentModelWeights
{
    private readonly Dictionary<string, float[]> _tensors;

    /// <summary>Creates a model from copies of the given tensors.</summary>
    /// <param name="spec">The model's shape.</param>
    /// <param name="tensors">
    /// Every tensor of <see cref="SegmentTensors.Expected"/>(<paramref name="spec"/>) by its name, row-major, and no other.
    /// </param>
    /// <param name="preprocessing">
    /// The channels' scalers, if known; must fit <paramref name="spec"/>. Kept with the spec's lookback and horizon (when
    /// it leaves them unknown).
    /// </param>
    /// <param name="extraMetadata">
    /// Metadata entries that are not GruNative's own, kept so that converting a file loses nothing. Keys must not start
    /// with <see cref="WeightsMetadata.KeyPrefix"/>.
    /// </param>
    /// <exception cref="ArgumentException">
    /// A tensor is missing, left over, of the wrong length or holds a non-finite value, or the metadata does not fit (the
    /// message names the tensor or the problem).
    /// </exception>
    public SegmentModelWeights(
        SegmentModelSpec spec,
        IReadOnlyDictionary<string, float[]> tensors,
        Preprocessing? preprocessing = null,
        IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(tensors);
        var expected = SegmentTensors.Expected(spec);
        _tensors = new Dictionary<string, float[]>(expected.Count, StringComparer.Ordinal);
        foreach (var (name, shape) in expected)
        {
            if (!tensors.TryGetValue(name, out var values) || values is null)
                throw new ArgumentException($"'{name}' {PyTorchTensors.Format(shape)} is missing; {spec} needs it.", nameof(tensors));
            long length = 1;
            foreach (long extent in shape)
                length *= extent;
            ModelWeights.CheckTensor(name, values, checked((int)length));
            _tensors.Add(name, (float[])values.Clone());
        }
        foreach (var name in tensors.Keys)
        {
            if (!_tensors.ContainsKey(name))
                throw new ArgumentException($"'{name}' is not a tensor of {spec}.", nameof(tensors));
        }
        if (preprocessing?.FindMismatch(spec) is string mismatch)
            throw new ArgumentException($"The preprocessing metadata does not fit {spec}: {mismatch}.", nameof(preprocessing));

        Spec = spec;
        // The spec knows the window lengths, so the preprocessing always carries them (its ToForecast then checks them).
        Preprocessing = preprocessing is null ? null
            : new Preprocessing(preprocessing.InputColumns, preprocessing.TargetColumns, spec.Lookback, spec.Horizon, intervals: preprocessing.Intervals);
        ExtraMetadata = ModelWeights.CopyExtraMetadata(extraMetadata);
        Recurrent = new RecurrentLayerWeights(
            _tensors[PyTorchTensors.WeightIh(0)], _tensors[PyTorchTensors.WeightHh(0)], _tensors[PyTorchTensors.BiasIh(0)], _tensors[PyTorchTensors.BiasHh(0)]);
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Spec { get; }

    /// <summary>The tensor called <paramref name="name"/> (an official name such as <c>valueEmbedding.0.weight</c>), row-major.</summary>
    /// <exception cref="ArgumentException">The model has no such tensor.</exception>
    public ReadOnlySpan<float> Tensor(string name) =>
        _tensors.TryGetValue(name, out var values)
            ? values
            : throw new ArgumentException($"{Spec} has no tensor '{name}'.", nameof(name));

    /// <summary><c>pos_emb</c>: [m, d/2] with channel ids, [m, d] without; empty with recurrent decoding.</summary>
    public ReadOnlySpan<float> PositionEmbedding => Optional(SegmentTensors.PositionEmbedding);

    /// <summary><c>channel_emb</c>: [C, d/2]; empty without channel ids.</summary>
    public ReadOnlySpan<float> ChannelEmbedding => Optional(SegmentTensors.ChannelEmbedding);

    /// <summary><c>valueEmbedding.0.weight</c>: [d, w].</summary>
    public ReadOnlySpan<float> EmbeddingWeight => _tensors[SegmentTensors.EmbeddingWeight];

    /// <summary><c>valueEmbedding.0.bias</c>: [d].</summary>
    public ReadOnlySpan<float> EmbeddingBias => _tensors[SegmentTensors.EmbeddingBias];

    /// <summary>The recurrent layer: <c>rnn.weight_ih_l0</c> [G·d, d], <c>rnn.weight_hh_l0</c> [G·d, d], <c>rnn.bias_ih_l0</c> and <c>rnn.bias_hh_l0</c> [G·d].</summary>
    public RecurrentLayerWeights Recurrent { get; }

    /// <summary><c>predict.1.weight</c>: [w, d].</summary>
    public ReadOnlySpan<float> PredictWeight => _tensors[SegmentTensors.PredictWeight];

    /// <summary><c>predict.1.bias</c>: [w].</summary>
    public ReadOnlySpan<float> PredictBias => _tensors[SegmentTensors.PredictBias];

    /// <summary>The channels' scalers and the model's window lengths, or null when the model carries none.</summary>
    public Preprocessing? Preprocessing { get; }

    /// <summary>Metadata that is not GruNative's own, kept verbatim (sorted by key).</summary>
    public IReadOnlyDictionary<string, string> ExtraMetadata { get; }

    private ReadOnlySpan<float> Optional(string name) => _tensors.TryGetValue(name, out var values) ? values : default;
}
