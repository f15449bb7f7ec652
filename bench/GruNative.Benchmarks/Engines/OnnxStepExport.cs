using GruNative.TestKit.Onnx;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// The forecaster as an ONNX graph whose state goes in and out, so ONNX Runtime can stream it one step per call
/// (sequence length 1) or run a whole window (any sequence length) from a given state:
/// <code>
/// x [seq, batch, I] ─ GRU/LSTM(initial_h = h_in_0, initial_c = c_in_0) ─ Squeeze(axis 1) ─ … ─ GRU/LSTM ─ Y_h ─ Squeeze(axis 0) ─ Gemm ─→ forecast [batch, O]
///                      └─ Y_h, Y_c ─→ h_out_0, c_out_0   (every layer's new state, likewise)
/// </code>
/// Built with the parity tests' protobuf writer and gate mapping (ONNX GRU z, r, h with linear_before_reset = 1;
/// LSTM i, o, f, c), which those tests hold to the reference; one operator per layer, as ONNX's are single-layer.
/// </summary>
internal static class OnnxStepExport
{
    public const string Input = "x";
    public const string Forecast = "forecast";

    public static string HiddenIn(int layer) => $"h_in_{layer}";

    public static string CellIn(int layer) => $"c_in_{layer}";

    public static string HiddenOut(int layer) => $"h_out_{layer}";

    public static string CellOut(int layer) => $"c_out_{layer}";

    /// <param name="weights">The model.</param>
    /// <param name="batch">The batch dimension of x, the states and the forecast: 1 for one stream, or a named
    /// dimension (e.g. "batch") for N streams per Run.</param>
    public static byte[] Export(ModelWeights weights, OnnxDim? batch = null)
    {
        OnnxDim b = batch ?? 1;
        var spec = weights.Spec;
        bool lstm = spec.Cell == CellKind.Lstm;
        int h = spec.HiddenSize, gh = spec.GateCount * h;
        int[] blocks = OnnxGateMapping.Correct.BlocksFor(spec.Cell);

        var graph = new OnnxGraphBuilder("grunative_streaming_forecaster");
        graph.AddInput(Input, "seq", b, spec.InputSize);
        graph.AddInitializer("axis_0", [1], [0L]);
        graph.AddInitializer("axis_1", [1], [1L]);
        string x = Input;
        for (int k = 0; k < spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            graph.AddInput(HiddenIn(k), 1, b, h);
            graph.AddOutput(HiddenOut(k), 1, b, h);
            if (lstm)
            {
                graph.AddInput(CellIn(k), 1, b, h);
                graph.AddOutput(CellOut(k), 1, b, h);
            }
            graph.AddInitializer($"W_{k}", [1, gh, spec.LayerInputSize(k)], OnnxGateMapping.Reorder(layer.WeightIh, blocks));
            graph.AddInitializer($"R_{k}", [1, gh, h], OnnxGateMapping.Reorder(layer.WeightHh, blocks));
            graph.AddInitializer($"B_{k}", [1, 2 * gh], [.. OnnxGateMapping.Reorder(layer.BiasIh, blocks), .. OnnxGateMapping.Reorder(layer.BiasHh, blocks)]);

            // Inputs X, W, R, B, sequence_lens (absent: full length), initial_h[, initial_c]; outputs Y (only below
            // the top layer, which feeds the next), Y_h[, Y_c].
            bool top = k == spec.Layers - 1;
            string y = top ? "" : $"Y_{k}";
            string[] inputs = lstm ? [x, $"W_{k}", $"R_{k}", $"B_{k}", "", HiddenIn(k), CellIn(k)] : [x, $"W_{k}", $"R_{k}", $"B_{k}", "", HiddenIn(k)];
            string[] outputs = lstm ? [y, HiddenOut(k), CellOut(k)] : [y, HiddenOut(k)];
            var attributes = lstm
                ? new[] { OnnxAttribute.Int("hidden_size", h) }
                : [OnnxAttribute.Int("hidden_size", h), OnnxAttribute.Int("linear_before_reset", 1)];
            graph.AddNode(lstm ? "LSTM" : "GRU", $"layer_{k}", inputs, outputs, attributes);
            if (!top)
            {
                x = $"X_{k + 1}";
                graph.AddNode("Squeeze", $"squeeze_{k}", [y, "axis_1"], [x]);   // [seq, 1, batch, H] → [seq, batch, H]
            }
        }

        graph.AddInitializer("head_weight", [spec.OutputSize, h], weights.HeadWeight);
        graph.AddInitializer("head_bias", [spec.OutputSize], weights.HeadBias);
        graph.AddNode("Squeeze", "squeeze_top", [HiddenOut(spec.Layers - 1), "axis_0"], ["top_h"]);   // [1, batch, H] → [batch, H]
        graph.AddNode("Gemm", "head", ["top_h", "head_weight", "head_bias"], [Forecast], OnnxAttribute.Int("transB", 1));
        graph.AddOutput(Forecast, b, spec.OutputSize);
        return graph.ToModel(irVersion: 8, opset: 14, "GruNative.Benchmarks");
    }
}
