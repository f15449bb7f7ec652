namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// Every contender's time per model over the rounds of one run: the minimum over rounds of each process's median.
/// The minimum, because on a shared VM a process is at times slowed as a whole (a neighbour, a state that falls badly
/// within a cache line: docs/benchmarks.md, "Variance"), never sped up; each contender is given the same chance.
/// </summary>
public sealed class ComparisonResults
{
    private readonly Dictionary<(Contender, StepShape), double> _best = [];
    private readonly List<double> _clocks = [];

    private ComparisonResults(int rounds) => Rounds = rounds;

    /// <summary>How many rounds the run had.</summary>
    public int Rounds { get; }

    /// <summary>Every model any contender timed: GRU before LSTM, then by I and H.</summary>
    public IReadOnlyList<StepShape> Shapes { get; private set; } = [];

    /// <summary>The lowest and highest clock GruNative's processes measured, or null when none printed one.</summary>
    public (double Min, double Max)? ClockGhz => _clocks.Count == 0 ? null : (_clocks.Min(), _clocks.Max());

    /// <summary>Combines the rounds; each round holds what each contender printed (a contender may be missing).</summary>
    public static ComparisonResults FromRounds(IReadOnlyList<IReadOnlyDictionary<Contender, ProcessOutput>> rounds)
    {
        var results = new ComparisonResults(rounds.Count);
        foreach (var round in rounds)
        {
            foreach (var (contender, output) in round)
            {
                if (output.ClockGhz is double clock)
                    results._clocks.Add(clock);
                foreach (var (shape, nanoseconds) in output.NanosecondsPerStep)
                {
                    var key = (contender, shape);
                    results._best[key] = results._best.TryGetValue(key, out double best) ? Math.Min(best, nanoseconds) : nanoseconds;
                }
            }
        }
        results.Shapes = results._best.Keys.Select(k => k.Item2).Distinct()
            .OrderBy(s => s.Cell, StringComparer.Ordinal).ThenBy(s => s.InputSize).ThenBy(s => s.HiddenSize).ToList();
        return results;
    }

    /// <summary>A contender's time for a model, ns per step, or null when it did not time it.</summary>
    public double? Time(Contender contender, StepShape shape) => _best.TryGetValue((contender, shape), out double ns) ? ns : null;

    /// <summary>The fastest of some contenders for a model (the first listed on a tie), or null when none timed it.</summary>
    public (Contender Contender, double Nanoseconds)? Fastest(IEnumerable<Contender> contenders, StepShape shape)
    {
        (Contender, double)? fastest = null;
        foreach (var contender in contenders)
        {
            if (Time(contender, shape) is double ns && (fastest is null || ns < fastest.Value.Item2))
                fastest = (contender, ns);
        }
        return fastest;
    }
}
