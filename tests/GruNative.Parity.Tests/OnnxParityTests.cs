using System.Globalization;
using System.Linq;
using Xunit.Abstractions;

namespace GruNative.Parity.Tests;

/// <summary>
/// The reference forecaster, in float and in double, against ONNX Runtime's GRU/LSTM kernels on the whole
/// grid: every step's top-layer h, every layer's final state and the head's forecast must agree within
/// <see cref="Tolerance"/>. ONNX Runtime shares no code with GruNative, and its operators are specified
/// independently of PyTorch, so agreement here is evidence that the reference has PyTorch's semantics
/// rather than a self-consistent mistake.
/// </summary>
public sealed class OnnxParityTests
{
    /// <summary>The spec's bound on max |Δ|, for float and double reference alike.</summary>
    public const double Tolerance = 1e-5;

    private readonly ITestOutputHelper _output;

    public OnnxParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<ParityCase> Grid => [.. ParityGrid.Cases];

    [Theory]
    [MemberData(nameof(Grid))]
    public void Reference_matches_OnnxRuntime(ParityCase parityCase)
    {
        var result = ParityGrid.ResultOf(parityCase);
        _output.WriteLine($"{parityCase}");
        _output.WriteLine($"  float  reference vs ORT: max |Δ| = {result.FloatVsEngine}");
        _output.WriteLine($"  double reference vs ORT: max |Δ| = {result.DoubleVsEngine}");
        _output.WriteLine($"  float vs double reference: max |Δ| = {result.FloatVsDouble}");

        Assert.True(result.FloatVsEngine.Value <= Tolerance, $"float reference vs ONNX Runtime: {result.FloatVsEngine} exceeds {Tolerance:E0}");
        Assert.True(result.DoubleVsEngine.Value <= Tolerance, $"double reference vs ONNX Runtime: {result.DoubleVsEngine} exceeds {Tolerance:E0}");
    }

    /// <summary>
    /// The grid-wide maxima, one line per engine pair, so that the margin under the bound is visible in
    /// the test log (<c>dotnet test --logger "console;verbosity=detailed"</c>) and not only pass/fail.
    /// </summary>
    [Fact]
    public void Largest_difference_across_the_grid_is_within_tolerance()
    {
        var results = ParityGrid.Cases.Select(c => (Case: c, Result: ParityGrid.ResultOf(c))).ToList();
        var worstFloat = results.MaxBy(r => r.Result.FloatVsEngine.Value);
        var worstDouble = results.MaxBy(r => r.Result.DoubleVsEngine.Value);
        var worstRounding = results.MaxBy(r => r.Result.FloatVsDouble.Value);

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime parity over {results.Count} configurations (bound {Tolerance:E0}):"));
        _output.WriteLine($"  largest |Δ| float  reference vs ORT: {worstFloat.Result.FloatVsEngine} — {worstFloat.Case}");
        _output.WriteLine($"  largest |Δ| double reference vs ORT: {worstDouble.Result.DoubleVsEngine} — {worstDouble.Case}");
        _output.WriteLine($"  largest |Δ| float vs double reference: {worstRounding.Result.FloatVsDouble} — {worstRounding.Case}");

        Assert.True(worstFloat.Result.FloatVsEngine.Value <= Tolerance, $"float reference vs ONNX Runtime: {worstFloat.Result.FloatVsEngine} in {worstFloat.Case}");
        Assert.True(worstDouble.Result.DoubleVsEngine.Value <= Tolerance, $"double reference vs ONNX Runtime: {worstDouble.Result.DoubleVsEngine} in {worstDouble.Case}");
    }
}
