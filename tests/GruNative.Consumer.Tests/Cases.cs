using GruNative.Consumer.Tests.Plant;
using GruNative.Kernels;

namespace GruNative.Consumer.Tests;

/// <summary>
/// Every declared model as the tests use it, by name: the baked instances, the loaded models, and the loaded twins
/// of the baked ones (same weights through FromWeights). Instances are made once and shared, as an application would.
/// </summary>
public static class Cases
{
    private static readonly Lazy<IReadOnlyDictionary<string, ModelHarness>> All = new(Create);

    public static ModelHarness Get(string name) => All.Value[name];

    /// <summary>Names of every model instance the tests exercise.</summary>
    public static readonly string[] Names =
    [
        "BakedGru.Baked", "BakedLstm.Baked", "Station.Sensor.Baked",
        "WideGru", "OddLstm",
        "LoadedGruTwin", "LoadedLstmTwin", "Station.SensorTwin",
        "BakedGruBf16.Baked", "WideGruBf16", "OddLstmBf16",
    ];

    public static TheoryData<string> NameData() => new(Names);

    /// <summary>
    /// The models of <see cref="Names"/> and three more whose many-stream kernels block streams in every way the plan
    /// can (paired groups, single groups with k split, both in one kernel), with random weights.
    /// </summary>
    public static readonly string[] StreamNames = [.. Names, "StreamsGru", "StreamsLstm", "StreamsMixedGru", "StreamsGruBf16", "StreamsLstmBf16"];

    public static TheoryData<string> StreamNameData() => new(StreamNames);

    public static TheoryData<string, VectorPath> NameAndPathData()
    {
        var data = new TheoryData<string, VectorPath>();
        foreach (string name in Names)
        {
            foreach (var path in Enum.GetValues<VectorPath>())
                data.Add(name, path);
        }
        return data;
    }

    private static Dictionary<string, ModelHarness> Create()
    {
        var gru = WeightsCatalog.BakedGru.Weights;
        var lstm = WeightsCatalog.BakedLstm.Weights;
        var sensor = WeightsCatalog.StationSensor.Weights;
        var wide = WeightsCatalog.WideGru.Weights;
        var odd = WeightsCatalog.OddLstm.Weights;
        ModelHarness[] harnesses =
        [
            new ModelHarness<BakedGru, BakedGru.State>("BakedGru.Baked", BakedGru.Baked, gru),
            new ModelHarness<BakedLstm, BakedLstm.State>("BakedLstm.Baked", BakedLstm.Baked, lstm),
            new ModelHarness<Station.Sensor, Station.Sensor.State>("Station.Sensor.Baked", Station.Sensor.Baked, sensor),
            new ModelHarness<WideGru, WideGru.State>("WideGru", WideGru.FromWeights(wide), wide),
            new ModelHarness<OddLstm, OddLstm.State>("OddLstm", OddLstm.FromWeights(odd), odd),
            new ModelHarness<LoadedGruTwin, LoadedGruTwin.State>("LoadedGruTwin", LoadedGruTwin.FromWeights(gru), gru),
            new ModelHarness<LoadedLstmTwin, LoadedLstmTwin.State>("LoadedLstmTwin", LoadedLstmTwin.FromWeights(lstm), lstm),
            new ModelHarness<Station.SensorTwin, Station.SensorTwin.State>("Station.SensorTwin", Station.SensorTwin.FromWeights(sensor), sensor),
            Random<StreamsGru, StreamsGru.State>("StreamsGru", seed: 21),
            Random<StreamsLstm, StreamsLstm.State>("StreamsLstm", seed: 22),
            Random<StreamsMixedGru, StreamsMixedGru.State>("StreamsMixedGru", seed: 23),
            // bfloat16 models: the harness holds the weights they compute with, the layers' weights rounded.
            new ModelHarness<BakedGruBf16, BakedGruBf16.State>("BakedGruBf16.Baked", BakedGruBf16.Baked, BFloat16Reference.RoundLayers(gru)),
            Bf16<WideGruBf16, WideGruBf16.State>("WideGruBf16", wide),
            Bf16<OddLstmBf16, OddLstmBf16.State>("OddLstmBf16", odd),
            Bf16<StreamsGruBf16, StreamsGruBf16.State>("StreamsGruBf16", ModelWeights.CreateRandom(StreamsGruBf16.Spec, 24)),
            Bf16<StreamsLstmBf16, StreamsLstmBf16.State>("StreamsLstmBf16", ModelWeights.CreateRandom(StreamsLstmBf16.Spec, 25)),
        ];
        return harnesses.ToDictionary(h => h.Name);
    }

    private static ModelHarness<TModel, TState> Random<TModel, TState>(string name, int seed)
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState>
    {
        var weights = ModelWeights.CreateRandom(TModel.Spec, seed);
        return new ModelHarness<TModel, TState>(name, TModel.FromWeights(weights, name), weights);
    }

    // A bfloat16 model from fp32 weights, with the harness holding them rounded as the model computes with them.
    private static ModelHarness<TModel, TState> Bf16<TModel, TState>(string name, ModelWeights weights)
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState> =>
        new(name, TModel.FromWeights(weights, name), BFloat16Reference.RoundLayers(weights));

    /// <summary>
    /// Every way to get the weights of a baked definition into a model: the baked instance, the baked type's own
    /// FromWeights/Load, and the loaded twin through FromWeights (of the generated weights and of the committed JSON
    /// file), Load(bytes), Load(stream) and Load(path) of a saved safetensors file.
    /// </summary>
    public static IReadOnlyList<ModelHarness> Variants(string definition, string directory) => definition switch
    {
        "baked_gru" => Variants<BakedGru, BakedGru.State, LoadedGruTwin, LoadedGruTwin.State>(WeightsCatalog.BakedGru, directory),
        "baked_lstm" => Variants<BakedLstm, BakedLstm.State, LoadedLstmTwin, LoadedLstmTwin.State>(WeightsCatalog.BakedLstm, directory),
        "station_sensor" => Variants<Station.Sensor, Station.Sensor.State, Station.SensorTwin, Station.SensorTwin.State>(WeightsCatalog.StationSensor, directory),
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, null),
    };

    private static List<ModelHarness> Variants<TBaked, TBakedState, TLoaded, TLoadedState>(WeightsDefinition definition, string directory)
        where TBaked : class, IRecurrentForecaster<TBaked, TBakedState>, IBakedForecaster<TBaked>
        where TBakedState : struct, IRecurrentState<TBakedState>
        where TLoaded : class, IRecurrentForecaster<TLoaded, TLoadedState>
        where TLoadedState : struct, IRecurrentState<TLoadedState>
    {
        var weights = definition.Weights;
        var fromJson = JsonWeights.Read(WeightsCatalog.OutputPath(definition.FileName!));
        byte[] bytes = SafeTensorsWeights.ToBytes(weights);
        string path = Path.Combine(directory, definition.FileName! + ".safetensors");
        SafeTensorsWeights.Save(weights, path);
        using var stream = new MemoryStream(bytes);
        return
        [
            new ModelHarness<TBaked, TBakedState>($"{typeof(TBaked).Name}.Baked", TBaked.Baked, weights),
            new ModelHarness<TBaked, TBakedState>($"{typeof(TBaked).Name}.FromWeights", TBaked.FromWeights(weights, "generated"), weights),
            new ModelHarness<TBaked, TBakedState>($"{typeof(TBaked).Name}.Load(bytes)", TBaked.Load(bytes), weights),
            new ModelHarness<TLoaded, TLoadedState>($"{typeof(TLoaded).Name}.FromWeights", TLoaded.FromWeights(weights, "generated"), weights),
            new ModelHarness<TLoaded, TLoadedState>($"{typeof(TLoaded).Name}.FromWeights(committed JSON)", TLoaded.FromWeights(fromJson, "json"), fromJson),
            new ModelHarness<TLoaded, TLoadedState>($"{typeof(TLoaded).Name}.Load(bytes)", TLoaded.Load(bytes), weights),
            new ModelHarness<TLoaded, TLoadedState>($"{typeof(TLoaded).Name}.Load(stream)", TLoaded.Load(stream), weights),
            new ModelHarness<TLoaded, TLoadedState>($"{typeof(TLoaded).Name}.Load(path)", TLoaded.Load(path), weights),
        ];
    }
}
