using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.TestKit;

/// <summary>
/// The parity checks every engine's tests run, written once: the reference forecaster, in float and in double, against
/// an independent engine on the whole grid (<see cref="ParityGrid"/>) — every step's top-layer h, every layer's final
/// state and the head's forecast must agree within <see cref="Tolerance"/>. The engine shares no code with GruNative,
/// so agreement is evidence that the reference has PyTorch's semantics, not a self-consistent mistake. Each parity
/// project supplies only its <see cref="IParityEngine"/> and the test methods that call these.
/// </summary>
public static class ParitySuite
{
    /// <summary>The bound on max |Δ|, for the float and the double reference alike.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>One case: both references within <see cref="Tolerance"/> of <paramref name="engine"/>.</summary>
    public static void CheckCase(IParityEngine engine, ParityCase parityCase, ITestOutputHelper output)
    {
        var result = ParityGrid.ResultOf(engine, parityCase);
        output.WriteLine($"{parityCase}");
        output.WriteLine($"  float  reference vs {engine.Name}: max |Δ| = {result.FloatVsEngine}");
        output.WriteLine($"  double reference vs {engine.Name}: max |Δ| = {result.DoubleVsEngine}");
        output.WriteLine($"  float vs double reference: max |Δ| = {result.FloatVsDouble}");

        Assert.True(result.FloatVsEngine.Value <= Tolerance, $"float reference vs {engine.Name}: {result.FloatVsEngine} exceeds {Tolerance:E0}");
        Assert.True(result.DoubleVsEngine.Value <= Tolerance, $"double reference vs {engine.Name}: {result.DoubleVsEngine} exceeds {Tolerance:E0}");
    }

    /// <summary>
    /// The grid-wide maxima, one line per engine pair, so the margin under the bound shows in the test log
    /// (<c>dotnet test --logger "console;verbosity=detailed"</c>), not only pass or fail.
    /// </summary>
    public static void CheckGrid(IParityEngine engine, ITestOutputHelper output)
    {
        var results = ParityGrid.Cases.Select(c => (Case: c, Result: ParityGrid.ResultOf(engine, c))).ToList();
        var worstFloat = results.MaxBy(r => r.Result.FloatVsEngine.Value);
        var worstDouble = results.MaxBy(r => r.Result.DoubleVsEngine.Value);
        var worstRounding = results.MaxBy(r => r.Result.FloatVsDouble.Value);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine.Name} parity over {results.Count} cases (bound {Tolerance:E0}):"));
        output.WriteLine($"  largest |Δ| float  reference vs {engine.Name}: {worstFloat.Result.FloatVsEngine} — {worstFloat.Case}");
        output.WriteLine($"  largest |Δ| double reference vs {engine.Name}: {worstDouble.Result.DoubleVsEngine} — {worstDouble.Case}");
        output.WriteLine($"  largest |Δ| float vs double reference: {worstRounding.Result.FloatVsDouble} — {worstRounding.Case}");

        Assert.True(worstFloat.Result.FloatVsEngine.Value <= Tolerance, $"float reference vs {engine.Name}: {worstFloat.Result.FloatVsEngine} in {worstFloat.Case}");
        Assert.True(worstDouble.Result.DoubleVsEngine.Value <= Tolerance, $"double reference vs {engine.Name}: {worstDouble.Result.DoubleVsEngine} in {worstDouble.Case}");
    }
}
