using System.Collections.Generic;

namespace GruNative.TestKit.Onnx;

/// <summary>
/// Writes a <see cref="ModelWeights"/> forecaster as an ONNX graph built only from standard operators, so
/// that ONNX Runtime — an implementation that shares no code with GruNative — can evaluate it:
/// <code>
/// x [seq, 1, I] ─ GRU/LSTM ─ Squeeze(axis 1) ─ GRU/LSTM ─ … ─ GRU/LSTM ─→ top_hidden  [seq, 1, 1, H]
///                    │                             │                 └─ Y_h ─ Squeeze(axis 0) ─ Gemm(head) ─→ forecast [1, O]
///                    └─ Y_h, Y_c ─→ final_h_0, final_c_0   (every layer's final state, likewise)
/// </code>
/// One ONNX operator per layer, rather than one operator with stacked layers, because ONNX's GRU/LSTM are
/// single-layer by definition.
/// </summary>
/// <remarks>
/// Operator facts this relies on (ONNX operator documentation, GRU-14 / LSTM-14):
/// <list type="bullet">
/// <item>layout = 0 (the default): X is [seq_length, batch_size, input_size] — time-major, unlike PyTorch's
/// batch_first; with batch 1 the bytes of PyTorch's [1, T, I] and ONNX's [T, 1, I] are identical.</item>
/// <item>W is [num_directions, G·H, input_size], R is [num_directions, G·H, H]: PyTorch's row-major
/// [G·H, in] with a leading 1 and the gate blocks reordered (<see cref="OnnxGateMapping"/>).</item>
/// <item>B is [num_directions, 2·G·H] = concat(Wb, Rb): PyTorch's bias_ih then bias_hh, each reordered.</item>
/// <item>Default activations are PyTorch's: GRU f = Sigmoid, g = Tanh; LSTM f = Sigmoid, g = h = Tanh;
/// no clip, no peepholes (P absent), input_forget = 0, initial states absent = zeros.</item>
/// <item>Y is [seq_length, num_directions, batch_size, H]: the next layer needs [seq, batch, H], so the
/// num_directions axis is squeezed. Since opset 13, Squeeze takes its axes as an int64 input tensor,
/// not an attribute.</item>
/// <item>Y_h is [num_directions, batch_size, H] (the last step's h), which the head reads after squeezing
/// axis 0. Gemm with transB = 1 computes h·Wᵀ + b, i.e. nn.Linear with PyTorch's [O, H] weight as is.</item>
/// </list>
/// </remarks>
public static class ForecasterOnnxExport
{
    /// <summary>Opset 14: the first with GRU/LSTM's <c>layout</c> attribute, and Squeeze-13's axes input.</summary>
    public const long Opset = 14;

    /// <summary>IR version 8 (ONNX 1.10), well within what ONNX Runtime 1.31 reads.</summary>
    public const long IrVersion = 8;

    public const string Input = "x";
    public const string TopHidden = "top_hidden";
    public const string Forecast = "forecast";

    public static string FinalHidden(int layer) => $"final_h_{layer}";

    public static string FinalCell(int layer) => $"final_c_{layer}";

    /// <summary>The graph outputs in the order <see cref="OrtForecaster"/> requests them.</summary>
    public static IReadOnlyList<string> OutputNames(ModelSpec spec)
    {
        var names = new List<string> { TopHidden, Forecast };
        for (int k = 0; k < spec.Layers; k++)
        {
            names.Add(FinalHidden(k));
            if (spec.Cell == CellKind.Lstm)
                names.Add(FinalCell(k));
        }
        return names;
    }

    /// <summary>The serialised ONNX model of <paramref name="weights"/>, mapped by <paramref name="mapping"/> (default: correctly).</summary>
    public static byte[] Export(ModelWeights weights, OnnxGateMapping? mapping = null)
    {
        mapping ??= OnnxGateMapping.Correct;
        var spec = weights.Spec;
        int h = spec.HiddenSize, gh = spec.GateCount * h;
        int[] blocks = mapping.BlocksFor(spec.Cell);
        string opType = spec.Cell == CellKind.Gru ? "GRU" : "LSTM";

        var graph = new OnnxGraphBuilder("grunative_forecaster");
        graph.AddInput(Input, "seq", 1, spec.InputSize);
        graph.AddInitializer("squeeze_axis_0", [1], [0L]);
        graph.AddInitializer("squeeze_axis_1", [1], [1L]);

        string layerInput = Input;
        string topYh = "";
        for (int k = 0; k < spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            int inputSize = spec.LayerInputSize(k);
            graph.AddInitializer($"W_{k}", [1, gh, inputSize], OnnxGateMapping.Reorder(layer.WeightIh, blocks));
            graph.AddInitializer($"R_{k}", [1, gh, h], OnnxGateMapping.Reorder(layer.WeightHh, blocks));
            float[] bias = [.. OnnxGateMapping.Reorder(layer.BiasIh, blocks), .. OnnxGateMapping.Reorder(layer.BiasHh, blocks)];
            graph.AddInitializer($"B_{k}", [1, 2 * gh], bias);

            // The top layer's Y is a graph output itself; lower layers' Y only feed the next layer.
            string y = k == spec.Layers - 1 ? TopHidden : $"Y_{k}";
            string[] outputs = spec.Cell == CellKind.Gru
                ? [y, FinalHidden(k)]
                : [y, FinalHidden(k), FinalCell(k)];
            var attributes = new List<OnnxAttribute> { OnnxAttribute.Int("hidden_size", h) };
            if (spec.Cell == CellKind.Gru)
                attributes.Add(OnnxAttribute.Int("linear_before_reset", mapping.LinearBeforeReset ? 1 : 0));
            // Inputs after B (sequence_lens, initial_h, initial_c, P) are omitted: full-length sequences from a zero state.
            graph.AddNode(opType, $"{opType.ToLowerInvariant()}_{k}", [layerInput, $"W_{k}", $"R_{k}", $"B_{k}"], outputs, [.. attributes]);

            if (k < spec.Layers - 1)
            {
                layerInput = $"X_{k + 1}";
                graph.AddNode("Squeeze", $"squeeze_y_{k}", [y, "squeeze_axis_1"], [layerInput]);
            }
            topYh = FinalHidden(k);
        }

        graph.AddInitializer("head_weight", [spec.OutputSize, h], weights.HeadWeight);
        graph.AddInitializer("head_bias", [spec.OutputSize], weights.HeadBias);
        graph.AddNode("Squeeze", "squeeze_top_h", [topYh, "squeeze_axis_0"], ["top_h"]);
        graph.AddNode("Gemm", "head", ["top_h", "head_weight", "head_bias"], [Forecast], OnnxAttribute.Int("transB", 1));

        graph.AddOutput(TopHidden, "seq", 1, 1, h);
        graph.AddOutput(Forecast, 1, spec.OutputSize);
        for (int k = 0; k < spec.Layers; k++)
        {
            graph.AddOutput(FinalHidden(k), 1, 1, h);
            if (spec.Cell == CellKind.Lstm)
                graph.AddOutput(FinalCell(k), 1, 1, h);
        }
        return graph.ToModel(IrVersion, Opset, "GruNative.Parity.Tests");
    }
}
