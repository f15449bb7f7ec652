using System;

namespace GruNative.Kernels;

/// <summary>
/// The one definition of how generated kernels lay out a model's weights. The source generator packs baked
/// weights with this code at build time (it links this file), and generated <c>Load</c> methods pack run-time
/// weights with the same code, so both kernels read identical bytes.
/// </summary>
/// <remarks>
/// <para>
/// Hidden units are padded to a multiple of <see cref="Lanes"/> and split into <em>groups</em> of at most
/// <see cref="MaxGroupWidth"/> units (<see cref="GroupWidths"/>). A kernel computes one group at a time, all gates
/// at once: for each input k it broadcasts x[k] (then h[k]) and multiplies it into one accumulator per gate and
/// vector, so each weight is read exactly once, from one contiguous stream per group.
/// </para>
/// <para>
/// A layer is the concatenation of its groups; a group of width w is
/// <c>[bias: A × w] [input rows: in × S × w] [recurrent rows: H × S × w]</c>, each row holding S gate slots of w
/// floats (lanes beyond H are zero). GRU has A = 4 bias slots — r (b_ir + b_hr), z (b_iz + b_hz), n_x (b_in),
/// n_h (b_hn), kept apart because r multiplies only W_hn·h + b_hn — and S = 3 slots per row: r, z, n (the n slot
/// feeds n_x in input rows and n_h in recurrent rows). LSTM has A = 4 (b_i· + b_h· for i, f, g, o) and S = 4.
/// </para>
/// <para>
/// With <see cref="WeightPrecision.BFloat16"/> the rows are stored in pairs: one 32-bit word per lane holds row 2j's
/// weight (as bfloat16, <see cref="BFloat16Rounding"/>) in its low half and row 2j+1's in its high half (zero past
/// the last row), so a group is <c>[bias: A × w] [input pairs: ⌈in/2⌉ × S × w] [recurrent pairs: ⌈H/2⌉ × S × w]</c>
/// words. One vector load then yields two rows' weights, widened by a shift and a mask. Biases and the head stay fp32.
/// </para>
/// <para>
/// The head is <c>[bias: P] [rows: H × P]</c> with P = O padded to a multiple of <see cref="Lanes"/>: one row per
/// input k, so a kernel broadcasts h[k] and multiplies it into P outputs at once. A single output (O = 1,
/// <see cref="IsDotHead"/>) is one dot product instead: <c>[bias, zeros: Lanes − 1] [weights: Pad(H)]</c>, read as
/// whole vectors against h and summed across lanes once, rather than H broadcasts each feeding one useful lane of P = 8.
/// </para>
/// <para>
/// Shared source: the generator (netstandard2.0) compiles this file too, hence arrays rather than spans. This part
/// states no accessibility: the type is internal in the generator, and public in the runtime, whose other part says so.
/// </para>
/// </remarks>
static partial class KernelLayout
{
    /// <summary>Hidden units are padded to a multiple of this many floats (one 256-bit vector).</summary>
    public const int Lanes = 8;

    /// <summary>
    /// Widest group, in units: 16 lanes = one 512-bit, two 256-bit or four 128-bit vectors per gate. Each width then
    /// streams whole groups front to back (512-bit kernels take two neighbouring groups per pass, as two streams).
    /// </summary>
    public const int MaxGroupWidth = 16;

    /// <summary><paramref name="size"/> rounded up to a multiple of <see cref="Lanes"/>.</summary>
    public static int Pad(int size) => (size + Lanes - 1) / Lanes * Lanes;

    /// <summary>Bias slots per group: 4 for both cells (GRU: r, z, n_x, n_h; LSTM: i, f, g, o).</summary>
    public const int BiasSlots = 4;

    /// <summary>Gate slots per weight row: 3 for GRU (r, z, n), 4 for LSTM (i, f, g, o).</summary>
    public static int RowSlots(CellKind cell) => cell.GateCount();

    /// <summary>The widths of a layer's groups, in order: full groups of <see cref="MaxGroupWidth"/>, then the remainder.</summary>
    public static int[] GroupWidths(int hiddenSize)
    {
        int padded = Pad(hiddenSize);
        var widths = new int[(padded + MaxGroupWidth - 1) / MaxGroupWidth];
        for (int g = 0; g < widths.Length; g++)
            widths[g] = GroupWidthAt(padded, g * MaxGroupWidth);
        return widths;
    }

    /// <summary>Width of the group starting at unit <paramref name="groupStart"/> of a layer padded to <paramref name="paddedHidden"/> units (no allocation).</summary>
    public static int GroupWidthAt(int paddedHidden, int groupStart) => Math.Min(MaxGroupWidth, paddedHidden - groupStart);

    /// <summary>Floats in one packed group of width <paramref name="width"/> of a layer reading <paramref name="inputSize"/> values.</summary>
    public static int GroupLength(CellKind cell, int inputSize, int hiddenSize, int width) =>
        GroupLength(cell, inputSize, hiddenSize, width, WeightPrecision.Fp32);

    /// <summary>Floats (32-bit words) in one packed group stored with <paramref name="precision"/>.</summary>
    public static int GroupLength(CellKind cell, int inputSize, int hiddenSize, int width, WeightPrecision precision) =>
        (BiasSlots + (StoredRows(inputSize, precision) + StoredRows(hiddenSize, precision)) * RowSlots(cell)) * width;

    /// <summary>Stored rows for <paramref name="rows"/> weight rows: one each in fp32, one per pair in bfloat16.</summary>
    public static int StoredRows(int rows, WeightPrecision precision) =>
        precision == WeightPrecision.BFloat16 ? (rows + 1) / 2 : rows;

    /// <summary>Floats in one packed layer: Pad(H) · (4 + (in + H) · S).</summary>
    public static int LayerLength(CellKind cell, int inputSize, int hiddenSize) =>
        LayerLength(cell, inputSize, hiddenSize, WeightPrecision.Fp32);

    /// <summary>Floats (32-bit words) in one packed layer stored with <paramref name="precision"/>.</summary>
    public static int LayerLength(CellKind cell, int inputSize, int hiddenSize, WeightPrecision precision) =>
        GroupLength(cell, inputSize, hiddenSize, Pad(hiddenSize), precision);

    /// <summary>Where layer <paramref name="layer"/> starts in a packed model (layers first, then the head); <paramref name="layer"/> = L gives the head's offset.</summary>
    public static int LayerOffset(ModelSpec spec, int layer) => LayerOffset(spec, layer, WeightPrecision.Fp32);

    /// <summary>Where layer <paramref name="layer"/> starts in a model packed with <paramref name="precision"/>.</summary>
    public static int LayerOffset(ModelSpec spec, int layer, WeightPrecision precision)
    {
        int offset = 0;
        for (int k = 0; k < layer; k++)
            offset += LayerLength(spec.Cell, spec.LayerInputSize(k), spec.HiddenSize, precision);
        return offset;
    }

    /// <summary>Where the head starts in a packed model.</summary>
    public static int HeadOffset(ModelSpec spec) => HeadOffset(spec, WeightPrecision.Fp32);

    /// <summary>Where the head starts in a model packed with <paramref name="precision"/>.</summary>
    public static int HeadOffset(ModelSpec spec, WeightPrecision precision) => LayerOffset(spec, spec.Layers, precision);

    /// <summary>Floats in a packed model: every layer, then the head.</summary>
    public static int ModelLength(ModelSpec spec) => ModelLength(spec, WeightPrecision.Fp32);

    /// <summary>Floats (32-bit words) in a model packed with <paramref name="precision"/>.</summary>
    public static int ModelLength(ModelSpec spec, WeightPrecision precision) =>
        HeadOffset(spec, precision) + HeadLength(spec.HiddenSize, spec.OutputSize);

    /// <summary>
    /// Packs a whole model: <paramref name="layerTensors"/>[k] holds layer k's weight_ih, weight_hh, bias_ih and
    /// bias_hh (PyTorch layout); the head follows the last layer.
    /// </summary>
    public static float[] PackModel(ModelSpec spec, float[][][] layerTensors, float[] headWeight, float[] headBias) =>
        PackModel(spec, layerTensors, headWeight, headBias, WeightPrecision.Fp32);

    /// <summary>Like <see cref="PackModel(ModelSpec, float[][][], float[], float[])"/>, storing the layers' rows with <paramref name="precision"/>.</summary>
    /// <exception cref="ArgumentException">A tensor's size does not match, or a weight has no bfloat16 value (<see cref="BFloat16Rounding.ToBits"/>).</exception>
    public static float[] PackModel(ModelSpec spec, float[][][] layerTensors, float[] headWeight, float[] headBias, WeightPrecision precision)
    {
        var packed = new float[ModelLength(spec, precision)];
        PackModel(spec, layerTensors, headWeight, headBias, packed, 0, precision);
        return packed;
    }

    /// <summary>
    /// Like <see cref="PackModel(ModelSpec, float[][][], float[], float[])"/>, into <paramref name="destination"/> from
    /// <paramref name="offset"/> on.
    /// </summary>
    public static void PackModel(ModelSpec spec, float[][][] layerTensors, float[] headWeight, float[] headBias, float[] destination, int offset) =>
        PackModel(spec, layerTensors, headWeight, headBias, destination, offset, WeightPrecision.Fp32);

    /// <summary>Like <see cref="PackModel(ModelSpec, float[][][], float[], float[], float[], int)"/>, storing the layers' rows with <paramref name="precision"/>.</summary>
    /// <exception cref="ArgumentException">A tensor's size does not match, or a weight has no bfloat16 value (<see cref="BFloat16Rounding.ToBits"/>).</exception>
    public static void PackModel(ModelSpec spec, float[][][] layerTensors, float[] headWeight, float[] headBias, float[] destination, int offset, WeightPrecision precision)
    {
        for (int k = 0; k < spec.Layers; k++)
        {
            var t = layerTensors[k];
            PackLayer(spec.Cell, spec.LayerInputSize(k), spec.HiddenSize, t[0], t[1], t[2], t[3], destination, offset + LayerOffset(spec, k, precision), precision);
        }
        PackHead(spec.HiddenSize, spec.OutputSize, headWeight, headBias, destination, offset + HeadOffset(spec, precision));
    }

    /// <summary>Floats in the packed head: P · (1 + H), or Lanes + Pad(H) for a single output (<see cref="IsDotHead"/>).</summary>
    public static int HeadLength(int hiddenSize, int outputSize) =>
        IsDotHead(outputSize) ? Lanes + Pad(hiddenSize) : Pad(outputSize) * (1 + hiddenSize);

    /// <summary>
    /// Whether a head of <paramref name="outputSize"/> outputs is packed as one dot product (O = 1): its weights in one
    /// row of Pad(H) floats after a bias slot of <see cref="Lanes"/> floats, instead of H rows of P floats.
    /// </summary>
    public static bool IsDotHead(int outputSize) => outputSize == 1;

    /// <summary>
    /// Packs one layer's PyTorch tensors (<c>weight_ih</c> [G·H, in], <c>weight_hh</c> [G·H, H], <c>bias_ih</c>,
    /// <c>bias_hh</c> [G·H], gate blocks in PyTorch's order) into <paramref name="destination"/> at <paramref name="offset"/>.
    /// </summary>
    public static void PackLayer(
        CellKind cell, int inputSize, int hiddenSize,
        float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh,
        float[] destination, int offset) =>
        PackLayer(cell, inputSize, hiddenSize, weightIh, weightHh, biasIh, biasHh, destination, offset, WeightPrecision.Fp32);

    /// <summary>Like <see cref="PackLayer(CellKind, int, int, float[], float[], float[], float[], float[], int)"/>, storing the rows with <paramref name="precision"/>.</summary>
    /// <exception cref="ArgumentException">A tensor's size does not match, or a weight has no bfloat16 value (<see cref="BFloat16Rounding.ToBits"/>).</exception>
    public static void PackLayer(
        CellKind cell, int inputSize, int hiddenSize,
        float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh,
        float[] destination, int offset, WeightPrecision precision)
    {
        int rows = cell.GateCount() * hiddenSize;
        Require(weightIh.Length == rows * inputSize && weightHh.Length == rows * hiddenSize
                && biasIh.Length == rows && biasHh.Length == rows, "tensor sizes do not match the layer's shape");
        Require(offset >= 0 && destination.Length - offset >= LayerLength(cell, inputSize, hiddenSize, precision), "destination too short");

        bool lstm = cell == CellKind.Lstm;
        int slots = RowSlots(cell), groupStart = 0, at = offset;
        foreach (int width in GroupWidths(hiddenSize))
        {
            // Bias slots. GRU: r and z fold both biases; n keeps b_in (n_x) and b_hn (n_h) apart.
            for (int a = 0; a < BiasSlots; a++, at += width)
            {
                for (int lane = 0; lane < width; lane++)
                {
                    int unit = groupStart + lane;
                    destination[at + lane] = unit >= hiddenSize ? 0f : lstm ? biasIh[a * hiddenSize + unit] + biasHh[a * hiddenSize + unit]
                        : a < 2 ? biasIh[a * hiddenSize + unit] + biasHh[a * hiddenSize + unit]
                        : a == 2 ? biasIh[2 * hiddenSize + unit]
                        : biasHh[2 * hiddenSize + unit];
                }
            }
            at = PackRows(weightIh, inputSize, hiddenSize, slots, groupStart, width, destination, at, precision);
            at = PackRows(weightHh, hiddenSize, hiddenSize, slots, groupStart, width, destination, at, precision);
            groupStart += width;
        }
    }

    /// <summary>Packs <c>head.weight</c> [O, H] and <c>head.bias</c> [O] into <paramref name="destination"/> at <paramref name="offset"/>.</summary>
    public static void PackHead(int hiddenSize, int outputSize, float[] weight, float[] bias, float[] destination, int offset)
    {
        Require(weight.Length == outputSize * hiddenSize && bias.Length == outputSize, "head tensor sizes do not match");
        Require(offset >= 0 && destination.Length - offset >= HeadLength(hiddenSize, outputSize), "destination too short");
        if (IsDotHead(outputSize))
        {
            // [b, 0 × (Lanes − 1)] [W[0, 0…H−1], 0 … to Pad(H)]: the row starts a vector after the bias, as aligned as it.
            destination[offset] = bias[0];
            for (int i = 1; i < HeadLength(hiddenSize, outputSize); i++)
                destination[offset + i] = i >= Lanes && i - Lanes < hiddenSize ? weight[i - Lanes] : 0f;
            return;
        }
        int padded = Pad(outputSize);
        for (int o = 0; o < padded; o++)
        {
            destination[offset + o] = o < outputSize ? bias[o] : 0f;
            for (int k = 0; k < hiddenSize; k++)
                destination[offset + padded * (1 + k) + o] = o < outputSize ? weight[o * hiddenSize + k] : 0f;
        }
    }

    // Row k of a group holds, for each gate slot s, the weights of units groupStart..groupStart+width−1 on input k:
    // the column k of PyTorch's matrix, block s, transposed into lanes. In bfloat16, stored row j holds rows 2j (low
    // halves) and 2j+1 (high halves; zero past the last row).
    private static int PackRows(float[] matrix, int columns, int hiddenSize, int slots, int groupStart, int width, float[] destination, int at, WeightPrecision precision)
    {
        bool pairs = precision == WeightPrecision.BFloat16;
        for (int k = 0; k < columns; k += pairs ? 2 : 1)
        {
            for (int s = 0; s < slots; s++, at += width)
            {
                for (int lane = 0; lane < width; lane++)
                {
                    int unit = groupStart + lane;
                    float Weight(int column) => unit < hiddenSize && column < columns ? matrix[(s * hiddenSize + unit) * columns + column] : 0f;
                    destination[at + lane] = pairs ? BFloat16Rounding.PackPair(Weight(k), Weight(k + 1)) : Weight(k);
                }
            }
        }
        return at;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ArgumentException(message);
    }
}
