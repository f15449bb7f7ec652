using System.Reflection;
using System.Text;

namespace GruNative.TestKit;

/// <summary>
/// Every set of weights the tests use, each defined by (spec, seed, preprocessing): the weights are
/// <c>ModelWeights.CreateRandom(spec, seed, preprocessing)</c>, and the committed JSON files under tests/GruNative.Consumer.Tests/Weights/ are
/// exactly <c>JsonWeights.Format</c> of them (UTF-8, no BOM, LF line ends). To regenerate the committed files
/// after changing a definition or the JSON writer, run
/// <code>GRUNATIVE_UPDATE_WEIGHTS=1 dotnet test tests/GruNative.Consumer.Tests --filter CommittedWeights</code>
/// and rebuild (the generator bakes the files at compile time).
/// </summary>
public static class WeightsCatalog
{
    public const string UpdateVariable = "GRUNATIVE_UPDATE_WEIGHTS";

    /// <summary>Baked into <see cref="BakedGru"/>; no preprocessing metadata.</summary>
    public static readonly WeightsDefinition BakedGru = new(
        "baked_gru.weights.json", new ModelSpec(CellKind.Gru, 1, 32, 2, 24), seed: 101, preprocessing: null);

    /// <summary>Baked into <see cref="BakedLstm"/>, with every kind of preprocessing metadata.</summary>
    public static readonly WeightsDefinition BakedLstm = new(
        "baked_lstm.weights.json", new ModelSpec(CellKind.Lstm, 3, 20, 1, 4), seed: 202, preprocessing: LstmPreprocessing());

    /// <summary>Baked into <see cref="Plant.Station.Sensor"/>.</summary>
    public static readonly WeightsDefinition StationSensor = new(
        "station_sensor.weights.json", new ModelSpec(CellKind.Gru, 2, 9, 1, 3), seed: 505, preprocessing: null);

    /// <summary>Loaded into <see cref="WideGru"/> (never written to the repository).</summary>
    public static readonly WeightsDefinition WideGru = new(
        null, new ModelSpec(CellKind.Gru, 5, 72, 2, 12), seed: 303, preprocessing: null);

    /// <summary>Loaded into <see cref="OddLstm"/> (never written to the repository).</summary>
    public static readonly WeightsDefinition OddLstm = new(
        null, new ModelSpec(CellKind.Lstm, 2, 13, 3, 3), seed: 404, preprocessing: null);

    public static IReadOnlyList<WeightsDefinition> Baked => [BakedGru, BakedLstm, StationSensor];

    /// <summary>Input columns HUFL, HULL, OT; targets OT, HUFL; 48-step lookback; 2-step horizon (O = 2 × 2).</summary>
    public static Preprocessing LstmPreprocessing() => new(
        inputColumns:
        [
            new ColumnScaler("HUFL", 7.375141116, 7.067744),
            new ColumnScaler("HULL", 2.242087962, 2.0424),
            new ColumnScaler("OT", 17.12845938, 9.17260503),
        ],
        targetColumns:
        [
            new ColumnScaler("OT", 17.12845938, 9.17260503),
            new ColumnScaler("HUFL", 7.375141116, 7.067744),
        ],
        lookback: 48,
        horizon: 2);

    /// <summary>
    /// The directory of tests/GruNative.Consumer.Tests' sources, where Weights/ is committed (baked into this assembly at
    /// build time by GruNative.TestKit.csproj).
    /// </summary>
    public static string ProjectDirectory =>
        typeof(WeightsCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ConsumerTestsDirectory").Value!;

    /// <summary>The copy of a committed weights file beside the test assembly.</summary>
    public static string OutputPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "Weights", fileName);
}

/// <summary>A deterministic set of weights; <see cref="FileName"/> is set when it is committed under Weights/.</summary>
public sealed class WeightsDefinition(string? fileName, ModelSpec spec, int seed, Preprocessing? preprocessing)
{
    private readonly Lazy<ModelWeights> _weights = new(() => ModelWeights.CreateRandom(spec, seed, preprocessing));

    public string? FileName => fileName;

    public ModelSpec Spec => spec;

    /// <summary>CreateRandom(Spec, seed, preprocessing), made once (thread-safe).</summary>
    public ModelWeights Weights => _weights.Value;

    /// <summary>The exact bytes of the committed file.</summary>
    public byte[] FormatBytes() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(JsonWeights.Format(Weights));

    public override string ToString() => FileName ?? spec.ToString();
}
