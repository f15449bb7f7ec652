using System.Collections.Generic;

namespace GruNative;

/// <summary>
/// The single source of truth for tensor names and shapes: exactly what a PyTorch module with
/// <c>self.rnn = nn.GRU(I, H, L, batch_first=True)</c> (or <c>nn.LSTM</c>) and <c>self.head = nn.Linear(H, O)</c>
/// puts in its <c>state_dict</c>. Every weights reader and writer goes through this class.
/// </summary>
/// <remarks>
/// Gate blocks are stacked along the first axis: r, z, n for GRU and i, f, g, o for LSTM. Shared source: the
/// generator (netstandard2.0) compiles this file too (internal there; SharedSourceAccessibility.cs makes it public in the
/// runtime), so a baked weights file is checked at compile time by exactly the rules that check a loaded one.
/// </remarks>
static partial class PyTorchTensors
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
    public static IReadOnlyList<KeyValuePair<string, long[]>> Expected(ModelSpec spec)
    {
        long gh = (long)spec.GateCount * spec.HiddenSize;
        var tensors = new List<KeyValuePair<string, long[]>>(4 * spec.Layers + 2);
        for (int k = 0; k < spec.Layers; k++)
        {
            tensors.Add(new KeyValuePair<string, long[]>(WeightIh(k), new[] { gh, spec.LayerInputSize(k) }));
            tensors.Add(new KeyValuePair<string, long[]>(WeightHh(k), new[] { gh, (long)spec.HiddenSize }));
            tensors.Add(new KeyValuePair<string, long[]>(BiasIh(k), new[] { gh }));
            tensors.Add(new KeyValuePair<string, long[]>(BiasHh(k), new[] { gh }));
        }
        tensors.Add(new KeyValuePair<string, long[]>(HeadWeight, new[] { (long)spec.OutputSize, spec.HiddenSize }));
        tensors.Add(new KeyValuePair<string, long[]>(HeadBias, new[] { (long)spec.OutputSize }));
        return tensors;
    }

    /// <summary>
    /// Reads the model's sizes off its tensor shapes, as needed for a PyTorch file without metadata:
    /// H from <c>rnn.weight_hh_l0</c> [G·H, H] (G = 3 → GRU, 4 → LSTM), I from <c>rnn.weight_ih_l0</c>,
    /// L from the consecutive layers with at least two of their four tensors present, O from <c>head.weight</c>. Only the tensors needed are
    /// looked at; <see cref="CheckTensors(IReadOnlyDictionary{string, long[]}, ModelSpec, string)"/> then checks all of them.
    /// </summary>
    /// <returns>The model the shapes describe.</returns>
    /// <exception cref="WeightsFormatException">A tensor needed to read the sizes is missing or misshapen (the exception names it).</exception>
    public static ModelSpec Infer(IReadOnlyDictionary<string, long[]> shapes, string source)
    {
        string hh0 = WeightHh(0);
        if (!shapes.TryGetValue(hh0, out var whh))
            throw new WeightsFormatException(source, hh0, "tensor is missing: a GruNative model needs rnn.weight_hh_l0 [G·H, H]");
        if (whh.Length != 2 || whh[1] < 1 || whh[1] > ModelLimits.MaxDimension || (whh[0] != 3 * whh[1] && whh[0] != 4 * whh[1]))
            throw new WeightsFormatException(source, hh0, $"shape {Format(whh)} is neither [3·H, H] (GRU) nor [4·H, H] (LSTM)");
        int hidden = (int)whh[1];
        var cell = whh[0] == 3 * whh[1] ? CellKind.Gru : CellKind.Lstm;

        string ih0 = WeightIh(0);
        if (!shapes.TryGetValue(ih0, out var wih))
            throw new WeightsFormatException(source, ih0, "tensor is missing");
        if (wih.Length != 2 || wih[0] != whh[0] || wih[1] < 1 || wih[1] > ModelLimits.MaxDimension)
            throw new WeightsFormatException(source, ih0, $"shape {Format(wih)} does not match [{whh[0]}, I] with 1 ≤ I ≤ {ModelLimits.MaxDimension}");
        int input = (int)wih[1];

        // Layer k exists when at least two of its four tensors do: a single stray tensor of a layer the model lacks is
        // then reported as left over by CheckTensors, while a real layer missing one tensor is reported as incomplete.
        int layers = 1;
        while (layers < ModelLimits.MaxLayers && TensorsOfLayer(shapes, layers) >= 2)
            layers++;

        if (!shapes.TryGetValue(HeadWeight, out var head))
            throw new WeightsFormatException(source, HeadWeight, "tensor is missing: a GruNative model needs a dense head [O, H]");
        if (head.Length != 2 || head[1] != hidden || head[0] < 1 || head[0] > ModelLimits.MaxDimension)
            throw new WeightsFormatException(source, HeadWeight, $"shape {Format(head)} does not match [O, {hidden}] with 1 ≤ O ≤ {ModelLimits.MaxDimension}");
        return new ModelSpec(cell, input, hidden, layers, (int)head[0]);
    }

    private static int TensorsOfLayer(IReadOnlyDictionary<string, long[]> shapes, int layer) =>
        (shapes.ContainsKey(WeightIh(layer)) ? 1 : 0) + (shapes.ContainsKey(WeightHh(layer)) ? 1 : 0)
        + (shapes.ContainsKey(BiasIh(layer)) ? 1 : 0) + (shapes.ContainsKey(BiasHh(layer)) ? 1 : 0);

    /// <summary>
    /// Compares the tensors present with those a model of the given sizes has: a missing tensor, a tensor of
    /// the wrong shape, or a tensor left over (never silently ignored) is reported.
    /// </summary>
    /// <exception cref="WeightsFormatException">The first offending tensor (the exception names it) and the problem.</exception>
    public static void CheckTensors(IReadOnlyDictionary<string, long[]> shapes, ModelSpec spec, string source) =>
        CheckTensors(shapes, Expected(spec), $"{spec.Layers}-layer {spec.Cell.ToDisplayName()} forecaster (I={spec.InputSize}, H={spec.HiddenSize}, O={spec.OutputSize})", source);

    /// <summary>
    /// Compares the tensors present with <paramref name="expected"/> (any model family's list): the first missing,
    /// misshapen or left-over tensor is reported, the last as not part of <paramref name="model"/>.
    /// </summary>
    internal static void CheckTensors(IReadOnlyDictionary<string, long[]> shapes, IReadOnlyList<KeyValuePair<string, long[]>> expected, string model, string source)
    {
        var names = new HashSet<string>();
        foreach (var tensor in expected)
        {
            names.Add(tensor.Key);
            if (!shapes.TryGetValue(tensor.Key, out var shape))
                throw new WeightsFormatException(source, tensor.Key, $"tensor is missing; expected shape {Format(tensor.Value)}");
            if (!SameShape(shape, tensor.Value))
                throw new WeightsFormatException(source, tensor.Key, $"shape {Format(shape)} differs from the expected {Format(tensor.Value)}");
        }
        foreach (var name in shapes.Keys)
        {
            if (!names.Contains(name))
                throw new WeightsFormatException(source, name, $"tensor is not part of a {model}; unused tensors are an error, never ignored");
        }
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
