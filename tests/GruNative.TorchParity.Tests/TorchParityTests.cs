using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// The reference forecaster, in float and in double, against libtorch — the engine PyTorch models are
/// trained with — on the whole grid: every step's top-layer output, every layer's final state and the head's
/// forecast must agree within <see cref="Tolerance"/>. libtorch shares no code with GruNative, so agreement
/// is evidence that the reference has PyTorch's semantics and gate layout, not a self-consistent mistake.
/// </summary>
[Collection(LibtorchCollection.Name)]
public sealed class TorchParityTests
{
    /// <summary>The bound on max |Δ|, for the float and the double reference alike.</summary>
    public const double Tolerance = 1e-5;

    private readonly ITestOutputHelper _output;

    public TorchParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<TorchParityCase> Grid => [.. TorchParityGrid.Cases];

    [Theory]
    [MemberData(nameof(Grid))]
    public void Reference_matches_libtorch(TorchParityCase parityCase)
    {
        var result = TorchParityGrid.ResultOf(parityCase);
        _output.WriteLine($"{parityCase}");
        _output.WriteLine($"  float  reference vs libtorch: max |Δ| = {result.FloatVsEngine}");
        _output.WriteLine($"  double reference vs libtorch: max |Δ| = {result.DoubleVsEngine}");
        _output.WriteLine($"  float vs double reference:    max |Δ| = {result.FloatVsDouble}");

        Assert.True(result.FloatVsEngine.Value <= Tolerance, $"float reference vs libtorch: {result.FloatVsEngine} exceeds {Tolerance:E0}");
        Assert.True(result.DoubleVsEngine.Value <= Tolerance, $"double reference vs libtorch: {result.DoubleVsEngine} exceeds {Tolerance:E0}");
    }

    /// <summary>
    /// The grid-wide maxima, one line per engine pair, so the margin under the bound shows in the test log
    /// (<c>dotnet test --logger "console;verbosity=detailed"</c>), not only pass or fail.
    /// </summary>
    [Fact]
    public void Largest_difference_across_the_grid_is_within_tolerance()
    {
        var results = TorchParityGrid.Cases.Select(c => (Case: c, Result: TorchParityGrid.ResultOf(c))).ToList();
        var worstFloat = results.MaxBy(r => r.Result.FloatVsEngine.Value);
        var worstDouble = results.MaxBy(r => r.Result.DoubleVsEngine.Value);
        var worstRounding = results.MaxBy(r => r.Result.FloatVsDouble.Value);

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch parity over {results.Count} cases (bound {Tolerance:E0}):"));
        _output.WriteLine($"  largest |Δ| float  reference vs libtorch: {worstFloat.Result.FloatVsEngine} — {worstFloat.Case}");
        _output.WriteLine($"  largest |Δ| double reference vs libtorch: {worstDouble.Result.DoubleVsEngine} — {worstDouble.Case}");
        _output.WriteLine($"  largest |Δ| float vs double reference:    {worstRounding.Result.FloatVsDouble} — {worstRounding.Case}");

        Assert.True(worstFloat.Result.FloatVsEngine.Value <= Tolerance, $"float reference vs libtorch: {worstFloat.Result.FloatVsEngine} in {worstFloat.Case}");
        Assert.True(worstDouble.Result.DoubleVsEngine.Value <= Tolerance, $"double reference vs libtorch: {worstDouble.Result.DoubleVsEngine} in {worstDouble.Case}");
    }
}
