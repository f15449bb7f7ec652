using System;
using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.Parity.Tests;

/// <summary>
/// One configuration of the parity grid: a model shape, how hard its weights are pushed into saturation,
/// and the sequences it is run on. Everything random is drawn from <see cref="Seed"/>, so a failing case
/// can be rerun alone and sees the same numbers.
/// </summary>
/// <remarks>
/// Serialisable so that xunit discovers each configuration as its own test case (a non-serialisable
/// MemberData row collapses the whole theory into one case) and shows <see cref="ToString"/> as its name.
/// </remarks>
public sealed class ParityCase : IXunitSerializable
{
    /// <summary>For xunit's deserialiser only.</summary>
    [Obsolete("For xunit's deserialiser only.")]
    public ParityCase()
    {
    }

    public ParityCase(CellKind cell, int inputSize, int hiddenSize, int layers, int outputSize, float weightScale, int longLength, int seed)
    {
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        OutputSize = outputSize;
        WeightScale = weightScale;
        LongLength = longLength;
        Seed = seed;
    }

    public CellKind Cell { get; private set; }
    public int InputSize { get; private set; }
    public int HiddenSize { get; private set; }
    public int Layers { get; private set; }
    public int OutputSize { get; private set; }

    /// <summary>
    /// Factor applied to every recurrent weight and bias after PyTorch's default initialisation. At 3 the
    /// pre-activations reach several units, so sigmoid and tanh run deep in their flat tails, where an
    /// engine's approximation of exp/tanh is most likely to differ.
    /// </summary>
    public float WeightScale { get; private set; }

    /// <summary>
    /// Length of the second sequence run through the same session (the first is always 1 step), in 2..200.
    /// </summary>
    public int LongLength { get; private set; }

    public int Seed { get; private set; }

    public ModelSpec Spec => new(Cell, InputSize, HiddenSize, Layers, OutputSize);

    /// <summary>The sequence lengths run, in order: a single step, then <see cref="LongLength"/> steps.</summary>
    public int[] SequenceLengths => [1, LongLength];

    /// <summary>PyTorch-default random weights, recurrent layers scaled by <see cref="WeightScale"/>; the head is left alone since it has no gate to saturate.</summary>
    public ModelWeights CreateWeights()
    {
        var weights = ModelWeights.CreateRandom(Spec, Seed);
        if (WeightScale == 1f)
            return weights;
        var layers = new RecurrentLayerWeights[Layers];
        for (int k = 0; k < Layers; k++)
        {
            var layer = weights.Layers[k];
            layers[k] = new RecurrentLayerWeights(Scale(layer.WeightIh), Scale(layer.WeightHh), Scale(layer.BiasIh), Scale(layer.BiasHh));
        }
        return new ModelWeights(Spec, layers, weights.HeadWeight, weights.HeadBias);
    }

    /// <summary>A sequence of <paramref name="steps"/> steps ([T, I], row-major) with values uniform in [−2, 2].</summary>
    public float[] CreateSequence(int steps)
    {
        // Not HashCode.Combine: it is salted per process, and the inputs must be the same on every run.
        var random = new Random(unchecked(Seed * 1_000_003 + steps));
        var values = new float[steps * InputSize];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 4 - 2);
        return values;
    }

    /// <summary>For example <c>GRU I=8 H=64 L=3 O=4 T=1,200 w×3 seed=1071</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cell.ToMetadataName().ToUpperInvariant()} I={InputSize} H={HiddenSize} L={Layers} O={OutputSize} T=1,{LongLength} w×{WeightScale} seed={Seed}");

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Cell), (int)Cell);
        info.AddValue(nameof(InputSize), InputSize);
        info.AddValue(nameof(HiddenSize), HiddenSize);
        info.AddValue(nameof(Layers), Layers);
        info.AddValue(nameof(OutputSize), OutputSize);
        info.AddValue(nameof(WeightScale), WeightScale);
        info.AddValue(nameof(LongLength), LongLength);
        info.AddValue(nameof(Seed), Seed);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        Cell = (CellKind)info.GetValue<int>(nameof(Cell));
        InputSize = info.GetValue<int>(nameof(InputSize));
        HiddenSize = info.GetValue<int>(nameof(HiddenSize));
        Layers = info.GetValue<int>(nameof(Layers));
        OutputSize = info.GetValue<int>(nameof(OutputSize));
        WeightScale = info.GetValue<float>(nameof(WeightScale));
        LongLength = info.GetValue<int>(nameof(LongLength));
        Seed = info.GetValue<int>(nameof(Seed));
    }

    private float[] Scale(ReadOnlySpan<float> values)
    {
        var scaled = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            scaled[i] = values[i] * WeightScale;
        return scaled;
    }
}
