using System.Numerics;
using GruNative.Reference;

namespace GruNative.TestKit;

/// <summary>Runs the reference forecaster in <typeparamref name="T"/> the way ONNX Runtime runs the graph: zero state, whole sequence, head on the last h.</summary>
public static class ReferenceRunner<T> where T : IFloatingPointIeee754<T>
{
    public static EngineOutputs Run(ReferenceModel<T> model, float[] sequence)
    {
        var spec = model.Spec;
        int steps = sequence.Length / spec.InputSize;
        var input = new T[sequence.Length];
        for (int i = 0; i < input.Length; i++)
            input[i] = T.CreateChecked(sequence[i]);

        var state = model.CreateState();
        var topHidden = new T[steps * spec.HiddenSize];
        model.Run(input, state, topHidden);
        var forecast = new T[spec.OutputSize];
        model.Predict(state, forecast);

        var finalHidden = new double[spec.Layers][];
        var finalCell = new double[spec.Cell == CellKind.Lstm ? spec.Layers : 0][];
        for (int k = 0; k < spec.Layers; k++)
        {
            finalHidden[k] = EngineOutputs.Widen<T>(state.Hidden(k));
            if (spec.Cell == CellKind.Lstm)
                finalCell[k] = EngineOutputs.Widen<T>(state.Cell(k));
        }
        return new EngineOutputs(EngineOutputs.Widen<T>(topHidden), EngineOutputs.Widen<T>(forecast), finalHidden, finalCell);
    }
}
