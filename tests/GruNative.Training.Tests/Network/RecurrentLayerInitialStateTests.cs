using GruNative.Training.Network;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>
/// A recurrent layer started from a given state continues a sequence exactly: running S steps at once, or k steps and
/// then S − k steps from the state the first run reached, gives the same states, and differentiating the second run
/// back to its initial state (h_0, and c_0 for LSTM) and on through the first gives the same gradients.
/// </summary>
public class RecurrentLayerInitialStateTests
{
    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Two_runs_joined_by_their_state_equal_one_run(CellKind cell)
    {
        const int steps = 7, split = 3, batch = 3, input = 2, hidden = 5;
        var spec = Spec(cell, input, hidden, layers: 1, output: 1);
        var layout = new ParameterLayout(spec);
        double[] parameters = NetworkParameters<double>.Initialize(spec, 8).Values;
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] *= 2;  // toward saturation, where derivative mistakes show
        double[] sequence = Uniform<double>(steps * batch * input, seed: 9, scale: 2);  // [S][B][in], time-major
        double[] finalGradient = Uniform<double>(batch * hidden, seed: 10);           // ∂loss/∂h_S of loss = Σ R ⊙ h_S
        RecurrentLayer<double> Layer(int s) => cell == CellKind.Gru
            ? new GruLayer<double>(spec, layout, 0, s, batch)
            : new LstmLayer<double>(spec, layout, 0, s, batch);

        // One run of S steps.
        var whole = Layer(steps);
        var wholeWorkspace = new BackwardWorkspace<double>(cell, input, hidden, steps, batch);
        whole.Forward(parameters, sequence, batch);
        var wholeGradient = new double[parameters.Length];
        var wholeInputGradient = new double[sequence.Length];
        whole.Backward(parameters, sequence, default, finalGradient, batch, wholeGradient, wholeInputGradient, wholeWorkspace);

        // k steps, then S − k steps from the state reached.
        int firstLength = split * batch * input;
        var first = Layer(split);
        var second = Layer(steps - split);
        var workspace = new BackwardWorkspace<double>(cell, input, hidden, steps, batch);
        first.Forward(parameters, sequence.AsSpan(0, firstLength), batch);
        second.Forward(parameters, sequence.AsSpan(firstLength), batch, first.FinalHidden(batch), first.FinalCell(batch));
        Assert.Equal(whole.FinalHidden(batch).ToArray(), second.FinalHidden(batch).ToArray());

        var gradient = new double[parameters.Length];
        var inputGradient = new double[sequence.Length];
        var hiddenGradient = new double[batch * hidden];
        var cellGradient = new double[cell == CellKind.Lstm ? batch * hidden : 0];
        second.Backward(parameters, sequence.AsSpan(firstLength), default, finalGradient, batch, gradient, inputGradient.AsSpan(firstLength),
            workspace, default, hiddenGradient, cellGradient);
        Assert.True(MaxAbs(hiddenGradient) > 1e-3);
        first.Backward(parameters, sequence.AsSpan(0, firstLength), default, hiddenGradient, batch, gradient, inputGradient.AsSpan(0, firstLength),
            workspace, cellGradient);

        // The same sums, grouped differently (the weight gradients of two runs are added): equal to rounding.
        Assert.True(MaxAbsDifference(wholeInputGradient, inputGradient) <= 1e-13);
        foreach (var tensor in layout.Tensors.Take(4))
        {
            double error = RelativeError(tensor.Slice<double>(wholeGradient), tensor.Slice<double>(gradient));
            Assert.True(error <= 1e-13, $"{cell} {tensor.Name}: relative error {error:E3}");
        }
    }
}
