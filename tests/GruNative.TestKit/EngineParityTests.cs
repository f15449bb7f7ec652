using Xunit.Abstractions;

namespace GruNative.TestKit;

/// <summary>
/// The parity tests of one engine, written once over <see cref="ParitySuite"/>: a parity project derives a test class
/// that supplies its <see cref="IParityEngine"/>, and xunit runs these methods there.
/// </summary>
public abstract class EngineParityTests(IParityEngine engine, ITestOutputHelper output)
{
    /// <summary>The bound on max |Δ|, for the float and the double reference alike.</summary>
    public const double Tolerance = ParitySuite.Tolerance;

    /// <summary>Every case of the grid, one xunit test case each (<see cref="ParityCase"/> is serialisable).</summary>
    public static TheoryData<ParityCase> Grid => [.. ParityGrid.Cases];

    [Theory]
    [MemberData(nameof(Grid))]
    public void Reference_matches_the_engine(ParityCase parityCase) =>
        ParitySuite.CheckCase(engine, parityCase, output);

    /// <summary>The grid-wide maxima, so the margin under the bound shows in the test log, not only pass or fail.</summary>
    [Fact]
    public void Largest_difference_across_the_grid_is_within_tolerance() =>
        ParitySuite.CheckGrid(engine, output);
}
