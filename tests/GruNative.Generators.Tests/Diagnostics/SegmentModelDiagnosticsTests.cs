using System.Text.Json.Nodes;
using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// Every way a [SegmentModel] declaration or its baked weights file can be wrong is a compile-time diagnostic with an ID,
/// pointing at the attribute (the declaration) or into the file, with a message that says what to change. Metadata cases
/// are also rejected by the runtime's own reader, so the generated <c>Preprocessing</c> cannot fail at start-up.
/// </summary>
public class SegmentModelDiagnosticsTests
{
    private const string Path = "/project/segment.json";

    private static SegmentModelWeights Weights(SegmentModelSpec spec, Preprocessing? preprocessing = null)
    {
        var random = new Random(3);
        var tensors = SegmentTensors.Expected(spec).ToDictionary(
            t => t.Key, t => Enumerable.Range(0, (int)t.Value.Aggregate(1L, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        return new SegmentModelWeights(spec, tensors, preprocessing);
    }

    private static readonly SegmentModelSpec Declared = new(CellKind.Gru, 8, 4, 2, 6, SegmentDecoding.Parallel, 2);

    private static readonly string Json = JsonSegmentWeights.Format(Weights(Declared));

    private const string Baked = "namespace N; [GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 2, 6, Channels = 2, WeightsFile = \"segment.json\")] public partial class Forecaster;";

    [Fact]
    public void A_valid_declaration_and_file_generate_without_diagnostics()
    {
        var run = GeneratorHarness.Run(Baked, (Path, Json));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Single(run.Sources);
    }

    [Theory]
    [InlineData("GRUN012", "GruNative.CellKind.Gru, 10, 4, 4, 8", "The lookback (10) must be a multiple of the segment length (4)")]
    [InlineData("GRUN012", "GruNative.CellKind.Gru, 8, 6, 4, 8", "The horizon (6) must be a multiple of the segment length (4)")]
    [InlineData("GRUN012", "GruNative.CellKind.Gru, 8, 4, 4, 8, Decoding = GruNative.SegmentDecoding.Recurrent, Channels = 3", "Channel ids apply to parallel (PMF) decoding only; recurrent decoding has no channel embedding")]
    [InlineData("GRUN012", "GruNative.CellKind.Lstm, 8, 4, 4, 7, Channels = 3", "With channel ids, pos_emb and channel_emb take d/2 values each, so d (7) must be even")]
    [InlineData("GRUN012", "(GruNative.CellKind)5, 8, 4, 4, 8", "cell 5 is not a CellKind: use CellKind.Gru or CellKind.Lstm")]
    [InlineData("GRUN012", "GruNative.CellKind.Gru, 8, 4, 4, 8, Decoding = (GruNative.SegmentDecoding)9", "Decoding 9 is not a SegmentDecoding: use SegmentDecoding.Parallel or SegmentDecoding.Recurrent")]
    [InlineData("GRUN012", "GruNative.CellKind.Gru, 8, 4, 4, 8, Channels = -1", "Channels is -1; it is the number of channels with a channel embedding, or 0 for no channel ids")]
    [InlineData("GRUN003", "GruNative.CellKind.Gru, 8, 4, 4, 4096", "hiddenSize is 4096; it must be between 1 and 2048")]
    [InlineData("GRUN003", "GruNative.CellKind.Gru, 0, 4, 4, 8", "lookback is 0; it must be between 1 and 16384")]
    [InlineData("GRUN003", "GruNative.CellKind.Gru, 8, 4, 5000, 8", "segmentLength is 5000; it must be between 1 and 4096")]
    [InlineData("GRUN003", "GruNative.CellKind.Gru, 16384, 16, 16, 8, Channels = 3", "the history (lookback × Channels, in floats) is 49152; it must be between 1 and 32768")]
    public void GRUN012_sizes_that_do_not_fit_together_and_GRUN003_sizes_beyond_the_kernel_limits(string id, string arguments, string problem)
    {
        string source = $"namespace N; [GruNative.SegmentModel({arguments})] public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource(id, source, "GruNative.SegmentModel(");
        Assert.Equal($"[SegmentModel] on 'N.Forecaster': {problem}", diagnostic.GetMessage());
    }

    [Fact]
    public void GRUN001_a_type_that_is_not_partial()
    {
        const string source = "namespace N; [GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 4, 8)] public class Forecaster { }";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN001", source, "Forecaster {");
        Assert.Contains("[SegmentModel]", diagnostic.GetMessage());
    }

    [Fact]
    public void GRUN002_a_member_the_generated_code_declares()
    {
        const string source = "namespace N; [GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 4, 8)] public partial class Forecaster { public int History; }";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN002", source, "Forecaster {");
        Assert.Equal("'N.Forecaster' cannot be a GruNative model: it declares 'History', which the generated code declares too", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[GruNative.GruModel(1, 8, 1)] [GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 4, 8)]", "both [GruModel] and [SegmentModel]")]
    [InlineData("[GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 4, 8), GruNative.LstmModel(1, 8, 1)]", "both [LstmModel] and [SegmentModel]")]
    [InlineData("[GruNative.GruModel(1, 8, 1), GruNative.LstmModel(1, 8, 1), GruNative.SegmentModel(GruNative.CellKind.Gru, 8, 4, 4, 8)]", "[GruModel], [LstmModel] and [SegmentModel]")]
    public void GRUN010_is_reported_once_at_the_SegmentModel_attribute(string attributes, string list)
    {
        string source = $"{attributes} public partial class Forecaster;";
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN010", source, "GruNative.SegmentModel(");
        Assert.Equal($"'Forecaster' carries {list}; a type declares one model", diagnostic.GetMessage());
    }

    [Fact]
    public void GRUN004_a_weights_file_that_is_not_among_the_additional_files()
    {
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN004", Baked, "GruNative.SegmentModel(");
        Assert.Contains("\"segment.json\"", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("GruNative.CellKind.Lstm, 8, 4, 2, 6, Channels = 2", "SegRNN LSTM L=8 H=4 w=2 d=6 PMF C=2")]
    [InlineData("GruNative.CellKind.Gru, 8, 4, 2, 6", "SegRNN GRU L=8 H=4 w=2 d=6 PMF")]
    [InlineData("GruNative.CellKind.Gru, 8, 4, 2, 6, Channels = 3", "SegRNN GRU L=8 H=4 w=2 d=6 PMF C=3")]
    [InlineData("GruNative.CellKind.Gru, 8, 6, 2, 6, Channels = 2", "SegRNN GRU L=8 H=6 w=2 d=6 PMF C=2")]
    public void GRUN008_a_file_of_another_segment_model(string arguments, string declared)
    {
        string source = $"namespace N; [GruNative.SegmentModel({arguments}, WeightsFile = \"segment.json\")] public partial class Forecaster;";
        DiagnosticAssert.DeclaredButHolds(source, "GruNative.SegmentModel(", (Path, Json), declared, Declared.ToString());
    }

    [Fact]
    public void GRUN008_a_plain_recurrent_forecasters_file_names_the_attribute_to_use()
    {
        var plain = TestWeights.Json(CellKind.Gru, 1, 6, 1, 4);
        DiagnosticAssert.DeclaredButHolds(Baked, "GruNative.SegmentModel(", (Path, plain), Declared.ToString(),
            "GRU(I=1, H=6, L=1) → Dense(6 → 4) (a plain recurrent forecaster: declare it with [GruModel] or [LstmModel])");
    }

    [Theory]
    [InlineData("predict.1.bias", new[] { 3 }, "shape [3] differs from the expected [2]")]
    [InlineData("rnn.weight_hh_l0", new[] { 18, 5 }, "shape [18, 5] differs from the expected [18, 6]")]
    [InlineData("valueEmbedding.0.weight", new[] { 6 }, "shape [6] is not [d, w] with 1 ≤ d, w ≤ 16384")]
    public void GRUN007_a_tensor_of_the_wrong_shape_is_pointed_at_in_the_file(string tensor, int[] shape, string problem)
    {
        string json = TestWeights.Edit(Json, root => root.SetTensor(tensor, shape));
        var diagnostic = GeneratorHarness.Run(Baked, (Path, json)).SingleDiagnostic("GRUN007");
        Assert.Equal($"'N.Forecaster': tensor '{tensor}' in segment.json: {problem}", diagnostic.GetMessage());
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void GRUN007_a_left_over_tensor()
    {
        string json = TestWeights.Edit(Json, root => root.SetTensor("extra.weight", 2));
        var diagnostic = GeneratorHarness.Run(Baked, (Path, json)).SingleDiagnostic("GRUN007");
        Assert.Contains("'extra.weight'", diagnostic.GetMessage());
    }

    private static Action<JsonObject> Set(params (string Key, string Value)[] entries) => root =>
    {
        foreach (var (key, value) in entries)
            root.Metadata()["grunative." + key] = value;
    };

    public static TheoryData<string, Action<JsonObject>, string> MetadataCases() => new()
    {
        { "unknown key", Set(("colour", "red")), "colour" },
        { "plain model's key", Set(("num_layers", "1")), "num_layers" },
        { "window normalisation", Set(("window_normalization", "last")), "window_normalization" },
        { "another family", Set(("architecture", "tft")), "architecture" },
        { "newer format", Set(("format_version", "2")), "format_version" },
        { "other cell", Set(("cell", "lstm")), "cell" },
        { "other decoding", Set(("decoding", "rmf")), "decoding" },
        { "unknown decoding", Set(("decoding", "beam")), "decoding" },
        { "other segment length", Set(("segment_length", "4")), "segment_length" },
        { "other channel count", Set(("channels", "3")), "channels" },
        { "lookback not a number", Set(("lookback", "eight")), "lookback" },
        { "columns without scalers", Set(("input_columns", "[\"a\",\"b\"]")), "input_columns" },
        { "targets other than inputs", Set(("input_columns", "[\"a\",\"b\"]"), ("input_mean", "[0,0]"), ("input_std", "[1,1]"),
            ("target_columns", "[\"b\",\"a\"]"), ("target_mean", "[0,0]"), ("target_std", "[1,1]")), "target_columns" },
        { "three columns for two channel ids", Set(("input_columns", "[\"a\",\"b\",\"c\"]"), ("input_mean", "[0,0,0]"), ("input_std", "[1,1,1]"),
            ("target_columns", "[\"a\",\"b\",\"c\"]"), ("target_mean", "[0,0,0]"), ("target_std", "[1,1,1]")), "input_columns" },
        { "intervals for no channels", Set(("interval_levels", "[0.8]"), ("interval_offsets", "[1,1,1,1]")), "interval_offsets" },
    };

    [Theory]
    [MemberData(nameof(MetadataCases))]
    public void GRUN011_metadata_the_runtime_would_refuse(string _, Action<JsonObject> edit, string key)
    {
        string json = TestWeights.Edit(Json, edit);
        var runtime = Assert.Throws<WeightsFormatException>(() => JsonSegmentWeights.Parse(json, "segment.json", new SegmentWindowSizes(8, 4)));
        var diagnostic = GeneratorHarness.Run(Baked, (Path, json)).SingleDiagnostic("GRUN011");
        Assert.Equal($"segment.json: metadata '{runtime.TensorName}': {runtime.Problem}", diagnostic.GetMessage());
        Assert.Equal("grunative." + key, runtime.TensorName);
        DiagnosticAssert.AtFileStart(diagnostic, Path);
    }
}
