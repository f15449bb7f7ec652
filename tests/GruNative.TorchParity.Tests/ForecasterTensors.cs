using static TorchSharp.torch;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// Moves parameters between a <see cref="ModelWeights"/> and a <see cref="TorchForecaster"/>'s state_dict,
/// keyed by <see cref="PyTorchTensors"/>' names — the mapping a PyTorch user relies on.
/// </summary>
public static class ForecasterTensors
{
    /// <summary>Every tensor of <paramref name="weights"/> with its PyTorch name and shape, in canonical order.</summary>
    public static IEnumerable<(string Name, long[] Shape, float[] Values)> Of(ModelWeights weights)
    {
        var spec = weights.Spec;
        var expected = PyTorchTensors.Expected(spec)
            .ToDictionary(e => e.Key, e => e.Value);
        for (int k = 0; k < spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            yield return Entry(PyTorchTensors.WeightIh(k), layer.WeightIh);
            yield return Entry(PyTorchTensors.WeightHh(k), layer.WeightHh);
            yield return Entry(PyTorchTensors.BiasIh(k), layer.BiasIh);
            yield return Entry(PyTorchTensors.BiasHh(k), layer.BiasHh);
        }
        yield return Entry(PyTorchTensors.HeadWeight, weights.HeadWeight);
        yield return Entry(PyTorchTensors.HeadBias, weights.HeadBias);

        (string, long[], float[]) Entry(string name, ReadOnlySpan<float> values) => (name, expected[name], values.ToArray());
    }

    /// <summary>
    /// Overwrites every parameter of <paramref name="module"/> with <paramref name="weights"/>' values
    /// (in place, without autograd, as <c>with torch.no_grad(): p.copy_(w)</c>). The state_dict must hold
    /// exactly the expected names and shapes, so no parameter can be left at its random initial value.
    /// </summary>
    public static void CopyInto(ModelWeights weights, TorchForecaster module)
    {
        var state = module.state_dict();
        var tensors = Of(weights).ToList();
        Assert.Equal(tensors.Select(t => t.Name).Order(), state.Keys.Order());

        using var noGrad = no_grad();
        foreach (var (name, shape, values) in tensors)
        {
            Assert.Equal(shape, state[name].shape);
            using var source = tensor(values, shape);
            state[name].copy_(source);
        }
    }

    /// <summary>Every tensor of the module's state_dict, copied out as float32 values in C order.</summary>
    public static Dictionary<string, float[]> Read(TorchForecaster module) =>
        module.state_dict().ToDictionary(e => e.Key, e => e.Value.contiguous().data<float>().ToArray());
}
