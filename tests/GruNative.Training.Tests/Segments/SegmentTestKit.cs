using System.Numerics;
using GruNative.Training.Segments;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Segments;

/// <summary>Small segment models, random problems for them, and their tensors by name.</summary>
internal static class SegmentTestKit
{
    /// <summary>L = 6, H = 6, w = 2 (n = m = 3), d = 4; C = 3 with channel ids.</summary>
    public static SegmentModelSpec Small(CellKind cell, SegmentDecoding decoding, bool channelIds) =>
        new(cell, lookback: 6, horizon: 6, segmentLength: 2, hiddenSize: 4, decoding, channels: channelIds ? 3 : 0);

    /// <summary>
    /// Parameters initialised from <paramref name="seed"/> and scaled by <paramref name="scale"/> (larger weights push
    /// the gates toward saturation, where mistakes in derivatives show), windows ([batch][L], uniform in ±2), channel
    /// ids (b mod C, when on) and targets ([batch][H], uniform in ±1).
    /// </summary>
    public static (T[] Parameters, T[] Windows, int[] Channels, T[] Targets) Problem<T>(SegmentModelSpec shape, int batch, int seed, double scale = 1)
        where T : IFloatingPointIeee754<T>
    {
        var layout = new SegmentParameterLayout(shape);
        T[] parameters = SegmentParameterInitializer.Create<T>(layout, (ulong)seed);
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] *= T.CreateChecked(scale);
        int[] channels = shape.UsesChannelIds ? [.. Enumerable.Range(0, batch).Select(b => b % shape.Channels)] : [];
        return (parameters, Uniform<T>(batch * shape.Lookback, seed + 1, scale: 2), channels, Uniform<T>(batch * shape.Horizon, seed + 2));
    }

    /// <summary>Every tensor of <paramref name="values"/> as its own array, by its official name.</summary>
    public static Dictionary<string, double[]> Tensors(SegmentParameterLayout layout, double[] values) =>
        layout.Tensors.ToDictionary(t => t.Name, t => t.Slice<double>(values).ToArray());

    /// <summary>The reference for <paramref name="shape"/> over <paramref name="values"/>.</summary>
    public static SegmentReference Reference(SegmentModelSpec shape, double[] values) =>
        new(Tensors(new SegmentParameterLayout(shape), values), shape.Cell == CellKind.Lstm, shape.Lookback, shape.Horizon,
            shape.SegmentLength, shape.HiddenSize, shape.Decoding == SegmentDecoding.Recurrent);
}
