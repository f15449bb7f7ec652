using Xunit.Abstractions;

namespace GruNative.Parity.Tests;

/// <summary>
/// The reference forecaster, in float and in double, against ONNX Runtime's GRU/LSTM kernels on the whole grid
/// (<see cref="ParitySuite"/>): every step's top-layer h, every layer's final state and the head's forecast must agree
/// within <see cref="Tolerance"/>. ONNX Runtime shares no code with GruNative, and its operators are specified
/// independently of PyTorch, so agreement here is evidence that the reference has PyTorch's semantics rather than a
/// self-consistent mistake.
/// </summary>
public sealed class OnnxParityTests
{
    /// <summary>The bound on max |Δ|, for float and double reference alike.</summary>
    public const double Tolerance = ParitySuite.Tolerance;

    private readonly ITestOutputHelper _output;

    public OnnxParityTests(ITestOutputHelper output) => _output = output;

    /// <summary>Every case of the grid, one xunit test case each (<see cref="ParityCase"/> is serialisable).</summary>
    public static TheoryData<ParityCase> Grid => [.. ParityGrid.Cases];

    [Theory]
    [MemberData(nameof(Grid))]
    public void Reference_matches_OnnxRuntime(ParityCase parityCase) =>
        ParitySuite.CheckCase(OnnxParityEngine.Instance, parityCase, _output);

    /// <summary>The grid-wide maxima, so that the margin under the bound is visible in the test log, not only pass/fail.</summary>
    [Fact]
    public void Largest_difference_across_the_grid_is_within_tolerance() =>
        ParitySuite.CheckGrid(OnnxParityEngine.Instance, _output);
}
