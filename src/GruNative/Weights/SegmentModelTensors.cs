using System;
using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// The mapping between a <see cref="SegmentModelWeights"/> and a set of named float32 tensors with metadata — what the
/// segment model's safetensors and JSON formats share, as <see cref="ModelTensors"/> is for the plain model's.
/// </summary>
internal static class SegmentModelTensors
{
    /// <summary>Every tensor of <paramref name="weights"/>, in <see cref="SegmentTensors.Expected"/> (state_dict) order.</summary>
    public static IEnumerable<(string Name, long[] Shape, float[] Values)> FromModel(SegmentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (name, shape) in SegmentTensors.Expected(weights.Spec))
            yield return (name, shape, weights.Tensor(name).ToArray());
    }

    /// <summary>
    /// Builds a model from named tensors: settles the lookback and horizon (file or caller), infers the shape from the
    /// tensors, checks every tensor, then the metadata against the shape.
    /// </summary>
    /// <exception cref="WeightsFormatException">Anything does not fit.</exception>
    public static SegmentModelWeights ToModel(
        IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string> metadata, string source,
        SegmentWindowSizes sizes)
    {
        var (knownLookback, knownHorizon) = WeightsMetadata.ReadSegmentWindow(metadata, sizes.Lookback, sizes.Horizon, source);
        var shapes = ModelTensors.ShapesOf(tensors);
        var spec = SegmentTensors.Infer(shapes, knownLookback, knownHorizon, source);
        SegmentTensors.CheckTensors(shapes, spec, source);
        ModelTensors.CheckFinite(tensors, source);

        var (preprocessing, extra) = WeightsMetadata.DecodeSegment(metadata, spec, source);
        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
            values.Add(name, tensor.Values);
        return new SegmentModelWeights(spec, values, preprocessing, extra);
    }
}
