namespace GruNative.Tests.Model;

public class ModelSpecTests
{
    [Theory]
    // PyTorch: sum(p.numel() for p in nn.GRU(1, 32, 2).parameters()) = 9696, nn.Linear(32, 24) has 792.
    [InlineData(CellKind.Gru, 1, 32, 2, 24, 9696 + 792)]
    // nn.LSTM(7, 64, 1) = 4·64·(7 + 64 + 2) = 18688; nn.Linear(64, 1) = 65.
    [InlineData(CellKind.Lstm, 7, 64, 1, 1, 18688 + 65)]
    // nn.GRU(3, 1, 3): layer 0 = 3·(3 + 1 + 2) = 18, layers 1–2 = 3·(1 + 1 + 2) = 12 each; nn.Linear(1, 2) = 4.
    [InlineData(CellKind.Gru, 3, 1, 3, 2, 18 + 12 + 12 + 4)]
    public void Parameter_count_matches_PyTorch(CellKind cell, int input, int hidden, int layers, int output, long expected) =>
        Assert.Equal(expected, new ModelSpec(cell, input, hidden, layers, output).ParameterCount);

    [Fact]
    public void Flops_per_step_counts_every_multiply_add_twice()
    {
        // GRU I=1, H=8, L=1, O=1: 2·3·8·(1 + 8) + 2·8·1 = 432 + 16.
        Assert.Equal(448, new ModelSpec(CellKind.Gru, 1, 8, 1, 1).FlopsPerStep);
        // LSTM I=8, H=64, L=2, O=24: 2·4·64·(8 + 64) + 2·4·64·(64 + 64) + 2·64·24.
        Assert.Equal(2 * 4 * 64 * 72 + 2 * 4 * 64 * 128 + 2 * 64 * 24, new ModelSpec(CellKind.Lstm, 8, 64, 2, 24).FlopsPerStep);
    }

    [Fact]
    public void State_size_counts_h_and_for_lstm_c()
    {
        Assert.Equal(2 * 32, new ModelSpec(CellKind.Gru, 1, 32, 2, 1).StateSize);
        Assert.Equal(2 * 2 * 32, new ModelSpec(CellKind.Lstm, 1, 32, 2, 1).StateSize);
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 0, 1, 1)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(1, 1, 1, 0)]
    [InlineData(1, ModelLimits.MaxDimension + 1, 1, 1)]
    [InlineData(1, 1, ModelLimits.MaxLayers + 1, 1)]
    [InlineData(-5, 1, 1, 1)]
    public void Rejects_sizes_out_of_range(int input, int hidden, int layers, int output) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelSpec(CellKind.Gru, input, hidden, layers, output));

    [Fact]
    public void Rejects_an_undefined_cell_kind() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelSpec((CellKind)7, 1, 1, 1, 1));

    [Fact]
    public void Has_value_equality()
    {
        var a = new ModelSpec(CellKind.Lstm, 3, 16, 2, 4);
        Assert.Equal(a, new ModelSpec(CellKind.Lstm, 3, 16, 2, 4));
        Assert.Equal(a.GetHashCode(), new ModelSpec(CellKind.Lstm, 3, 16, 2, 4).GetHashCode());
        Assert.NotEqual(a, new ModelSpec(CellKind.Gru, 3, 16, 2, 4));
        Assert.NotEqual(a, new ModelSpec(CellKind.Lstm, 3, 16, 1, 4));
        Assert.Equal("LSTM(I=3, H=16, L=2) → Dense(16 → 4)", a.ToString());
    }

    [Fact]
    public void Layer_input_size_is_I_for_layer_zero_and_H_above()
    {
        var spec = new ModelSpec(CellKind.Gru, 3, 16, 3, 4);
        Assert.Equal(3, spec.LayerInputSize(0));
        Assert.Equal(16, spec.LayerInputSize(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => spec.LayerInputSize(3));
    }
}
