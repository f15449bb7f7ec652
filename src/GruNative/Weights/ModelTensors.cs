using System;
using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// The mapping between a <see cref="ModelWeights"/> and a set of named float32 tensors with metadata — the part
/// every weights format shares, so each format only parses its own container.
/// </summary>
internal static class ModelTensors
{
    /// <summary>Every tensor of <paramref name="weights"/>, in <see cref="PyTorchTensors.Expected"/> order.</summary>
    public static IEnumerable<(string Name, long[] Shape, float[] Values)> FromModel(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var spec = weights.Spec;
        var expected = PyTorchTensors.Expected(spec);
        int index = 0;
        for (int k = 0; k < spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            yield return (expected[index].Key, expected[index++].Value, layer.WeightIh.ToArray());
            yield return (expected[index].Key, expected[index++].Value, layer.WeightHh.ToArray());
            yield return (expected[index].Key, expected[index++].Value, layer.BiasIh.ToArray());
            yield return (expected[index].Key, expected[index++].Value, layer.BiasHh.ToArray());
        }
        yield return (expected[index].Key, expected[index++].Value, weights.HeadWeight.ToArray());
        yield return (expected[index].Key, expected[index].Value, weights.HeadBias.ToArray());
    }

    /// <summary>Builds a model from named tensors: infers the sizes, checks every tensor and the metadata.</summary>
    /// <exception cref="WeightsFormatException">Anything does not fit.</exception>
    public static ModelWeights ToModel(
        IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string> metadata, string source)
    {
        if (WeightsMetadata.FindArchitectureProblem(metadata, segment: false) is { } architecture)
            throw new WeightsFormatException(source, architecture.Key, architecture.Value);
        var shapes = ShapesOf(tensors);
        if (shapes.ContainsKey(SegmentTensors.EmbeddingWeight) && !shapes.ContainsKey(PyTorchTensors.HeadWeight))
            throw new WeightsFormatException(source, SegmentTensors.EmbeddingWeight,
                "the file holds a segment-recurrent (SegRNN) model's tensors: read it with SafeTensorsSegmentWeights or JsonSegmentWeights, giving the lookback (SegmentWindowSizes)");

        var spec = PyTorchTensors.Infer(shapes, source);
        PyTorchTensors.CheckTensors(shapes, spec, source);
        CheckFinite(tensors, source);

        var (preprocessing, extra) = WeightsMetadata.Decode(metadata, spec, source);
        var layers = new RecurrentLayerWeights[spec.Layers];
        for (int k = 0; k < spec.Layers; k++)
        {
            layers[k] = new RecurrentLayerWeights(
                tensors[PyTorchTensors.WeightIh(k)].Values, tensors[PyTorchTensors.WeightHh(k)].Values,
                tensors[PyTorchTensors.BiasIh(k)].Values, tensors[PyTorchTensors.BiasHh(k)].Values);
        }
        return new ModelWeights(spec, layers, tensors[PyTorchTensors.HeadWeight].Values, tensors[PyTorchTensors.HeadBias].Values, preprocessing, extra);
    }

    /// <summary>Every tensor's shape, by name.</summary>
    internal static Dictionary<string, long[]> ShapesOf(IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
            shapes.Add(name, tensor.Shape);
        return shapes;
    }

    /// <summary>Refuses the first NaN or infinity, naming its tensor and flat index.</summary>
    /// <exception cref="WeightsFormatException">A weight is not finite.</exception>
    internal static void CheckFinite(IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors, string source)
    {
        foreach (var (name, tensor) in tensors)
        {
            int bad = ModelWeights.IndexOfNonFinite(tensor.Values);
            if (bad >= 0)
                throw new WeightsFormatException(source, name, $"holds {tensor.Values[bad]} at flat index {bad}; every weight must be finite");
        }
    }
}
