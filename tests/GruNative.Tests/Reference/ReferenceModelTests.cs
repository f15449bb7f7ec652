using GruNative.Reference;

namespace GruNative.Tests.Reference;

public class ReferenceModelTests
{
    // One unit, one input: each gate's weights are scalars, so PyTorch's equations can be written out by hand
    // below with Math.* — independent of the reference's row indexing and gate-block order.
    private static ModelWeights ScalarModel(CellKind cell, float[] wih, float[] whh, float[] bih, float[] bhh) =>
        new(new ModelSpec(cell, 1, 1, 1, 1), [new RecurrentLayerWeights(wih, whh, bih, bhh)], [1.5f], [0.25f]);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Gru_matches_PyTorch_equations_written_out_by_hand()
    {
        //                            r      z      n
        float[] wih = [0.5f, -0.3f, 0.8f], whh = [0.2f, 0.7f, -0.6f];
        float[] bih = [0.1f, 0.05f, -0.2f], bhh = [-0.1f, 0.3f, 0.4f];
        var model = new ReferenceModel<double>(ScalarModel(CellKind.Gru, wih, whh, bih, bhh));
        double[] xs = [1.0, -2.0, 0.5];

        double h = 0;
        foreach (double x in xs)
        {
            double r = Sigmoid(wih[0] * x + bih[0] + whh[0] * h + bhh[0]);
            double z = Sigmoid(wih[1] * x + bih[1] + whh[1] * h + bhh[1]);
            double n = Math.Tanh(wih[2] * x + bih[2] + r * (whh[2] * h + bhh[2]));
            h = (1 - z) * n + z * h;
        }

        var output = new double[1];
        model.Forecast(xs, output);
        Assert.Equal(1.5f * h + 0.25f, output[0], 1e-14);
    }

    [Fact]
    public void Lstm_matches_PyTorch_equations_written_out_by_hand()
    {
        //                            i      f      g      o
        float[] wih = [0.5f, -0.3f, 0.8f, 0.1f], whh = [0.2f, 0.7f, -0.6f, 0.9f];
        float[] bih = [0.1f, 0.05f, -0.2f, 0.0f], bhh = [-0.1f, 0.3f, 0.4f, -0.5f];
        var model = new ReferenceModel<double>(ScalarModel(CellKind.Lstm, wih, whh, bih, bhh));
        double[] xs = [1.0, -2.0, 0.5, 3.0];

        double h = 0, c = 0;
        foreach (double x in xs)
        {
            double i = Sigmoid(wih[0] * x + bih[0] + whh[0] * h + bhh[0]);
            double f = Sigmoid(wih[1] * x + bih[1] + whh[1] * h + bhh[1]);
            double g = Math.Tanh(wih[2] * x + bih[2] + whh[2] * h + bhh[2]);
            double o = Sigmoid(wih[3] * x + bih[3] + whh[3] * h + bhh[3]);
            c = f * c + i * g;
            h = o * Math.Tanh(c);
        }

        var state = model.CreateState();
        model.Run(xs, state);
        Assert.Equal(h, state.Hidden(0)[0], 1e-14);
        Assert.Equal(c, state.Cell(0)[0], 1e-14);
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void A_stack_is_its_layers_chained(CellKind cell)
    {
        // Layer k of a 2-layer model reads layer k−1's h sequence; run both 1-layer models by hand and compare.
        var spec = new ModelSpec(cell, 3, 5, 2, 2);
        var stacked = ModelWeights.CreateRandom(spec, seed: 11);
        var bottom = new ModelWeights(new ModelSpec(cell, 3, 5, 1, 2), [stacked.Layers[0]], stacked.HeadWeight, stacked.HeadBias);
        var top = new ModelWeights(new ModelSpec(cell, 5, 5, 1, 2), [stacked.Layers[1]], stacked.HeadWeight, stacked.HeadBias);
        double[] sequence = RandomSequence(new Random(3), 20 * 3);

        var bottomModel = new ReferenceModel<double>(bottom);
        var bottomHidden = new double[20 * 5];
        bottomModel.Run(sequence, bottomModel.CreateState(), bottomHidden);
        var expected = new double[2];
        new ReferenceModel<double>(top).Forecast(bottomHidden, expected);

        var actual = new double[2];
        new ReferenceModel<double>(stacked).Forecast(sequence, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(CellKind.Gru, 1, 1, 1)]
    [InlineData(CellKind.Gru, 8, 64, 3)]
    [InlineData(CellKind.Lstm, 3, 16, 2)]
    [InlineData(CellKind.Lstm, 1, 128, 1)]
    public void Float_and_double_agree(CellKind cell, int input, int hidden, int layers)
    {
        var weights = ModelWeights.CreateRandom(new ModelSpec(cell, input, hidden, layers, 4), seed: hidden);
        double[] sequence = RandomSequence(new Random(hidden), 100 * input);
        float[] sequenceF = Array.ConvertAll(sequence, v => (float)v);

        var single = new ReferenceModel<float>(weights);
        var dual = new ReferenceModel<double>(weights);
        var topF = new float[100 * hidden];
        var topD = new double[100 * hidden];
        single.Run(sequenceF, single.CreateState(), topF);
        dual.Run(sequenceF.Select(v => (double)v).ToArray(), dual.CreateState(), topD);

        double worst = topF.Zip(topD, (f, d) => Math.Abs(f - d)).Max();
        Assert.InRange(worst, 0, 1e-5);
    }

    [Fact]
    public void Forecast_starts_from_zero_every_time()
    {
        var model = new ReferenceModel<float>(ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 2, 4, 2, 3), seed: 1));
        float[] window = [0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f];
        var first = new float[3];
        var second = new float[3];
        model.Forecast(window, first);
        model.Forecast([9f, 9f, -9f, 9f], new float[3]);
        model.Forecast(window, second);
        Assert.Equal(first, second);

        var state = model.CreateState();
        model.Run(window, state);
        var predicted = new float[3];
        model.Predict(state, predicted);
        Assert.Equal(first, predicted);
    }

    [Fact]
    public void Reset_returns_the_state_to_zero()
    {
        var model = new ReferenceModel<double>(ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 1, 4, 2, 1), seed: 2));
        var state = model.CreateState();
        model.Run([1.0, 2.0, 3.0], state);
        Assert.Contains(state.Cell(1).ToArray(), v => v != 0);
        state.Reset();
        for (int k = 0; k < 2; k++)
        {
            Assert.All(state.Hidden(k).ToArray(), v => Assert.Equal(0, v));
            Assert.All(state.Cell(k).ToArray(), v => Assert.Equal(0, v));
        }
    }

    [Fact]
    public void Rejects_inputs_of_the_wrong_size()
    {
        var model = new ReferenceModel<float>(ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 3, 4, 1, 2), seed: 3));
        var state = model.CreateState();
        Assert.Throws<ArgumentException>(() => model.Step(new float[2], state));
        Assert.Throws<ArgumentException>(() => model.Run(new float[7], state));
        Assert.Throws<ArgumentException>(() => model.Predict(state, new float[3]));
        Assert.Throws<ArgumentException>(() => model.Forecast([], new float[2]));
        Assert.Throws<ArgumentException>(() => model.Run(new float[6], state, new float[7]));
        Assert.Throws<InvalidOperationException>(() => state.Cell(0).ToArray());
    }

    private static double[] RandomSequence(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = random.NextDouble() * 4 - 2;
        return values;
    }
}
