namespace GruNative.Tests.Weights;

public class JsonWeightsTests
{
    private static ModelWeights Model(CellKind cell, int layers) => ModelWeights.CreateRandom(
        new ModelSpec(cell, 2, 5, layers, 6), seed: layers,
        new Preprocessing([new("load \"A\", kW", 1.5, 0.25), new("température", -3, 7)], [new("OT", 20.1, 3.3)], lookback: 96, horizon: 6));

    [Theory]
    [InlineData(CellKind.Gru, 1)]
    [InlineData(CellKind.Lstm, 3)]
    public void Round_trips_bit_exactly_and_agrees_with_safetensors(CellKind cell, int layers)
    {
        var original = Model(cell, layers);
        var fromJson = JsonWeights.Parse(JsonWeights.Format(original));
        var fromSafeTensors = SafeTensorsWeights.Read(SafeTensorsWeights.ToBytes(original));

        foreach (var other in new[] { fromJson, fromSafeTensors })
        {
            Assert.Equal(original.Spec, other.Spec);
            Assert.Equal(original.Preprocessing, other.Preprocessing);
            for (int k = 0; k < layers; k++)
            {
                Assert.Equal(Bits(original.Layers[k].WeightIh), Bits(other.Layers[k].WeightIh));
                Assert.Equal(Bits(original.Layers[k].WeightHh), Bits(other.Layers[k].WeightHh));
                Assert.Equal(Bits(original.Layers[k].BiasIh), Bits(other.Layers[k].BiasIh));
                Assert.Equal(Bits(original.Layers[k].BiasHh), Bits(other.Layers[k].BiasHh));
            }
            Assert.Equal(Bits(original.HeadWeight), Bits(other.HeadWeight));
            Assert.Equal(Bits(original.HeadBias), Bits(other.HeadBias));
        }
    }

    [Fact]
    public void Loads_a_file_without_metadata_and_keeps_foreign_metadata()
    {
        const string json = """
            {"__metadata__": {"format": "pt"},
             "rnn.weight_ih_l0": {"dtype": "F32", "shape": [3, 1], "data": [0.5, -0.25, 1e-3]},
             "rnn.weight_hh_l0": {"dtype": "F32", "shape": [3, 1], "data": [1, 2, 3]},
             "rnn.bias_ih_l0": {"dtype": "F32", "shape": [3], "data": [0, 0, 0]},
             "rnn.bias_hh_l0": {"dtype": "F32", "shape": [3], "data": [0, 0, -0]},
             "head.weight": {"dtype": "F32", "shape": [2, 1], "data": [0.1, 0.2]},
             "head.bias": {"dtype": "F32", "shape": [2], "data": [0, 1]}}
            """;
        var weights = JsonWeights.Parse(json);
        Assert.Equal(new ModelSpec(CellKind.Gru, 1, 1, 1, 2), weights.Spec);
        Assert.Equal(0.001f, weights.Layers[0].WeightIh[2]);
        Assert.Equal("pt", weights.ExtraMetadata["format"]);
        Assert.Contains("\"format\": \"pt\"", JsonWeights.Format(weights));
    }

    [Theory]
    [InlineData("", 1, 1, "expected a weights file is one JSON object")]
    [InlineData("{\"__metadata__\": {}, }", 1, 22, "expected a tensor name")]                     // trailing comma
    [InlineData("{\n  \"head.bias\": {\"dtype\": \"F32\", \"shape\": [2], \"data\": [1, NaN]}}", 2, 59, "expected a number")]
    [InlineData("{\n  \"head.bias\": {\"dtype\": \"F32\", \"shape\": [2], \"data\": [1]}}", 2, 55, "data holds 1 value(s)")]
    [InlineData("{\"head.bias\": {\"dtype\": \"F16\", \"shape\": [1], \"data\": [1]}}", 1, 16, "F16")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [1e39]}}", 1, 47, "outside float32's range")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [[1]]}}", 1, 47, "expected a number")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [1], \"x\": 1}}", 1, 51, "unknown field")]
    [InlineData("{} // comment", 1, 4, "content after the JSON object")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data\": [1]}, \"a\": {}}", 1, 52, "appears twice")]
    public void Reports_syntax_errors_with_line_and_column(string json, int line, int column, string problem)
    {
        var error = Assert.Throws<WeightsFormatException>(() => JsonWeights.Parse(json, "model.json"));
        Assert.Contains($"line {line}, column {column}", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith("model.json", error.Message);
    }

    // A dimension is an integer token, as in the reference safetensors reader (serde_json reads -0, 1.0 and 1e2 as floats
    // and its usize fields refuse them); the column points at the token.
    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("2.0")]
    [InlineData("2e0")]
    [InlineData("2E0")]
    [InlineData("20e-1")]
    [InlineData("0.2e1")]
    [InlineData("-2")]
    [InlineData("2147483648")]
    public void Refuses_a_dimension_that_is_not_an_integer_token(string dimension)
    {
        string json = $"{{\"head.bias\": {{\"dtype\": \"F32\", \"shape\": [{dimension}], \"data\": [1, 2]}}}}";
        var error = Assert.Throws<WeightsFormatException>(() => JsonWeights.Parse(json, "model.json"));
        Assert.Contains($"line 1, column 42: shape holds \"{dimension}\", not a non-negative integer", error.Message);
        Assert.Equal("head.bias", error.TensorName);
    }

    [Fact]
    public void Rejects_deep_nesting_at_once()
    {
        string json = "{\"a\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.Throws<WeightsFormatException>(() => JsonWeights.Parse(json));
    }

    [Fact]
    public void Model_level_errors_name_the_tensor()
    {
        string json = JsonWeights.Format(Model(CellKind.Gru, 1)).Replace("\"head.bias\"", "\"head.bias2\"");
        var error = Assert.Throws<WeightsFormatException>(() => JsonWeights.Parse(json));
        Assert.Equal("head.bias", error.TensorName);
    }

    [Fact]
    public void Saves_atomically_and_reads_back()
    {
        string folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            string path = Path.Combine(folder, "model.weights.json");
            var model = Model(CellKind.Lstm, 2);
            JsonWeights.Save(model, path);
            Assert.Equal(model.Spec, JsonWeights.Read(path).Spec);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
