using static GruNative.Tests.Weights.SegmentTestKit;

namespace GruNative.Tests.Weights;

/// <summary>
/// Files that are valid safetensors but not a valid segment model, and files of the other model family: each must fail
/// with <see cref="WeightsFormatException"/> naming the source, the tensor or metadata key at fault, and the problem.
/// </summary>
public class SegmentWeightsValidationTests
{
    /// <summary>A GruNative file of the case's model (with metadata) after <paramref name="edit"/> changed its tensors or metadata.</summary>
    private static byte[] Edited(string name, Action<List<(string Name, long[] Shape, float[] Values)>, Dictionary<string, string>> edit, bool channelsScaled = false)
    {
        var c = Case(name);
        var model = SegmentModel(c, channelsScaled ? Scalers(c.Channels) : null);
        var tensors = Tensors(c);
        var metadata = new Dictionary<string, string>(WeightsMetadata.Encode(model));
        edit(tensors, metadata);
        return OfficialFile(tensors, metadata);
    }

    private static void Replace(List<(string Name, long[] Shape, float[] Values)> tensors, string name, long[] shape)
    {
        int i = tensors.FindIndex(t => t.Name == name);
        tensors[i] = (name, shape, new float[shape.Aggregate(1L, (a, b) => a * b)]);
    }

    private static WeightsFormatException ReadFails(byte[] file, string key, params string[] fragments) =>
        Fails(() => SafeTensorsSegmentWeights.Read(file, Source, default), Source, key, fragments);

    // ---- tensors -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("predict.1.bias")]
    [InlineData("rnn.bias_hh_l0")]
    [InlineData("valueEmbedding.0.bias")]
    public void A_missing_tensor_is_named(string tensor) =>
        ReadFails(Edited("gru-pmf", (t, _) => t.RemoveAll(x => x.Name == tensor)), tensor, "missing");

    [Fact]
    public void A_left_over_tensor_is_named_never_ignored() =>
        ReadFails(Edited("lstm-pmf", (t, _) => t.Add(("head.weight", [2, 6], new float[12]))), "head.weight", "not part of", "never ignored");

    [Theory]
    [InlineData("predict.1.weight", new long[] { 2, 5 })]
    [InlineData("rnn.weight_hh_l0", new long[] { 18, 5 })]
    [InlineData("valueEmbedding.0.bias", new long[] { 7 })]
    public void A_misshapen_tensor_is_named(string tensor, long[] shape) =>
        ReadFails(Edited("gru-pmf", (t, _) => Replace(t, tensor, shape)), tensor, "shape");

    [Fact]
    public void A_tensor_that_is_not_f32_is_named()
    {
        var c = Case("gru-rmf");
        var tensors = Tensors(c).Select(t => t.Name == "predict.1.bias"
            ? new SafeTensor(t.Name, "F64", t.Shape, new byte[t.Values.Length * 8])
            : SafeTensor.FromFloat32(t.Name, t.Shape, t.Values)).ToList();
        byte[] file = new SafeTensorsFile(tensors, WeightsMetadata.Encode(SegmentModel(c))).ToBytes();
        ReadFails(file, "predict.1.bias", "F64", "F32");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_non_finite_weight_is_named_with_its_index(float bad) =>
        ReadFails(Edited("lstm-pmf-ids", (t, _) => t.Single(x => x.Name == "channel_emb").Values[4] = bad), "channel_emb", "index 4", "finite");

    [Fact]
    public void An_nn_RNN_state_dict_is_refused_naming_the_cell() =>
        ReadFails(Edited("gru-rmf", (t, _) =>
        {
            Replace(t, "rnn.weight_ih_l0", [6, 6]);
            Replace(t, "rnn.weight_hh_l0", [6, 6]);
        }), "rnn.weight_ih_l0", "nn.RNN", "GRU and LSTM");

    [Fact]
    public void A_half_width_pos_emb_without_channel_emb_names_the_missing_channel_emb() =>
        ReadFails(Edited("gru-pmf-ids", (t, m) =>
        {
            t.RemoveAll(x => x.Name == "channel_emb");
            m.Remove(WeightsMetadata.Channels);
        }), "channel_emb", "missing", "channel ids");

    [Fact]
    public void Channel_emb_without_pos_emb_is_refused_as_recurrent_decoding_has_no_channel_ids() =>
        ReadFails(Edited("gru-rmf", (t, _) => t.Insert(0, ("channel_emb", [3, 3], new float[9]))), "channel_emb", "parallel");

    [Fact]
    public void An_odd_d_with_channel_ids_is_refused_naming_channel_emb()
    {
        // d = 5: valueEmbedding [5, 2], rnn [15, 5], predict [2, 5]; pos_emb and channel_emb of width 2 (⌊d/2⌋).
        long[][] shapes = [[3, 2], [3, 2], [5, 2], [5], [15, 5], [15, 5], [15], [15], [2, 5], [2]];
        string[] names = ["pos_emb", "channel_emb", "valueEmbedding.0.weight", "valueEmbedding.0.bias", "rnn.weight_ih_l0", "rnn.weight_hh_l0",
            "rnn.bias_ih_l0", "rnn.bias_hh_l0", "predict.1.weight", "predict.1.bias"];
        var tensors = names.Zip(shapes, (n, s) => (n, s, new float[s.Aggregate(1L, (a, b) => a * b)]));
        Fails(() => SafeTensorsSegmentWeights.Read(OfficialFile(tensors), Source, new SegmentWindowSizes(8)), Source, "channel_emb", "d (5) must be even");
    }

    // ---- metadata that contradicts the tensors -------------------------------------------------------------------

    [Theory]
    [InlineData("gru-pmf-ids", "grunative.channels", "5", "says 5", "channel_emb gives 3")]
    [InlineData("gru-pmf", "grunative.channels", "2", "says 2", "channel ids off")]
    [InlineData("gru-pmf", "grunative.channels", "-1", "non-negative")]
    [InlineData("gru-pmf", "grunative.horizon", "8", "pos_emb's 3 segment(s)", "6")]
    [InlineData("gru-pmf", "grunative.lookback", "9", "multiple of the segment length")]
    [InlineData("gru-pmf", "grunative.lookback", "zero", "positive integer")]
    [InlineData("gru-pmf", "grunative.cell", "lstm", "says 'lstm'")]
    [InlineData("gru-pmf", "grunative.decoding", "rmf", "says 'rmf'", "pos_emb is present")]
    [InlineData("gru-rmf", "grunative.decoding", "pmf", "says 'pmf'", "pos_emb is absent")]
    [InlineData("gru-rmf", "grunative.decoding", "both", "not one of pmf, rmf")]
    [InlineData("gru-pmf", "grunative.segment_length", "3", "says 3", "give 2")]
    [InlineData("gru-pmf", "grunative.hidden_size", "8", "says 8", "give 6")]
    [InlineData("gru-pmf", "grunative.architecture", "transformer", "'transformer'", "not a model family")]
    [InlineData("gru-pmf", "grunative.format_version", "2", "not supported")]
    [InlineData("gru-pmf", "grunative.num_layers", "1", "plain recurrent forecaster's key")]
    [InlineData("gru-pmf", "grunative.output_size", "6", "plain recurrent forecaster's key")]
    [InlineData("gru-pmf", "grunative.window_normalization", "last", "last value itself", "none")]
    [InlineData("gru-pmf", "grunative.box_cox_columns", "[\"ch0\"]", "Box–Cox")]
    [InlineData("gru-pmf", "grunative.interval_levels", "[0.8]", "must appear together")]
    [InlineData("gru-pmf", "grunative.dropout", "0.5", "unknown GruNative metadata key")]
    public void Metadata_that_contradicts_the_tensors_or_the_family_is_named(string name, string key, string value, params string[] fragments) =>
        ReadFails(Edited(name, (_, m) => m[key] = value), key, fragments);

    [Fact]
    public void A_window_normalisation_of_none_is_accepted() =>
        Assert.NotNull(SafeTensorsSegmentWeights.Read(Edited("gru-pmf", (_, m) => m[WeightsMetadata.WindowNormalizationKey] = "none"), Source, default));

    [Fact]
    public void Target_columns_other_than_the_input_columns_are_refused() =>
        ReadFails(Edited("gru-pmf-ids", (_, m) => m[WeightsMetadata.TargetColumns] = "[\"ch0\",\"ch2\",\"ch1\"]", channelsScaled: true),
            WeightsMetadata.TargetColumns, "must be the input columns");

    [Fact]
    public void Columns_that_are_not_the_C_channels_are_refused() =>
        ReadFails(Edited("gru-pmf-ids", (_, m) =>
        {
            m[WeightsMetadata.InputColumns] = m[WeightsMetadata.TargetColumns] = "[\"a\",\"b\"]";
            m[WeightsMetadata.InputMean] = m[WeightsMetadata.TargetMean] = "[0,0]";
            m[WeightsMetadata.InputStd] = m[WeightsMetadata.TargetStd] = "[1,1]";
        }), WeightsMetadata.InputColumns, "2 column(s)", "3 channel(s)");

    [Fact]
    public void A_channel_scaled_differently_as_input_and_target_is_refused() =>
        ReadFails(Edited("gru-pmf-ids", (_, m) => m[WeightsMetadata.TargetStd] = "[0.5,1.5,9]", channelsScaled: true),
            WeightsMetadata.InputColumns, "standardised differently");

    // ---- the caller's sizes against the file --------------------------------------------------------------------

    [Fact]
    public void A_caller_lookback_other_than_the_file_s_is_refused_naming_the_key() =>
        Fails(() => SafeTensorsSegmentWeights.Read(SafeTensorsSegmentWeights.ToBytes(SegmentModel(Case("gru-pmf"))), Source, new SegmentWindowSizes(lookback: 16)),
            Source, WeightsMetadata.Lookback, "says 8", "caller expects 16");

    [Fact]
    public void A_caller_horizon_other_than_pos_emb_s_is_refused_naming_the_key() =>
        Fails(() => SafeTensorsSegmentWeights.Read(OfficialFile(Tensors(Case("lstm-pmf"))), Source, new SegmentWindowSizes(8, 4)),
            Source, WeightsMetadata.Horizon, "4 differs", "pos_emb's 3 segment(s)");

    [Fact]
    public void A_caller_lookback_that_is_not_a_multiple_of_w_is_refused() =>
        Fails(() => SafeTensorsSegmentWeights.Read(OfficialFile(Tensors(Case("lstm-pmf"))), Source, new SegmentWindowSizes(lookback: 7)),
            Source, WeightsMetadata.Lookback, "(7) must be a multiple of the segment length (2)");

    // ---- the other family ---------------------------------------------------------------------------------------

    [Fact]
    public void The_plain_readers_refuse_a_segment_file_naming_the_segment_reader()
    {
        var model = SegmentModel(Case("gru-pmf"));
        Fails(() => SafeTensorsWeights.Read(SafeTensorsSegmentWeights.ToBytes(model), Source), Source, WeightsMetadata.Architecture,
            "segment-recurrent", "SafeTensorsSegmentWeights");
        Fails(() => JsonWeights.Parse(JsonSegmentWeights.Format(model), "model.json"), "model.json", WeightsMetadata.Architecture,
            "JsonSegmentWeights");
        // An official state_dict (no metadata) is recognised by its tensors.
        Fails(() => SafeTensorsWeights.Read(OfficialFile(Tensors(Case("gru-pmf"))), Source), Source, "valueEmbedding.0.weight",
            "SafeTensorsSegmentWeights", "lookback");
    }

    [Fact]
    public void A_plain_file_is_refused_by_the_segment_readers_naming_the_plain_reader()
    {
        var plain = SafeTensorsTestKit.Gru();
        Fails(() => SafeTensorsSegmentWeights.Read(SafeTensorsWeights.ToBytes(plain), Source, default), Source, WeightsMetadata.Architecture,
            "plain recurrent forecaster", "SafeTensorsWeights");
        Fails(() => JsonSegmentWeights.Parse(JsonWeights.Format(plain), "plain.json", new SegmentWindowSizes(8)), "plain.json", WeightsMetadata.Architecture,
            "JsonWeights");
        // Without metadata, by its tensors: it has head.weight and no segment embedding.
        byte[] bare = new SafeTensorsFile(SafeTensorsSegmentWeightsTestTensors(plain)).ToBytes();
        Fails(() => SafeTensorsSegmentWeights.Read(bare, Source, new SegmentWindowSizes(8)), Source, "valueEmbedding.0.weight",
            "head.weight", "plain recurrent forecaster");
    }

    [Fact]
    public void A_plain_file_holding_a_segment_key_is_refused_naming_it() =>
        Fails(() => SafeTensorsWeights.Read(SafeTensorsTestKit.WithMetadata(SafeTensorsTestKit.Gru(), WeightsMetadata.SegmentLength, "4"), Source), Source,
            WeightsMetadata.SegmentLength, "segment model's key");

    [Fact]
    public void A_json_segment_file_is_checked_by_the_same_rules()
    {
        var c = Case("lstm-rmf");
        string json = JsonSegmentWeights.Format(SegmentModel(c)).Replace("\"grunative.channels\": \"0\"", "\"grunative.channels\": \"2\"");
        Fails(() => JsonSegmentWeights.Parse(json, "model.json", default), "model.json", WeightsMetadata.Channels, "says 2");
        var ex = Assert.Throws<WeightsFormatException>(() => JsonSegmentWeights.Parse("{\"pos_emb\": {", "broken.json", default));
        Assert.Contains("line 1", ex.Message);
    }

    private static IEnumerable<SafeTensor> SafeTensorsSegmentWeightsTestTensors(ModelWeights plain) =>
        SafeTensorsTestKit.TensorsOf(plain).Select(t => SafeTensor.FromFloat32(t.Name, t.Shape, t.Values));
}
