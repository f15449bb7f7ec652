using GruNative.Reference;
using static GruNative.Tests.Weights.SegmentTestKit;

namespace GruNative.Tests.Weights;

/// <summary>
/// Segment models through the weights formats: the tensor list against the documented layout, files saved by the official
/// code (no metadata) loading with the lookback given and forecasting as the oracle does, and round trips of GruNative's
/// own safetensors and JSON files.
/// </summary>
public class SegmentWeightsTests
{
    [Theory]
    [MemberData(nameof(AllCases), MemberType = typeof(SegmentTestKit))]
    public void Expected_tensors_are_the_official_state_dict_in_its_order(SegmentCase c)
    {
        var expected = StateDictLayout(c);
        var actual = SegmentTensors.Expected(c.Spec);
        Assert.Equal(expected.Select(t => t.Name), actual.Select(t => t.Key));
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Shape, actual[i].Value);
    }

    public static TheoryData<SegmentCase, bool> CasesAndOrders()
    {
        var data = new TheoryData<SegmentCase, bool>();
        foreach (var c in Cases)
        {
            data.Add(c, false);
            data.Add(c, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndOrders))]
    public void An_official_state_dict_file_loads_with_the_lookback_and_forecasts_as_the_oracle(SegmentCase c, bool sortedByName)
    {
        // save_file writes the tensors sorted by name (all are F32); the state_dict order must load as well.
        var tensors = Tensors(c);
        byte[] file = OfficialFile(sortedByName ? tensors.OrderBy(t => t.Name, StringComparer.Ordinal) : tensors);
        var sizes = new SegmentWindowSizes(lookback: c.Lookback, horizon: c.Recurrent ? c.Horizon : null);

        var model = SafeTensorsSegmentWeights.Read(file, Source, sizes);

        Assert.Equal(c.Spec, model.Spec);
        Assert.Null(model.Preprocessing);
        Assert.Empty(model.ExtraMetadata);
        foreach (var (name, _, values) in tensors)
            Assert.Equal(SafeTensorsTestKit.Bits(values), SafeTensorsTestKit.Bits(model.Tensor(name)));

        var oracle = Oracle(c, new SegmentModelWeights(c.Spec, ByName(tensors)));
        float[] window = Window(c.Lookback, 31);
        double[] expected = oracle.Forecast([.. window.Select(v => (double)v)], c.Channels > 0 ? c.Channels - 1 : null);
        var actual = new double[c.Horizon];
        new SegmentReferenceModel<double>(model).Forecast([.. window.Select(v => (double)v)], c.Channels > 0 ? c.Channels - 1 : null, actual);
        for (int t = 0; t < c.Horizon; t++)
            Assert.True(Math.Abs(expected[t] - actual[t]) <= 1e-12, $"step {t}: {actual[t]:R}, oracle {expected[t]:R}");
    }

    [Theory]
    [InlineData("gru-pmf")]
    [InlineData("lstm-rmf")]
    public void An_official_file_on_disk_loads_through_the_path_reader(string name)
    {
        var c = Case(name);
        using var folder = new TempFolder();
        string path = folder.File("segrnn.safetensors");
        File.WriteAllBytes(path, OfficialFile(Tensors(c)));
        var model = SafeTensorsSegmentWeights.Read(path, new SegmentWindowSizes(c.Lookback, c.Horizon));
        Assert.Equal(c.Spec, model.Spec);
    }

    [Fact]
    public void An_official_file_without_the_lookback_is_refused_naming_the_key_and_how_to_give_it()
    {
        var c = Case("gru-pmf");
        Fails(() => SafeTensorsSegmentWeights.Read(OfficialFile(Tensors(c)), Source, default), Source, WeightsMetadata.Lookback,
            "not in the tensors", "SegmentWindowSizes");
    }

    [Fact]
    public void A_recurrent_decoding_file_without_the_horizon_is_refused_naming_the_key()
    {
        var c = Case("lstm-rmf");
        Fails(() => SafeTensorsSegmentWeights.Read(OfficialFile(Tensors(c)), Source, new SegmentWindowSizes(lookback: c.Lookback)), Source,
            WeightsMetadata.Horizon, "recurrent decoding", "horizon");
    }

    public static TheoryData<SegmentCase, ReadVia> CasesAndReaders()
    {
        var data = new TheoryData<SegmentCase, ReadVia>();
        foreach (var c in Cases)
        {
            foreach (var via in new[] { ReadVia.Span, ReadVia.NonSeekableStream, ReadVia.Path })
                data.Add(c, via);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndReaders))]
    public void Safetensors_round_trip_keeps_everything_and_needs_no_sizes(SegmentCase c, ReadVia via)
    {
        var model = SegmentModel(c, Scalers(c.Channels > 0 ? c.Channels : 2, c.Lookback, c.Horizon), new Dictionary<string, string> { ["format"] = "pt" });
        SegmentModelWeights read;
        if (via == ReadVia.Path)
        {
            using var folder = new TempFolder();
            string path = folder.File("model.safetensors");
            SafeTensorsSegmentWeights.Save(model, path);
            Assert.Equal(["model.safetensors"], folder.Entries());   // atomic: no temporary file left behind
            read = SafeTensorsSegmentWeights.Read(path);
        }
        else
        {
            byte[] bytes = SafeTensorsSegmentWeights.ToBytes(model);
            read = via == ReadVia.Span
                ? SafeTensorsSegmentWeights.Read(bytes, Source, default)
                : SafeTensorsSegmentWeights.Read(new NonSeekableStream(bytes, 5), Source, default);
        }
        AssertSameModel(model, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void Prediction_intervals_of_every_channel_round_trip_through_both_formats(int? scaleSteps)
    {
        // 2 levels × (H = 6 steps × 3 channels), step-major as the forecast; scale-adaptive with k = 3 < L = 8.
        var c = Case("gru-pmf-ids");
        double[] offsets = [.. Enumerable.Range(0, 2 * 6 * 3).Select(i => 0.1 + 0.01 * i)];
        var intervals = new PredictionIntervals([0.8, 0.95], offsets, scaleSteps);
        var model = SegmentModel(c, Scalers(3).WithIntervals(intervals));
        var fromSafeTensors = SafeTensorsSegmentWeights.Read(SafeTensorsSegmentWeights.ToBytes(model), Source, default);
        AssertSameModel(model, fromSafeTensors);
        Assert.Equal(intervals, fromSafeTensors.Preprocessing!.Intervals);
        AssertSameModel(model, JsonSegmentWeights.Parse(JsonSegmentWeights.Format(model), "model.json", default));
    }

    [Fact]
    public void Intervals_that_do_not_cover_every_step_of_every_channel_are_refused()
    {
        var c = Case("gru-pmf-ids");
        var eighteen = new PredictionIntervals([0.8], [.. Enumerable.Repeat(0.5, 18)]);
        byte[] bytes = SafeTensorsSegmentWeights.ToBytes(SegmentModel(c, Scalers(3).WithIntervals(eighteen)));
        // Rewrite the offsets for 6 outputs (one channel's) under the same header size: the reader counts them against H · C.
        var file = SafeTensorsFile.Parse(bytes);
        var metadata = new Dictionary<string, string>(file.Metadata) { [WeightsMetadata.IntervalOffsets] = "[0.5,0.5,0.5,0.5,0.5,0.5]" };
        var edited = new SafeTensorsFile(file.Tensors, metadata);
        Fails(() => SafeTensorsSegmentWeights.FromFile(edited, Source, default), Source, WeightsMetadata.IntervalOffsets, "6 offset(s)", "18 output(s)");
        Assert.Contains("describe 6 output(s)", Assert.Throws<ArgumentException>(() =>
            SegmentModel(c, Scalers(3).WithIntervals(new PredictionIntervals([0.8], [.. Enumerable.Repeat(0.5, 6)])))).Message);
    }

    [Fact]
    public void The_written_metadata_describes_the_model_with_the_documented_keys()
    {
        var c = Case("lstm-pmf-ids");
        var file = SafeTensorsFile.Parse(SafeTensorsSegmentWeights.ToBytes(SegmentModel(c, Scalers(3))));
        var expected = new Dictionary<string, string>
        {
            ["grunative.format_version"] = "1", ["grunative.architecture"] = "segrnn", ["grunative.cell"] = "lstm",
            ["grunative.hidden_size"] = "6", ["grunative.lookback"] = "8", ["grunative.horizon"] = "6",
            ["grunative.segment_length"] = "2", ["grunative.decoding"] = "pmf", ["grunative.channels"] = "3",
            ["grunative.input_columns"] = "[\"ch0\",\"ch1\",\"ch2\"]", ["grunative.input_mean"] = "[-3.5,6.5,16.5]",
            ["grunative.input_std"] = "[0.5,1.5,2.5]", ["grunative.target_columns"] = "[\"ch0\",\"ch1\",\"ch2\"]",
            ["grunative.target_mean"] = "[-3.5,6.5,16.5]", ["grunative.target_std"] = "[0.5,1.5,2.5]",
        };
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), file.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(StateDictLayout(c).Select(t => t.Name).Order(StringComparer.Ordinal), file.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(file.Tensors, t => Assert.Equal("F32", t.DType));
    }

    [Theory]
    [MemberData(nameof(AllCases), MemberType = typeof(SegmentTestKit))]
    public void Json_round_trip_keeps_everything(SegmentCase c)
    {
        var model = SegmentModel(c, Scalers(c.Channels > 0 ? c.Channels : 1), new Dictionary<string, string> { ["note"] = "a \"quoted\" value" });
        string json = JsonSegmentWeights.Format(model);
        AssertSameModel(model, JsonSegmentWeights.Parse(json, "model.json", default));

        using var folder = new TempFolder();
        string path = folder.File("model.weights.json");
        JsonSegmentWeights.Save(model, path);
        AssertSameModel(model, JsonSegmentWeights.Read(path));
        // The JSON twin and the safetensors file hold the same tensors and metadata.
        AssertSameModel(JsonSegmentWeights.Read(path), SafeTensorsSegmentWeights.Read(SafeTensorsSegmentWeights.ToBytes(model), Source, default));
    }

    [Fact]
    public void A_caller_may_pass_the_sizes_it_expects_to_a_file_that_says_them()
    {
        var c = Case("gru-rmf");
        byte[] bytes = SafeTensorsSegmentWeights.ToBytes(SegmentModel(c));
        Assert.Equal(c.Spec, SafeTensorsSegmentWeights.Read(bytes, Source, new SegmentWindowSizes(c.Lookback, c.Horizon)).Spec);
    }
}
