using Xunit.Abstractions;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// The reference forecaster, in float and in double, against libtorch — the engine PyTorch models are trained with —
/// on the whole grid (<see cref="ParitySuite"/>): every step's top-layer output, every layer's final state and the
/// head's forecast must agree within <see cref="Tolerance"/>. libtorch shares no code with GruNative, so agreement is
/// evidence that the reference has PyTorch's semantics and gate layout, not a self-consistent mistake.
/// </summary>
[Collection(LibtorchCollection.Name)]
public sealed class TorchParityTests
{
    /// <summary>The bound on max |Δ|, for the float and the double reference alike.</summary>
    public const double Tolerance = ParitySuite.Tolerance;

    private readonly ITestOutputHelper _output;

    public TorchParityTests(ITestOutputHelper output) => _output = output;

    /// <summary>Every case of the grid, one xunit test case each (<see cref="ParityCase"/> is serialisable).</summary>
    public static TheoryData<ParityCase> Grid => [.. ParityGrid.Cases];

    [Theory]
    [MemberData(nameof(Grid))]
    public void Reference_matches_libtorch(ParityCase parityCase) =>
        ParitySuite.CheckCase(LibtorchParityEngine.Instance, parityCase, _output);

    /// <summary>The grid-wide maxima, so the margin under the bound shows in the test log, not only pass or fail.</summary>
    [Fact]
    public void Largest_difference_across_the_grid_is_within_tolerance() =>
        ParitySuite.CheckGrid(LibtorchParityEngine.Instance, _output);
}
