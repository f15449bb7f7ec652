using System.Reflection;
using GruNative.TestKit;

namespace GruNative.Samples.Tests;

/// <summary>
/// The weights committed in samples/GettingStarted, each defined by (spec, seed) as in the Consumer tests'
/// <see cref="WeightsCatalog"/>: the weights are <c>ModelWeights.CreateRandom(spec, seed)</c>; the committed
/// <c>name.weights.json</c> is exactly <c>JsonWeights.Format</c> of them (UTF-8, no BOM, LF line ends) and
/// <c>name.safetensors</c> exactly <c>SafeTensorsWeights.ToBytes</c>. To regenerate the four files after changing a
/// definition or a writer, run
/// <code>GRUNATIVE_UPDATE_WEIGHTS=1 dotnet test tests/GruNative.Samples.Tests -c Release --filter CommittedWeights</code>
/// and rebuild (the generator bakes the JSON files at compile time).
/// </summary>
public static class SampleWeights
{
    /// <summary>Baked into GettingStarted.GruForecaster, and loaded into it from safetensors.</summary>
    public static readonly WeightsDefinition Gru = new(
        "gru_forecaster.weights.json", new ModelSpec(CellKind.Gru, 1, 32, 1, 6), seed: 2401, preprocessing: null);

    /// <summary>Baked into GettingStarted.LstmForecaster, and loaded into it from safetensors.</summary>
    public static readonly WeightsDefinition Lstm = new(
        "lstm_forecaster.weights.json", new ModelSpec(CellKind.Lstm, 2, 16, 2, 4), seed: 2402, preprocessing: null);

    public static IReadOnlyList<WeightsDefinition> All => [Gru, Lstm];

    /// <summary>The safetensors twin of a definition's JSON file: <c>name.weights.json</c> → <c>name.safetensors</c>.</summary>
    public static string SafeTensorsName(WeightsDefinition definition) =>
        definition.FileName![..^".weights.json".Length] + ".safetensors";

    /// <summary>samples/GettingStarted in the source tree (baked in at build time), where the files are committed.</summary>
    public static string SampleDirectory =>
        typeof(SampleWeights).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SampleDirectory").Value!;

    /// <summary>A committed file of the sample.</summary>
    public static string Committed(string fileName) => Path.Combine(SampleDirectory, fileName);

    /// <summary>The copy of a sample file beside the tests (the sample's safetensors come with its build output).</summary>
    public static string Copied(string fileName) => Path.Combine(AppContext.BaseDirectory, fileName);
}
