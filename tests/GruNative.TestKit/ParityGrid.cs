using System.Collections.Concurrent;

namespace GruNative.TestKit;

/// <summary>
/// The parity grid every independent engine is held to — I ∈ {1, 3, 8} × H ∈ {1, 7, 16, 64} × L ∈ {1, 2, 3} ×
/// {GRU, LSTM}, each with PyTorch-default weights and again with saturating weights (×3): 144 cases — and the memoised
/// measurement of each case on each engine, so the per-case tests and the grid-wide summary share one run per case
/// whatever order xunit picks.
/// </summary>
public static class ParityGrid
{
    private static readonly int[] InputSizes = [1, 3, 8];
    private static readonly int[] HiddenSizes = [1, 7, 16, 64];
    private static readonly int[] LayerCounts = [1, 2, 3];
    private static readonly float[] WeightScales = [1f, 3f];

    /// <summary>O is not part of the grid; it cycles through these so that 1, a few and many outputs all occur.</summary>
    private static readonly int[] OutputSizes = [1, 4, 24];

    private static readonly ConcurrentDictionary<(string Engine, string Case), Lazy<ParityResult>> Results = new();

    /// <summary>Every case, in a fixed order with fixed seeds (7000, 7001, …).</summary>
    public static IReadOnlyList<ParityCase> Cases { get; } = Build();

    /// <summary>The measurement of <paramref name="parityCase"/> on <paramref name="engine"/>, computed on first request.</summary>
    public static ParityResult ResultOf(IParityEngine engine, ParityCase parityCase) =>
        Results.GetOrAdd((engine.Name, parityCase.ToString()), _ => new Lazy<ParityResult>(() => Measure(engine, parityCase))).Value;

    /// <summary>
    /// Measures a grid case: its weights handed to a fresh session of <paramref name="engine"/>, its sequences run
    /// through the session and the references (<see cref="EngineComparison"/>), each from a zero state.
    /// </summary>
    public static ParityResult Measure(IParityEngine engine, ParityCase parityCase)
    {
        var weights = parityCase.CreateWeights();
        using var session = engine.Open(weights);
        return EngineComparison.Measure(weights, session.Run, parityCase.SequenceLengths.Select(parityCase.CreateSequence));
    }

    private static List<ParityCase> Build()
    {
        var cases = new List<ParityCase>();
        foreach (float scale in WeightScales)
        foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
        for (int i = 0; i < InputSizes.Length; i++)
        for (int h = 0; h < HiddenSizes.Length; h++)
        for (int l = 0; l < LayerCounts.Length; l++)
        {
            int seed = 7000 + cases.Count;
            int drawnLength = new Random(seed).Next(2, ParityCase.LongestSequence);
            int outputSize = OutputSizes[(i + h + l) % OutputSizes.Length];
            cases.Add(new ParityCase(cell, InputSizes[i], HiddenSizes[h], LayerCounts[l], outputSize, scale, drawnLength, seed));
        }
        return cases;
    }
}
