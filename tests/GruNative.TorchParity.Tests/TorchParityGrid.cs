using System.Collections.Concurrent;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// The grid — I ∈ {1, 3, 8} × H ∈ {1, 7, 16, 64} × L ∈ {1, 2, 3} × {GRU, LSTM}, each with PyTorch-default
/// weights and again with saturating weights (×3): 144 cases — and the memoised measurement of each, so the
/// per-case tests and the grid-wide summary share one run per case whatever order xunit picks.
/// </summary>
public static class TorchParityGrid
{
    private static readonly int[] InputSizes = [1, 3, 8];
    private static readonly int[] HiddenSizes = [1, 7, 16, 64];
    private static readonly int[] LayerCounts = [1, 2, 3];
    private static readonly float[] WeightScales = [1f, 3f];

    /// <summary>O is not part of the grid; it cycles through these so that 1, a few and many outputs all occur.</summary>
    private static readonly int[] OutputSizes = [1, 4, 24];

    private static readonly ConcurrentDictionary<string, Lazy<ParityResult>> Results = new();

    /// <summary>Every case, in a fixed order with fixed seeds (7000, 7001, …).</summary>
    public static IReadOnlyList<TorchParityCase> Cases { get; } = Build();

    /// <summary>The measurement of <paramref name="parityCase"/>, computed on first request.</summary>
    public static ParityResult ResultOf(TorchParityCase parityCase) =>
        Results.GetOrAdd(parityCase.ToString(), _ => new Lazy<ParityResult>(() => TorchParityMeasurement.Measure(parityCase))).Value;

    private static List<TorchParityCase> Build()
    {
        var cases = new List<TorchParityCase>();
        foreach (float scale in WeightScales)
        foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
        for (int i = 0; i < InputSizes.Length; i++)
        for (int h = 0; h < HiddenSizes.Length; h++)
        for (int l = 0; l < LayerCounts.Length; l++)
        {
            int seed = 7000 + cases.Count;
            int drawnLength = new Random(seed).Next(2, TorchParityCase.LongestSequence);
            int outputSize = OutputSizes[(i + h + l) % OutputSizes.Length];
            cases.Add(new TorchParityCase(cell, InputSizes[i], HiddenSizes[h], LayerCounts[l], outputSize, scale, drawnLength, seed));
        }
        return cases;
    }
}
