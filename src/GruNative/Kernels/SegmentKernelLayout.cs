using System;
using System.Collections.Generic;

namespace GruNative.Kernels;

/// <summary>
/// The one definition of how a generated segment-recurrent kernel (<see cref="SegmentModelSpec"/>) lays out its weights:
/// the generator packs baked weights with this code at build time and generated <c>Load</c> methods pack run-time weights
/// with the same code.
/// </summary>
/// <remarks>
/// <para>A segment model is the plain model's parts rearranged, so it reuses their layout (<see cref="KernelLayout"/>):</para>
/// <list type="number">
/// <item><b>Core</b>: the recurrent layer and the head <c>predict.1</c> packed exactly as a plain model of shape
/// <see cref="CoreSpec"/> — cell, I = d, H = d, one layer, O = w — so the plain family's layer and head kernels run it.</item>
/// <item><b>Embedding</b>: <c>valueEmbedding.0</c> (Linear(w → d)) packed as a head reading w values into d outputs.</item>
/// <item><b>Position embedding</b>: <c>pos_emb</c> as it is, [m, p] row-major (parallel decoding only).</item>
/// <item><b>Channel embedding</b>: <c>channel_emb</c> as it is, [C, d/2] (channel ids only).</item>
/// </list>
/// <para>Each section starts on a 64-byte boundary (a multiple of 16 floats), as the whole buffer does.</para>
/// <para>Shared source: the generator (netstandard2.0) compiles this file too, hence arrays rather than spans. This part
/// states no accessibility: the type is internal in the generator, and public in the runtime, whose other part says so.</para>
/// </remarks>
static partial class SegmentKernelLayout
{
    /// <summary>Sections start on multiples of this many floats (64 bytes).</summary>
    public const int SectionAlignment = 16;

    /// <summary>The plain model whose layout the core (recurrent layer and predict head) takes: cell, I = d, H = d, L = 1, O = w.</summary>
    public static ModelSpec CoreSpec(SegmentModelSpec spec) =>
        new ModelSpec(spec.Cell, spec.HiddenSize, spec.HiddenSize, 1, spec.SegmentLength);

    /// <summary>Where the segment embedding (a head of w inputs and d outputs) starts.</summary>
    public static int EmbeddingOffset(SegmentModelSpec spec) => Align(KernelLayout.ModelLength(CoreSpec(spec)));

    /// <summary>Where <c>pos_emb</c> starts ([m, p]; none with recurrent decoding).</summary>
    public static int PositionOffset(SegmentModelSpec spec) =>
        Align(EmbeddingOffset(spec) + KernelLayout.HeadLength(spec.SegmentLength, spec.HiddenSize));

    /// <summary>Where <c>channel_emb</c> starts ([C, d/2]; none without channel ids).</summary>
    public static int ChannelOffset(SegmentModelSpec spec) =>
        Align(PositionOffset(spec) + spec.OutputSegments * spec.PositionWidth);

    /// <summary>Floats in a packed segment model.</summary>
    public static int ModelLength(SegmentModelSpec spec) =>
        ChannelOffset(spec) + spec.Channels * (spec.HiddenSize / 2);

    /// <summary>
    /// Packs a model whose tensors <paramref name="tensor"/> gives by their official names (<see cref="SegmentTensors"/>,
    /// row-major, lengths already checked) into <paramref name="destination"/> from <paramref name="offset"/> on.
    /// </summary>
    public static void Pack(SegmentModelSpec spec, IReadOnlyDictionary<string, float[]> tensor, float[] destination, int offset)
    {
        if (offset < 0 || destination.Length - offset < ModelLength(spec))
            throw new ArgumentException("destination too short");
        var core = CoreSpec(spec);
        var layer = new[]
        {
            tensor[PyTorchTensors.WeightIh(0)], tensor[PyTorchTensors.WeightHh(0)],
            tensor[PyTorchTensors.BiasIh(0)], tensor[PyTorchTensors.BiasHh(0)],
        };
        KernelLayout.PackModel(core, new[] { layer }, tensor[SegmentTensors.PredictWeight], tensor[SegmentTensors.PredictBias], destination, offset);
        KernelLayout.PackHead(spec.SegmentLength, spec.HiddenSize, tensor[SegmentTensors.EmbeddingWeight], tensor[SegmentTensors.EmbeddingBias],
            destination, offset + EmbeddingOffset(spec));
        if (spec.Decoding == SegmentDecoding.Parallel)
            Array.Copy(tensor[SegmentTensors.PositionEmbedding], 0, destination, offset + PositionOffset(spec), spec.OutputSegments * spec.PositionWidth);
        if (spec.UsesChannelIds)
            Array.Copy(tensor[SegmentTensors.ChannelEmbedding], 0, destination, offset + ChannelOffset(spec), spec.Channels * (spec.HiddenSize / 2));
    }

    private static int Align(int length) => (length + SectionAlignment - 1) / SectionAlignment * SectionAlignment;
}
