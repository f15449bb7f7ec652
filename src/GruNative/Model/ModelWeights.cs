using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative;

/// <summary>
/// A complete forecaster: its <see cref="ModelSpec"/>, every parameter tensor in PyTorch's layout, and
/// optional <see cref="Preprocessing"/>. Immutable; every tensor's size is checked against the spec and every
/// weight is finite.
/// </summary>
public sealed class ModelWeights
{
    private readonly RecurrentLayerWeights[] _layers;
    private readonly float[] _headWeight;
    private readonly float[] _headBias;

    /// <summary>Creates a model from copies of the given tensors.</summary>
    /// <param name="spec">The model's shape.</param>
    /// <param name="layers">One entry per layer, bottom first.</param>
    /// <param name="headWeight"><c>head.weight</c>: [O, H], row-major.</param>
    /// <param name="headBias"><c>head.bias</c>: [O].</param>
    /// <param name="preprocessing">Scalers and window lengths, if known; must fit <paramref name="spec"/>.</param>
    /// <param name="extraMetadata">
    /// Metadata entries that are not GruNative's own (for example PyTorch's <c>format</c>), kept so that
    /// converting a file loses nothing. Keys must not start with <see cref="WeightsMetadata.KeyPrefix"/>.
    /// </param>
    /// <exception cref="ArgumentException">A tensor has the wrong length or a non-finite value, or the metadata does not fit.</exception>
    public ModelWeights(
        ModelSpec spec,
        IReadOnlyList<RecurrentLayerWeights> layers,
        ReadOnlySpan<float> headWeight,
        ReadOnlySpan<float> headBias,
        Preprocessing? preprocessing = null,
        IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count != spec.Layers)
            throw new ArgumentException($"{layers.Count} layer(s) given for a {spec.Layers}-layer model.", nameof(layers));

        int gh = spec.GateCount * spec.HiddenSize;
        for (int k = 0; k < layers.Count; k++)
        {
            var layer = layers[k] ?? throw new ArgumentNullException(nameof(layers), $"Layer {k} is null.");
            CheckTensor(PyTorchTensors.WeightIh(k), layer.WeightIh, gh * spec.LayerInputSize(k));
            CheckTensor(PyTorchTensors.WeightHh(k), layer.WeightHh, gh * spec.HiddenSize);
            CheckTensor(PyTorchTensors.BiasIh(k), layer.BiasIh, gh);
            CheckTensor(PyTorchTensors.BiasHh(k), layer.BiasHh, gh);
        }
        CheckTensor(PyTorchTensors.HeadWeight, headWeight, spec.OutputSize * spec.HiddenSize);
        CheckTensor(PyTorchTensors.HeadBias, headBias, spec.OutputSize);

        if (preprocessing?.FindMismatch(spec) is string mismatch)
            throw new ArgumentException($"The preprocessing metadata does not fit {spec}: {mismatch}.", nameof(preprocessing));
        var extra = CopyExtraMetadata(extraMetadata);

        Spec = spec;
        _layers = layers.ToArray();
        _headWeight = headWeight.ToArray();
        _headBias = headBias.ToArray();
        Preprocessing = preprocessing;
        ExtraMetadata = extra;
    }

    /// <summary>The model's shape.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The recurrent layers, bottom first.</summary>
    public IReadOnlyList<RecurrentLayerWeights> Layers => _layers;

    /// <summary><c>head.weight</c>: [O, H], row-major.</summary>
    public ReadOnlySpan<float> HeadWeight => _headWeight;

    /// <summary><c>head.bias</c>: [O].</summary>
    public ReadOnlySpan<float> HeadBias => _headBias;

    /// <summary>Scalers and window lengths, or null when the model carries none.</summary>
    public Preprocessing? Preprocessing { get; }

    /// <summary>Metadata that is not GruNative's own, kept verbatim (sorted by key).</summary>
    public IReadOnlyDictionary<string, string> ExtraMetadata { get; }

    /// <summary>
    /// A model with PyTorch's default initialisation: every recurrent and head parameter drawn uniformly from
    /// [−1/√H, 1/√H] (the head's fan-in is H, so <c>nn.Linear</c>'s bound is the same). Deterministic for a seed.
    /// </summary>
    public static ModelWeights CreateRandom(ModelSpec spec, int seed, Preprocessing? preprocessing = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(spec.HiddenSize);
        float[] Draw(int count)
        {
            var values = new float[count];
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            return values;
        }

        int gh = spec.GateCount * spec.HiddenSize;
        var layers = new RecurrentLayerWeights[spec.Layers];
        for (int k = 0; k < spec.Layers; k++)
            layers[k] = new RecurrentLayerWeights(Draw(gh * spec.LayerInputSize(k)), Draw(gh * spec.HiddenSize), Draw(gh), Draw(gh));
        return new ModelWeights(spec, layers, Draw(spec.OutputSize * spec.HiddenSize), Draw(spec.OutputSize), preprocessing);
    }

    /// <summary>Index of the first NaN or infinity in <paramref name="values"/>, or −1 when all are finite.</summary>
    internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                return i;
        }
        return -1;
    }

    /// <summary>A sorted copy of metadata that is not GruNative's own (the extra metadata of every model family).</summary>
    /// <exception cref="ArgumentException">A key has GruNative's prefix, or a value is null.</exception>
    internal static SortedDictionary<string, string> CopyExtraMetadata(IReadOnlyDictionary<string, string>? extraMetadata)
    {
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in extraMetadata ?? new Dictionary<string, string>())
        {
            if (entry.Key.StartsWith(WeightsMetadata.KeyPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"Metadata key '{entry.Key}' is GruNative's own; pass it through the spec or preprocessing instead.", nameof(extraMetadata));
            extra.Add(entry.Key, entry.Value ?? throw new ArgumentException($"Metadata key '{entry.Key}' has a null value.", nameof(extraMetadata)));
        }
        return extra;
    }

    /// <summary>Checks a tensor's length against its shape's and that every value is finite.</summary>
    /// <exception cref="ArgumentException">The length differs, or a value is NaN or infinite (the message names the tensor).</exception>
    internal static void CheckTensor(string name, ReadOnlySpan<float> values, int expectedLength)
    {
        if (values.Length != expectedLength)
            throw new ArgumentException($"'{name}' has {values.Length} value(s); the spec requires {expectedLength}.");
        int bad = IndexOfNonFinite(values);
        if (bad >= 0)
            throw new ArgumentException($"'{name}' holds {values[bad]} at index {bad}; every weight must be finite.");
    }
}
