using GruNative.Consumer.Tests.Plant;

namespace GruNative.Consumer.Tests;

/// <summary>
/// The baked weights under Weights/ are test inputs anyone can reproduce: each is JsonWeights.Format of
/// ModelWeights.CreateRandom(spec, seed, preprocessing) as defined in <see cref="WeightsCatalog"/>. Set
/// GRUNATIVE_UPDATE_WEIGHTS=1 to rewrite them instead of checking them (then rebuild, since they are baked).
/// </summary>
public class CommittedWeightsTests
{
    public static TheoryData<string> Files() => new(WeightsCatalog.Baked.Select(d => d.FileName!).Append(SegmentWeightsCatalog.BakedSegment.FileName!));

    [Theory]
    [MemberData(nameof(Files))]
    public void CommittedWeightsFileIsItsRegeneration(string fileName)
    {
        byte[] expected = fileName == SegmentWeightsCatalog.BakedSegment.FileName
            ? SegmentWeightsCatalog.BakedSegment.FormatBytes()
            : WeightsCatalog.Baked.Single(d => d.FileName == fileName).FormatBytes();
        string committed = Path.Combine(WeightsCatalog.ProjectDirectory, "Weights", fileName);
        if (Environment.GetEnvironmentVariable(WeightsCatalog.UpdateVariable) == "1")
        {
            File.WriteAllBytes(committed, expected);
            return;
        }
        Assert.True(File.Exists(committed), $"{committed} is missing; run with {WeightsCatalog.UpdateVariable}=1 to write it.");
        byte[] actual = File.ReadAllBytes(committed);
        int firstDifference = 0;
        while (firstDifference < Math.Min(actual.Length, expected.Length) && actual[firstDifference] == expected[firstDifference])
            firstDifference++;
        Assert.True(actual.AsSpan().SequenceEqual(expected),
            $"{committed} ({actual.Length} bytes) differs from its regeneration ({expected.Length} bytes) at byte {firstDifference}; " +
            $"run with {WeightsCatalog.UpdateVariable}=1 to rewrite it, then rebuild.");

        // The copy the loaded twins read is the committed file too.
        Assert.Equal(actual, File.ReadAllBytes(WeightsCatalog.OutputPath(fileName)));
    }

    [Fact]
    public void CommittedWeightsStaySmall()
    {
        long total = WeightsCatalog.Baked.Sum(d => new FileInfo(Path.Combine(WeightsCatalog.ProjectDirectory, "Weights", d.FileName!)).Length);
        Assert.InRange(total, 1, 300 * 1024);
    }

    [Fact]
    public void BakedPreprocessingIsTheFilesMetadata()
    {
        var expected = WeightsCatalog.LstmPreprocessing();
        var baked = BakedLstm.Baked.Preprocessing;
        Assert.NotNull(baked);
        Assert.Equal(expected, baked);
        Assert.Equal(["HUFL", "HULL", "OT"], baked.InputColumns.Select(c => c.Name));
        Assert.Equal(["OT", "HUFL"], baked.TargetColumns.Select(c => c.Name));
        Assert.Equal(expected.InputColumns.Select(c => c.Mean), baked.InputColumns.Select(c => c.Mean));
        Assert.Equal(expected.InputColumns.Select(c => c.StandardDeviation), baked.InputColumns.Select(c => c.StandardDeviation));
        Assert.Equal(expected.TargetColumns.Select(c => c.Mean), baked.TargetColumns.Select(c => c.Mean));
        Assert.Equal(expected.TargetColumns.Select(c => c.StandardDeviation), baked.TargetColumns.Select(c => c.StandardDeviation));
        Assert.Equal(48, baked.Lookback);
        Assert.Equal(2, baked.Horizon);

        // Loaded the same weights carry the same metadata; files without it give null.
        var bytes = SafeTensorsWeights.ToBytes(WeightsCatalog.BakedLstm.Weights);
        Assert.Equal(expected, LoadedLstmTwin.Load(bytes).Preprocessing);
        Assert.Equal(expected, BakedLstm.Load(bytes).Preprocessing);
        Assert.Equal(expected, LoadedLstmTwin.FromWeights(JsonWeights.Read(WeightsCatalog.OutputPath("baked_lstm.weights.json"))).Preprocessing);
        Assert.Null(BakedGru.Baked.Preprocessing);
        Assert.Null(Station.Sensor.Baked.Preprocessing);
        Assert.Null(WideGru.FromWeights(WeightsCatalog.WideGru.Weights).Preprocessing);
    }

    [Fact]
    public void GeneratedConstantsDescribeTheDeclarations()
    {
        Assert.Equal((1, 32, 2, 24, 64), (BakedGru.InputSize, BakedGru.HiddenSize, BakedGru.Layers, BakedGru.OutputSize, BakedGru.StateLength));
        Assert.Equal((3, 20, 1, 4, 40), (BakedLstm.InputSize, BakedLstm.HiddenSize, BakedLstm.Layers, BakedLstm.OutputSize, BakedLstm.StateLength));
        Assert.Equal((5, 72, 2, 12, 144), (WideGru.InputSize, WideGru.HiddenSize, WideGru.Layers, WideGru.OutputSize, WideGru.StateLength));
        Assert.Equal((2, 13, 3, 3, 78), (OddLstm.InputSize, OddLstm.HiddenSize, OddLstm.Layers, OddLstm.OutputSize, OddLstm.StateLength));
        Assert.Equal((2, 9, 1, 3, 9), (Station.Sensor.InputSize, Station.Sensor.HiddenSize, Station.Sensor.Layers, Station.Sensor.OutputSize, Station.Sensor.StateLength));
        Assert.Equal(WeightsCatalog.BakedGru.Spec, BakedGru.Spec);
        Assert.Equal(WeightsCatalog.BakedLstm.Spec, BakedLstm.Spec);
        Assert.Equal(WeightsCatalog.StationSensor.Spec, Station.Sensor.Spec);
        Assert.Equal(WeightsCatalog.WideGru.Spec, WideGru.Spec);
        Assert.Equal(WeightsCatalog.OddLstm.Spec, OddLstm.Spec);
        Assert.Equal(BakedGru.Spec, LoadedGruTwin.Spec);
        Assert.Equal(BakedLstm.Spec, LoadedLstmTwin.Spec);
        Assert.Equal(Station.Sensor.Spec, Station.SensorTwin.Spec);
        foreach (string name in Cases.Names)
        {
            var harness = Cases.Get(name);
            Assert.Equal(harness.Spec, harness.DeclaredSpec);
            Assert.Equal(harness.Spec.StateSize, harness.StateLength);
        }

        // The baked instance is one shared object; the nested type keeps its place.
        Assert.Same(BakedGru.Baked, BakedGru.Baked);
        Assert.Equal("GruNative.Consumer.Tests.Plant.Station+Sensor", typeof(Station.Sensor).FullName);
        Assert.Equal("GruNative.Consumer.Tests.Plant.Station+Sensor+State", typeof(Station.Sensor.State).FullName);
    }
}
