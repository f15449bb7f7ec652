using System;
using System.Numerics;

namespace GruNative.Training.Segments;

/// <summary>
/// The official module's initial parameters, drawn from a seed: PyTorch's defaults for <c>nn.Linear</c> and
/// <c>nn.GRU</c>/<c>nn.LSTM</c> (uniform in ±1/√fan_in, weights and biases alike) and <c>torch.randn</c> (standard
/// normal) for pos_emb and channel_emb.
/// </summary>
public static class SegmentParameterInitializer
{
    /// <summary>A new flat parameter vector for <paramref name="layout"/>, the same for the same seed whatever <typeparamref name="T"/>.</summary>
    /// <remarks>Values are drawn in double and rounded to <typeparamref name="T"/>, tensor after tensor in layout order.</remarks>
    public static T[] Create<T>(SegmentParameterLayout layout, ulong seed) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layout);
        var random = new DeterministicRandom(seed);
        var values = new T[layout.Length];
        int d = layout.Shape.HiddenSize, w = layout.Shape.SegmentLength;
        foreach (var tensor in layout.Tensors)
        {
            Span<T> slice = tensor.Slice(values.AsSpan());
            if (tensor == layout.PositionEmbedding || tensor == layout.ChannelEmbedding)
            {
                FillNormal(random, slice);
                continue;
            }
            // fan_in: w for the segment embedding, d for the recurrent layer (PyTorch uses 1/√hidden there) and the prediction.
            bool embedding = tensor == layout.EmbeddingWeight || tensor == layout.EmbeddingBias;
            double bound = 1 / Math.Sqrt(embedding ? w : d);
            for (int i = 0; i < slice.Length; i++)
                slice[i] = T.CreateChecked((random.NextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    // Box–Muller: two uniforms give one standard normal (the second is dropped to keep the draw order simple).
    private static void FillNormal<T>(DeterministicRandom random, Span<T> values) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = T.CreateChecked(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
