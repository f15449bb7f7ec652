using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// The single source of truth for tensor names and shapes: exactly what a PyTorch module with
/// <c>self.rnn = nn.GRU(I, H, L, batch_first=True)</c> (or <c>nn.LSTM</c>) and <c>self.head = nn.Linear(H, O)</c>
/// puts in its <c>state_dict</c>. Every weights reader and writer goes through this class.
/// </summary>
/// <remarks>
/// Written against primitive sizes only, so the source generator (netstandard2.0) can link this file.
/// Gate blocks are stacked along the first axis: r, z, n for GRU and i, f, g, o for LSTM.
/// </remarks>
public static class PyTorchTensors
{
    /// <summary><c>head.weight</c>, shape [O, H].</summary>
    public const string HeadWeight = "head.weight";

    /// <summary><c>head.bias</c>, shape [O].</summary>
    public const string HeadBias = "head.bias";

    /// <summary><c>rnn.weight_ih_l{layer}</c>, shape [G·H, in_k].</summary>
    public static string WeightIh(int layer) => "rnn.weight_ih_l" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>rnn.weight_hh_l{layer}</c>, shape [G·H, H].</summary>
    public static string WeightHh(int layer) => "rnn.weight_hh_l" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>rnn.bias_ih_l{layer}</c>, shape [G·H].</summary>
    public static string BiasIh(int layer) => "rnn.bias_ih_l" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>rnn.bias_hh_l{layer}</c>, shape [G·H].</summary>
    public static string BiasHh(int layer) => "rnn.bias_hh_l" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Every tensor of a model, in canonical order (per layer: weight_ih, weight_hh, bias_ih, bias_hh; then
    /// head.weight, head.bias), with its shape.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, long[]>> Expected(int gateCount, int inputSize, int hiddenSize, int layers, int outputSize)
    {
        long gh = (long)gateCount * hiddenSize;
        var tensors = new List<KeyValuePair<string, long[]>>(4 * layers + 2);
        for (int k = 0; k < layers; k++)
        {
            tensors.Add(new KeyValuePair<string, long[]>(WeightIh(k), new[] { gh, k == 0 ? inputSize : hiddenSize }));
            tensors.Add(new KeyValuePair<string, long[]>(WeightHh(k), new[] { gh, (long)hiddenSize }));
            tensors.Add(new KeyValuePair<string, long[]>(BiasIh(k), new[] { gh }));
            tensors.Add(new KeyValuePair<string, long[]>(BiasHh(k), new[] { gh }));
        }
        tensors.Add(new KeyValuePair<string, long[]>(HeadWeight, new[] { (long)outputSize, hiddenSize }));
        tensors.Add(new KeyValuePair<string, long[]>(HeadBias, new[] { (long)outputSize }));
        return tensors;
    }

    /// <summary>
    /// Reads the model's sizes off its tensor shapes, as needed for a PyTorch file without metadata:
    /// H from <c>rnn.weight_hh_l0</c> [G·H, H] (G = 3 → GRU, 4 → LSTM), I from <c>rnn.weight_ih_l0</c>,
    /// L from the consecutive layers with at least two of their four tensors present, O from <c>head.weight</c>. Only the tensors needed are
    /// looked at; <see cref="FindMismatch"/> then checks all of them.
    /// </summary>
    /// <returns>The sizes, or the tensor and problem that prevented inferring them.</returns>
    public static InferredShape Infer(IReadOnlyDictionary<string, long[]> shapes)
    {
        string hh0 = WeightHh(0);
        if (!shapes.TryGetValue(hh0, out var whh))
            return InferredShape.Fail(hh0, "tensor is missing: a GruNative model needs rnn.weight_hh_l0 [G·H, H]");
        if (whh.Length != 2 || whh[1] < 1 || whh[1] > ModelLimits.MaxDimension || (whh[0] != 3 * whh[1] && whh[0] != 4 * whh[1]))
            return InferredShape.Fail(hh0, $"shape {Format(whh)} is neither [3·H, H] (GRU) nor [4·H, H] (LSTM)");
        int hidden = (int)whh[1];
        int gates = (int)(whh[0] / hidden);

        string ih0 = WeightIh(0);
        if (!shapes.TryGetValue(ih0, out var wih))
            return InferredShape.Fail(ih0, "tensor is missing");
        if (wih.Length != 2 || wih[0] != whh[0] || wih[1] < 1 || wih[1] > ModelLimits.MaxDimension)
            return InferredShape.Fail(ih0, $"shape {Format(wih)} does not match [{whh[0]}, I] with 1 ≤ I ≤ {ModelLimits.MaxDimension}");
        int input = (int)wih[1];

        // Layer k exists when at least two of its four tensors do: a single stray tensor of a layer the model lacks is
        // then reported as left over by FindMismatch, while a real layer missing one tensor is reported as incomplete.
        int layers = 1;
        while (layers < ModelLimits.MaxLayers && TensorsOfLayer(shapes, layers) >= 2)
            layers++;

        if (!shapes.TryGetValue(HeadWeight, out var head))
            return InferredShape.Fail(HeadWeight, "tensor is missing: a GruNative model needs a dense head [O, H]");
        if (head.Length != 2 || head[1] != hidden || head[0] < 1 || head[0] > ModelLimits.MaxDimension)
            return InferredShape.Fail(HeadWeight, $"shape {Format(head)} does not match [O, {hidden}] with 1 ≤ O ≤ {ModelLimits.MaxDimension}");
        return InferredShape.Success(gates, input, hidden, layers, (int)head[0]);
    }

    private static int TensorsOfLayer(IReadOnlyDictionary<string, long[]> shapes, int layer) =>
        (shapes.ContainsKey(WeightIh(layer)) ? 1 : 0) + (shapes.ContainsKey(WeightHh(layer)) ? 1 : 0)
        + (shapes.ContainsKey(BiasIh(layer)) ? 1 : 0) + (shapes.ContainsKey(BiasHh(layer)) ? 1 : 0);

    /// <summary>
    /// Compares the tensors present with those a model of the given sizes has: a missing tensor, a tensor of
    /// the wrong shape, or a tensor left over (never silently ignored) is reported.
    /// </summary>
    /// <returns>Null when they agree exactly; otherwise the first offending tensor and the problem.</returns>
    public static KeyValuePair<string, string>? FindMismatch(
        IReadOnlyDictionary<string, long[]> shapes, int gateCount, int inputSize, int hiddenSize, int layers, int outputSize)
    {
        var expected = Expected(gateCount, inputSize, hiddenSize, layers, outputSize);
        var names = new HashSet<string>();
        foreach (var tensor in expected)
        {
            names.Add(tensor.Key);
            if (!shapes.TryGetValue(tensor.Key, out var shape))
                return new KeyValuePair<string, string>(tensor.Key, $"tensor is missing; expected shape {Format(tensor.Value)}");
            if (!SameShape(shape, tensor.Value))
                return new KeyValuePair<string, string>(tensor.Key, $"shape {Format(shape)} differs from the expected {Format(tensor.Value)}");
        }
        foreach (var name in shapes.Keys)
        {
            if (!names.Contains(name))
                return new KeyValuePair<string, string>(name,
                    $"tensor is not part of a {layers}-layer {(gateCount == 3 ? "GRU" : "LSTM")} forecaster (I={inputSize}, H={hiddenSize}, O={outputSize}); unused tensors are an error, never ignored");
        }
        return null;
    }

    /// <summary>A shape as PyTorch prints it, e.g. <c>[96, 32]</c>.</summary>
    public static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static bool SameShape(long[] a, long[] b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
                return false;
        }
        return true;
    }
}
