using GruNative.Training.Network;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>Every malformed call is refused with an <see cref="ArgumentException"/> that says what was expected.</summary>
public class NetworkArgumentTests
{
    private static readonly ModelSpec Spec = NetworkTestKit.Spec(CellKind.Lstm, 2, 4, 1, 3);
    private const int Lookback = 5, MaxBatch = 4;
    private readonly Network<float> _network = new(Spec, Lookback, MaxBatch);
    private readonly float[] _parameters = NetworkParameters<float>.Initialize(Spec, 1).Values;
    private readonly float[] _inputs = Uniform<float>(2 * Lookback * 2, 2);
    private readonly float[] _targets = new float[2 * 3];
    private readonly float[] _outputs = new float[2 * 3];

    private float[] Gradient() => new float[_network.Layout.Length];

    [Fact]
    public void Wrong_parameter_count()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(_parameters.AsSpan(1), _inputs, 2, _outputs));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains($"{_network.Layout.Length}", error.Message);
    }

    [Fact]
    public void Wrong_input_length()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(_parameters, _inputs.AsSpan(1), 2, _outputs));
        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("lookback 5", error.Message);
        Assert.Throws<ArgumentException>(() => _network.ForwardBackward(_parameters, _inputs, _targets, 1, Gradient()));
    }

    [Fact]
    public void Wrong_output_target_or_gradient_length()
    {
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => _network.Forward(_parameters, _inputs, 2, new float[5])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => _network.ForwardBackward(_parameters, _inputs, new float[7], 2, Gradient())).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => _network.ForwardBackward(_parameters, _inputs, _targets, 2, new float[3])).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(MaxBatch + 1)]
    public void Batch_out_of_range(int batch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _network.Forward(_parameters, _inputs, batch, _outputs));
        Assert.Equal("batch", error.ParamName);
        Assert.Contains($"1 to {MaxBatch}", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _network.ForwardBackward(_parameters, _inputs, _targets, batch, Gradient()));
    }

    [Fact]
    public void Parameters_of_another_model_shape()
    {
        _network.Forward(NetworkParameters<float>.Initialize(Spec, 2), _inputs, 2, _outputs);  // same spec: accepted

        // GRU(I=3, H=4) → Dense(4 → 7) has exactly as many parameters (143) as this LSTM, so a bare span cannot be told
        // apart by its length; NetworkParameters carries its layout, and the overloads taking it check the spec.
        var gru = NetworkParameters<float>.Initialize(NetworkTestKit.Spec(CellKind.Gru, 3, 4, 1, 7), 1);
        Assert.Equal(_network.Layout.Length, gru.Values.Length);
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(gru, _inputs, 2, _outputs));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("GRU(I=3, H=4, L=1)", error.Message);
        Assert.Contains("LSTM(I=2, H=4, L=1)", error.Message);
        Assert.Throws<ArgumentException>(() => _network.ForwardBackward(gru, _inputs, _targets, 2, Gradient()));

        // A span of another length is caught by its length.
        var other = NetworkParameters<float>.Initialize(NetworkTestKit.Spec(CellKind.Lstm, 2, 5, 1, 3), 1);
        Assert.Throws<ArgumentException>(() => _network.Forward(other.Values, _inputs, 2, _outputs));
    }

    [Fact]
    public void Gradient_overlapping_the_parameters()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.ForwardBackward(_parameters, _inputs, _targets, 2, _parameters));
        Assert.Equal("gradient", error.ParamName);
    }

    [Fact]
    public void Constructor_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new Network<float>(null!, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(Spec, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(Spec, 4, 0));
        var tooLarge = Assert.Throws<ArgumentException>(() => new Network<float>(NetworkTestKit.Spec(CellKind.Lstm, 1, 2048, 1, 1), 100_000, 4096));
        Assert.Contains("smaller batch", tooLarge.Message);
    }
}
