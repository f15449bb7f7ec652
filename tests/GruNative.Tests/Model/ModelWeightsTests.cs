namespace GruNative.Tests.Model;

public class ModelWeightsTests
{
    private static readonly ModelSpec Spec = new(CellKind.Gru, 2, 3, 1, 1);

    private static RecurrentLayerWeights Layer(int inputSize, float fill = 0.1f) => new(
        Enumerable.Repeat(fill, 9 * inputSize).ToArray(), Enumerable.Repeat(fill, 27).ToArray(),
        new float[9], new float[9]);

    [Fact]
    public void Copies_its_inputs()
    {
        var head = new float[] { 1, 2, 3 };
        var weights = new ModelWeights(Spec, [Layer(2)], head, new float[1]);
        head[0] = 99;
        Assert.Equal(1, weights.HeadWeight[0]);
    }

    [Fact]
    public void Rejects_tensors_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(3)], new float[3], new float[1]));
        Assert.Contains("rnn.weight_ih_l0", error.Message);
        Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(2)], new float[4], new float[1]));
        Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(2), Layer(3)], new float[3], new float[1]));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Rejects_non_finite_weights(float bad)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(2, bad)], new float[3], new float[1]));
        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void Rejects_preprocessing_that_does_not_fit_the_spec()
    {
        var threeInputs = new Preprocessing([new("a", 0, 1), new("b", 0, 1), new("c", 0, 1)]);
        Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(2)], new float[3], new float[1], threeInputs));
        var horizonTooLong = new Preprocessing(horizon: 2);
        Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(2)], new float[3], new float[1], horizonTooLong));
    }

    [Fact]
    public void Rejects_GruNative_keys_among_extra_metadata() =>
        Assert.Throws<ArgumentException>(() => new ModelWeights(Spec, [Layer(2)], new float[3], new float[1],
            extraMetadata: new Dictionary<string, string> { [WeightsMetadata.Cell] = "gru" }));

    [Fact]
    public void Random_initialisation_follows_PyTorch_bounds_and_is_deterministic()
    {
        var spec = new ModelSpec(CellKind.Lstm, 3, 16, 2, 4);
        var a = ModelWeights.CreateRandom(spec, seed: 7);
        var b = ModelWeights.CreateRandom(spec, seed: 7);
        float bound = 1 / MathF.Sqrt(16);
        for (int k = 0; k < spec.Layers; k++)
        {
            Assert.True(a.Layers[k].WeightHh.SequenceEqual(b.Layers[k].WeightHh));
            foreach (float w in a.Layers[k].WeightIh)
                Assert.InRange(w, -bound, bound);
        }
        Assert.False(a.HeadWeight.SequenceEqual(ModelWeights.CreateRandom(spec, seed: 8).HeadWeight));
    }
}
