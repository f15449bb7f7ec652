using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.TestKit;

/// <summary>
/// One configuration of the parity grid (<see cref="ParityGrid"/>), the same for every engine: a model shape, how hard its weights push the gates into
/// saturation, and the sequence lengths it runs. Everything random is drawn from <see cref="Seed"/>, so a
/// failing case can be rerun alone and sees the same numbers.
/// </summary>
/// <remarks>
/// Serialisable so that xunit discovers each configuration as its own test case (a non-serialisable MemberData
/// row collapses the whole theory into one) and shows <see cref="ToString"/> as its name.
/// </remarks>
public sealed class ParityCase : IXunitSerializable
{
    /// <summary>The longest sequence of the grid; every case runs it.</summary>
    public const int LongestSequence = 200;

    [Obsolete("For xunit's deserialiser only.")]
    public ParityCase()
    {
    }

    public ParityCase(CellKind cell, int inputSize, int hiddenSize, int layers, int outputSize, float weightScale, int drawnLength, int seed)
    {
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        OutputSize = outputSize;
        WeightScale = weightScale;
        DrawnLength = drawnLength;
        Seed = seed;
    }

    public CellKind Cell { get; private set; }
    public int InputSize { get; private set; }
    public int HiddenSize { get; private set; }
    public int Layers { get; private set; }
    public int OutputSize { get; private set; }

    /// <summary>
    /// Factor on every recurrent weight and bias after PyTorch's default initialisation. At 3 the
    /// pre-activations reach several units, so sigmoid and tanh run in their flat tails, where two
    /// implementations of exp/tanh are most likely to part ways.
    /// </summary>
    public float WeightScale { get; private set; }

    /// <summary>A sequence length drawn from 2..199 per case, between the fixed extremes 1 and 200.</summary>
    public int DrawnLength { get; private set; }

    public int Seed { get; private set; }

    public ModelSpec Spec => new(Cell, InputSize, HiddenSize, Layers, OutputSize);

    /// <summary>The sequences run, each from a zero state: 1 step, <see cref="DrawnLength"/> steps, 200 steps.</summary>
    public int[] SequenceLengths => [1, DrawnLength, LongestSequence];

    /// <summary>PyTorch-default random weights with the recurrent layers scaled by <see cref="WeightScale"/>; the head has no gate to saturate, so it is left alone.</summary>
    public ModelWeights CreateWeights()
    {
        var weights = ModelWeights.CreateRandom(Spec, Seed);
        if (WeightScale == 1f)
            return weights;
        var layers = weights.Layers
            .Select(layer => new RecurrentLayerWeights(Scale(layer.WeightIh), Scale(layer.WeightHh), Scale(layer.BiasIh), Scale(layer.BiasHh)))
            .ToArray();
        return new ModelWeights(Spec, layers, weights.HeadWeight, weights.HeadBias);
    }

    /// <summary>A sequence of <paramref name="steps"/> steps ([T, I], row-major) with values uniform in [−2, 2].</summary>
    public float[] CreateSequence(int steps) => RandomSequence(InputSize, steps, unchecked(Seed * 1_000_003 + steps));

    /// <summary>
    /// <paramref name="steps"/> × <paramref name="inputSize"/> values uniform in [−2, 2], from <paramref name="seed"/>
    /// (never HashCode.Combine: it is salted per process, and the inputs must be the same on every run).
    /// </summary>
    public static float[] RandomSequence(int inputSize, int steps, int seed)
    {
        var random = new Random(seed);
        var values = new float[steps * inputSize];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 4 - 2);
        return values;
    }

    /// <summary>For example <c>LSTM I=8 H=64 L=3 O=24 T=1,57,200 w×3 seed=7143</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cell.ToMetadataName().ToUpperInvariant()} I={InputSize} H={HiddenSize} L={Layers} O={OutputSize} T={string.Join(",", SequenceLengths)} w×{WeightScale} seed={Seed}");

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Cell), (int)Cell);
        info.AddValue(nameof(InputSize), InputSize);
        info.AddValue(nameof(HiddenSize), HiddenSize);
        info.AddValue(nameof(Layers), Layers);
        info.AddValue(nameof(OutputSize), OutputSize);
        info.AddValue(nameof(WeightScale), WeightScale);
        info.AddValue(nameof(DrawnLength), DrawnLength);
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
        DrawnLength = info.GetValue<int>(nameof(DrawnLength));
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
