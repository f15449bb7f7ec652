using System.Numerics;
using GruNative.Reference;

namespace GruNative.TorchParity.Tests;

/// <summary>Runs <see cref="ReferenceModel{T}"/> the way <see cref="TorchForecaster.Forward"/> runs libtorch: zero state, whole sequence, head on the last h.</summary>
public static class ReferenceForward
{
    public static ForwardOutputs Run<T>(ModelWeights weights, float[] sequence) where T : IFloatingPointIeee754<T> =>
        Run(new ReferenceModel<T>(weights), sequence);

    public static ForwardOutputs Run<T>(ReferenceModel<T> model, float[] sequence) where T : IFloatingPointIeee754<T>
    {
        var spec = model.Spec;
        int steps = sequence.Length / spec.InputSize;
        var input = Array.ConvertAll(sequence, T.CreateChecked);

        var state = model.CreateState();
        var topHidden = new T[steps * spec.HiddenSize];
        model.Run(input, state, topHidden);
        var forecast = new T[spec.OutputSize];
        model.Predict(state, forecast);

        var finalHidden = new double[spec.Layers][];
        var finalCell = new double[spec.Cell == CellKind.Lstm ? spec.Layers : 0][];
        for (int k = 0; k < spec.Layers; k++)
        {
            finalHidden[k] = Widen<T>(state.Hidden(k));
            if (spec.Cell == CellKind.Lstm)
                finalCell[k] = Widen<T>(state.Cell(k));
        }
        return new ForwardOutputs(Widen<T>(topHidden), Widen<T>(forecast), finalHidden, finalCell);
    }

    private static double[] Widen<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            widened[i] = double.CreateChecked(values[i]);
        return widened;
    }
}
