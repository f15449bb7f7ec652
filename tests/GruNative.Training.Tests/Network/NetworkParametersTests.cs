using GruNative.Training.Network;

namespace GruNative.Training.Tests.Network;

public class NetworkParametersTests
{
    private static readonly ModelSpec Spec = new(CellKind.Lstm, 3, 6, 2, 4);

    [Fact]
    public void FromWeights_then_ToWeights_is_exact_in_float_and_double()
    {
        var weights = ModelWeights.CreateRandom(Spec, 42);
        AssertSameTensors(weights, NetworkParameters<float>.FromWeights(weights).ToWeights());
        AssertSameTensors(weights, NetworkParameters<double>.FromWeights(weights).ToWeights());
    }

    [Fact]
    public void Flat_values_are_the_tensors_at_their_layout_offsets()
    {
        var weights = ModelWeights.CreateRandom(Spec, 1);
        var parameters = NetworkParameters<double>.FromWeights(weights);
        var layout = parameters.Layout;
        Assert.Equal(layout.Length, parameters.Values.Length);
        for (int k = 0; k < Spec.Layers; k++)
        {
            Assert.Equal(EngineOutputs.Widen<float>(weights.Layers[k].WeightIh), layout.WeightIh(k).Slice<double>(parameters.Values).ToArray());
            Assert.Equal(EngineOutputs.Widen<float>(weights.Layers[k].WeightHh), layout.WeightHh(k).Slice<double>(parameters.Values).ToArray());
            Assert.Equal(EngineOutputs.Widen<float>(weights.Layers[k].BiasIh), layout.BiasIh(k).Slice<double>(parameters.Values).ToArray());
            Assert.Equal(EngineOutputs.Widen<float>(weights.Layers[k].BiasHh), layout.BiasHh(k).Slice<double>(parameters.Values).ToArray());
        }
        Assert.Equal(EngineOutputs.Widen<float>(weights.HeadWeight), layout.HeadWeight.Slice<double>(parameters.Values).ToArray());
        Assert.Equal(EngineOutputs.Widen<float>(weights.HeadBias), layout.HeadBias.Slice<double>(parameters.Values).ToArray());
    }

    [Fact]
    public void Initialize_is_PyTorchs_default_init_as_drawn_by_CreateRandom()
    {
        var initialized = NetworkParameters<float>.Initialize(Spec, 7);
        Assert.Equal(NetworkParameters<float>.FromWeights(ModelWeights.CreateRandom(Spec, 7)).Values, initialized.Values);
        Assert.NotEqual(initialized.Values, NetworkParameters<float>.Initialize(Spec, 8).Values);
        float bound = 1 / MathF.Sqrt(Spec.HiddenSize);
        Assert.All(initialized.Values, v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void ToWeights_carries_preprocessing_and_extra_metadata()
    {
        var preprocessing = new Preprocessing(lookback: 96, horizon: 4);
        var extra = new Dictionary<string, string> { ["format"] = "pt" };
        var weights = NetworkParameters<float>.Initialize(Spec, 3).ToWeights(preprocessing, extra);
        Assert.Equal(preprocessing, weights.Preprocessing);
        Assert.Equal("pt", weights.ExtraMetadata["format"]);
    }

    [Fact]
    public void ToWeights_rejects_values_that_do_not_fit_float32_instead_of_clamping_them()
    {
        var parameters = NetworkParameters<double>.Initialize(Spec, 3);
        parameters.Values[parameters.Layout.HeadBias.Offset] = 1e300;
        var error = Assert.Throws<ArgumentException>(() => parameters.ToWeights());
        Assert.Contains(PyTorchTensors.HeadBias, error.Message);

        parameters.Values[parameters.Layout.HeadBias.Offset] = double.NaN;
        Assert.Throws<ArgumentException>(() => parameters.ToWeights());
    }

    [Fact]
    public void Clone_is_a_deep_copy()
    {
        var parameters = NetworkParameters<float>.Initialize(Spec, 3);
        var copy = parameters.Clone();
        Assert.Same(parameters.Layout, copy.Layout);
        Assert.Equal(parameters.Values, copy.Values);
        copy.Values[0] += 1;
        Assert.NotEqual(parameters.Values[0], copy.Values[0]);
    }

    [Fact]
    public void New_parameters_are_zero()
    {
        var parameters = new NetworkParameters<double>(new ParameterLayout(Spec));
        Assert.All(parameters.Values, v => Assert.Equal(0.0, v));
    }

    private static void AssertSameTensors(ModelWeights expected, ModelWeights actual)
    {
        Assert.Equal(expected.Spec, actual.Spec);
        for (int k = 0; k < expected.Spec.Layers; k++)
        {
            AssertBitwise(expected.Layers[k].WeightIh, actual.Layers[k].WeightIh);
            AssertBitwise(expected.Layers[k].WeightHh, actual.Layers[k].WeightHh);
            AssertBitwise(expected.Layers[k].BiasIh, actual.Layers[k].BiasIh);
            AssertBitwise(expected.Layers[k].BiasHh, actual.Layers[k].BiasHh);
        }
        AssertBitwise(expected.HeadWeight, actual.HeadWeight);
        AssertBitwise(expected.HeadBias, actual.HeadBias);
    }

    private static void AssertBitwise(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }
}
