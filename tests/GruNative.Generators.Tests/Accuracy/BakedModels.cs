using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Accuracy;

/// <summary>
/// Models with baked weights, compiled once for the tests of the "Baked models" collection: each baked from the
/// JSON file of a known <see cref="ModelWeights"/>, which the tests also load at run time.
/// </summary>
public sealed class BakedModels : IDisposable
{
    internal static readonly (ModelCase Model, Preprocessing? Preprocessing)[] Cases =
    [
        (new(CellKind.Gru, 3, 40, 2, 5, "gru40.json"), new Preprocessing(
            inputColumns: [new ColumnScaler("HUFL", 7.375, 2.125), new ColumnScaler("HULL", 2.25, 1.0 / 3), new ColumnScaler("OT", 17.1, 8.5)],
            targetColumns: [new ColumnScaler("OT", 17.1, 8.5)],
            lookback: 96,
            horizon: 5)),
        (new(CellKind.Lstm, 2, 9, 3, 4, "lstm9.json"), new Preprocessing(
            inputColumns: [new ColumnScaler("load \"kW\" \\ total", -1e-300, 1e300), new ColumnScaler("température µ", double.Epsilon, 5e-324)],
            targetColumns: [new ColumnScaler("a", 0.1, 0.2), new ColumnScaler("b", -0.0, 1)],
            horizon: 2)),
        (new(CellKind.Gru, 1, 1, 1, 1, "gru1.json"), null),
        (new(CellKind.Lstm, 5, 33, 2, 6, "nested/lstm33.json"), new Preprocessing(lookback: 7)),
    ];

    public BakedModels()
    {
        Weights = Cases.Select((c, i) => ModelWeights.CreateRandom(c.Model.Spec, seed: 100 + i, c.Preprocessing)).ToArray();
        var files = Cases.Select((c, i) => (AdditionalText)new InMemoryAdditionalText("/project/weights/" + c.Model.WeightsFile, JsonWeights.Format(Weights[i])));
        var run = GeneratorHarness.Run(Cases.Select(c => c.Model.Source()), files, OptimizationLevel.Release);
        Assembly = CompiledAssembly.Load(run);
    }

    internal CompiledAssembly Assembly { get; }

    /// <summary>The weights each case's JSON file was written from.</summary>
    internal ModelWeights[] Weights { get; }

    public void Dispose() => Assembly.Dispose();
}

[CollectionDefinition("Baked models")]
public sealed class BakedModelsCollection : ICollectionFixture<BakedModels>;
