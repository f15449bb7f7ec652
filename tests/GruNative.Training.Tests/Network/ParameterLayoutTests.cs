using GruNative.Training.Network;

namespace GruNative.Training.Tests.Network;

public class ParameterLayoutTests
{
    [Theory]
    [InlineData(CellKind.Gru, 1, 32, 1, 24)]
    [InlineData(CellKind.Gru, 3, 5, 2, 4)]
    [InlineData(CellKind.Lstm, 7, 16, 3, 1)]
    public void Tensors_are_PyTorchs_in_state_dict_order_back_to_back(CellKind cell, int input, int hidden, int layers, int outputSize)
    {
        var spec = new ModelSpec(cell, input, hidden, layers, outputSize);
        var layout = new ParameterLayout(spec);
        var expected = PyTorchTensors.Expected(spec);

        Assert.Same(spec, layout.Spec);
        Assert.Equal(expected.Count, layout.Tensors.Count);
        int offset = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            var tensor = layout.Tensors[i];
            Assert.Equal(expected[i].Key, tensor.Name);
            Assert.Equal(expected[i].Value.Select(d => (int)d), tensor.Shape);
            Assert.Equal(offset, tensor.Offset);
            Assert.Equal((int)expected[i].Value.Aggregate(1L, (a, b) => a * b), tensor.Length);
            Assert.Equal(tensor.Shape.Count == 1, tensor.IsBias);
            Assert.Same(tensor, layout[tensor.Name]);
            offset += tensor.Length;
        }
        Assert.Equal(offset, layout.Length);
        Assert.Equal(spec.ParameterCount, layout.Length);
    }

    [Fact]
    public void Named_accessors_return_the_tensors_of_that_name()
    {
        var layout = new ParameterLayout(new ModelSpec(CellKind.Lstm, 2, 3, 2, 5));
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(PyTorchTensors.WeightIh(k), layout.WeightIh(k).Name);
            Assert.Equal(PyTorchTensors.WeightHh(k), layout.WeightHh(k).Name);
            Assert.Equal(PyTorchTensors.BiasIh(k), layout.BiasIh(k).Name);
            Assert.Equal(PyTorchTensors.BiasHh(k), layout.BiasHh(k).Name);
        }
        Assert.Equal([12, 2], layout.WeightIh(0).Shape);
        Assert.Equal([12, 3], layout.WeightIh(1).Shape);
        Assert.Equal(PyTorchTensors.HeadWeight, layout.HeadWeight.Name);
        Assert.Equal([5, 3], layout.HeadWeight.Shape);
        Assert.Equal(PyTorchTensors.HeadBias, layout.HeadBias.Name);
        Assert.Equal(layout.Length - 5, layout.HeadBias.Offset);
    }

    [Fact]
    public void Unknown_names_and_layers_are_rejected()
    {
        var layout = new ParameterLayout(new ModelSpec(CellKind.Gru, 1, 4, 1, 1));
        var missing = Assert.Throws<KeyNotFoundException>(() => layout["rnn.weight_ih_l1"]);
        Assert.Contains("rnn.weight_ih_l1", missing.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.WeightHh(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.BiasIh(-1));
    }

    [Fact]
    public void Slice_selects_the_tensors_range()
    {
        var layout = new ParameterLayout(new ModelSpec(CellKind.Gru, 1, 2, 1, 1));
        var values = Enumerable.Range(0, layout.Length).Select(i => (float)i).ToArray();
        var bias = layout.BiasHh(0);
        Assert.Equal(values.Skip(bias.Offset).Take(bias.Length), bias.Slice<float>(values).ToArray());
    }
}
