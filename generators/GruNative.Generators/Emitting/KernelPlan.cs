using System;
using System.Collections.Generic;
using System.Linq;
using GruNative.Kernels;

namespace GruNative.Generators.Emitting;

/// <summary>
/// Every decision behind a generated kernel, made once: the sizes and offsets (from the runtime's own layout,
/// <see cref="KernelLayout"/>), which vectors each path runs, and the passes each layer kernel makes over its groups.
/// The header describes these decisions and the emitters write them; neither decides anything itself.
/// </summary>
internal sealed class KernelPlan
{
    /// <summary>The vector paths, widest first; the scalar path is the runtime's <see cref="ScalarKernels"/>.</summary>
    public static readonly VectorFlavor[] Paths = { VectorFlavor.V512, VectorFlavor.V256, VectorFlavor.V128 };

    /// <summary>The largest layer (bytes of packed weights) whose 512-bit passes pair groups: twice a 48 KB L1d.</summary>
    public const int PairedLayerBudgetBytes = 96 * 1024;

    /// <summary>The plan of a plain model's kernels, its layers' rows stored with <paramref name="precision"/>.</summary>
    public KernelPlan(ModelSpec model, WeightPrecision precision = WeightPrecision.Fp32)
    {
        Model = model;
        Precision = precision;
        PaddedHidden = KernelLayout.Pad(Model.HiddenSize);
        PaddedOutput = KernelLayout.Pad(Model.OutputSize);
        GroupWidths = KernelLayout.GroupWidths(Model.HiddenSize);
        LayerOffsets = Enumerable.Range(0, Model.Layers).Select(k => KernelLayout.LayerOffset(Model, k, precision)).ToArray();
        HeadOffset = KernelLayout.HeadOffset(Model, precision);
        TotalLength = KernelLayout.ModelLength(Model, precision);
    }

    /// <summary>How the layers' rows are stored: fp32, or bfloat16 pairs (two rows per 32-bit word, <see cref="KernelLayout"/>).</summary>
    public WeightPrecision Precision { get; }

    /// <summary>Whether the layers' rows are bfloat16 pairs, widened to fp32 as the kernel reads them.</summary>
    public bool PairedRows => Precision == WeightPrecision.BFloat16;

    /// <summary>What the packed buffer's elements are called in the generated comments: floats, or 32-bit words once bfloat16 pairs share them.</summary>
    public string WordsName => PairedRows ? "words" : "floats";

    /// <summary>Floats (32-bit words) in one packed group of <paramref name="width"/> units of a layer reading <paramref name="inputSize"/> values.</summary>
    public int GroupLength(int inputSize, int width) => KernelLayout.GroupLength(Model.Cell, inputSize, Model.HiddenSize, width, Precision);

    /// <summary>The shape the kernels run: a declared plain model, or the segment model's core (<see cref="SegmentKernelLayout.CoreSpec"/>).</summary>
    public ModelSpec Model { get; }

    public bool IsLstm => Model.Cell == CellKind.Lstm;

    public int PaddedHidden { get; }

    /// <summary>Accumulator names per bias slot: GRU keeps n's input and recurrent parts apart (r multiplies only the latter).</summary>
    public string[] AccumulatorSlots => IsLstm ? new[] { "i", "f", "g", "o" } : new[] { "r", "z", "nx", "nh" };

    /// <summary>The accumulator a row slot feeds: GRU's n slot feeds nx in input rows and nh in recurrent rows.</summary>
    public int AccumulatorOf(int rowSlot, bool recurrent) => !IsLstm && rowSlot == 2 ? (recurrent ? 3 : 2) : rowSlot;

    public int PaddedOutput { get; }

    public int[] GroupWidths { get; }

    public int FullGroups => GroupWidths.Count(w => w == KernelLayout.MaxGroupWidth);

    public int RemainderWidth => GroupWidths.Length > FullGroups ? GroupWidths[GroupWidths.Length - 1] : 0;

    public int[] LayerOffsets { get; }

    public int HeadOffset { get; }

    public int TotalLength { get; }

    /// <summary>Floats in the inline state buffer: the padded vectors, then one scratch vector for the next h.</summary>
    public int StateBufferLength => ScratchOffset + PaddedHidden;

    /// <summary>The largest state <c>Forecast</c> keeps on the stack; a larger one is rented from the shared array pool.</summary>
    public const int StackStateBudgetBytes = 4096;

    public bool ForecastStateOnStack => StateBufferLength * 4L <= StackStateBudgetBytes;

    public int HiddenOffset(int layer) => layer * PaddedHidden;

    public int CellOffset(int layer) => (Model.Layers + layer) * PaddedHidden;

    public int ScratchOffset => Model.Cell.StateVectorCount() * Model.Layers * PaddedHidden;

    /// <summary>Layer kernels differ only in their input size: layer 0 reads I, the others H.</summary>
    public string LayerKernel(int layer) => layer == 0 || Model.InputSize == Model.HiddenSize ? "InputLayer" : "HiddenLayer";

    public IEnumerable<(string Name, int InputSize)> LayerKernels()
    {
        yield return ("InputLayer", Model.InputSize);
        if (Model.Layers > 1 && Model.InputSize != Model.HiddenSize)
            yield return ("HiddenLayer", Model.HiddenSize);
    }

    /// <summary>
    /// The vectors the layer kernels of <paramref name="path"/> run: 512-bit vectors need 16-unit groups, so without
    /// one the 512-bit path runs the 256-bit code (one method serves both).
    /// </summary>
    public VectorFlavor LayerFlavor(VectorFlavor path) => path.Lanes == 16 && FullGroups == 0 ? VectorFlavor.V256 : path;

    /// <summary>The head's packed layout, for the header: H rows of P outputs, or one dot product's row for a single output.</summary>
    public string HeadLayout => KernelLayout.IsDotHead(Model.OutputSize)
        ? $"[bias, 0 × {KernelLayout.Lanes - 1}] then one row of {KernelLayout.Pad(Model.HiddenSize)} (a single output: one dot product)"
        : $"[bias × {PaddedOutput}] then {Model.HiddenSize} rows × {PaddedOutput} (outputs padded from {Model.OutputSize})";

    /// <summary>The vectors the head of <paramref name="path"/> runs: 512-bit only when the padded outputs are whole 512-bit vectors.</summary>
    public VectorFlavor HeadFlavor(VectorFlavor path) => path.Lanes == 16 && PaddedOutput % 16 != 0 ? VectorFlavor.V256 : path;

    /// <summary>The distinct layer-kernel widths to emit, widest first.</summary>
    public IEnumerable<VectorFlavor> LayerFlavors => Paths.Select(LayerFlavor).Distinct();

    /// <summary>The distinct head widths to emit, widest first.</summary>
    public IEnumerable<VectorFlavor> HeadFlavors => Paths.Select(HeadFlavor).Distinct();

    /// <summary>
    /// The passes a layer kernel reading <paramref name="inputSize"/> values makes with <paramref name="flavor"/>
    /// vectors, in order. A pass computes every gate of its units at once: for each input it broadcasts x[k] (then
    /// h[k]) and multiplies it into one accumulator per gate and vector. 512-bit passes pair two neighbouring 16-unit
    /// groups (two weight streams, twice the independent accumulators) while the layer is small (<see cref="PairsGroups"/>);
    /// other passes take one group (two 256-bit or four 128-bit vectors per gate: ARM64 has 32 vector registers).
    /// A remainder group narrower than a 512-bit vector runs with 256-bit vectors.
    /// </summary>
    public IReadOnlyList<LayerPass> LayerPasses(VectorFlavor flavor, int inputSize)
    {
        var passes = new List<LayerPass>();
        int width = KernelLayout.MaxGroupWidth;
        int pairs = flavor.Lanes == 16 && PairsGroups(inputSize) ? FullGroups / 2 : 0, singles = FullGroups - 2 * pairs;
        if (pairs > 0)
            passes.Add(new LayerPass(pairs, 2, width, flavor, 2, KSplit(flavor, 2, Model.HiddenSize)));
        if (singles > 0)
            passes.Add(Single(singles, width, flavor, inputSize));
        if (RemainderWidth > 0)
            passes.Add(Single(1, RemainderWidth, GroupFlavor(flavor, RemainderWidth), inputSize));
        return passes;
    }

    private LayerPass Single(int repeat, int width, VectorFlavor flavor, int inputSize)
    {
        int vectors = width / flavor.Lanes;
        return new LayerPass(repeat, 1, width, flavor, vectors, Math.Max(KSplit(flavor, vectors, inputSize), KSplit(flavor, vectors, Model.HiddenSize)));
    }

    /// <summary>
    /// Whether a layer kernel of several passes keeps its gate sums on the stack and runs the activations after its last
    /// pass, while the layer is small enough to be L1-resident (<see cref="PairsGroups"/>'s budget). A pass's activations
    /// are a chain of σ, then tanh, about 80 cycles deep: run at the end of each pass they wait for one another with the
    /// next pass's multiply-adds, run together at the end their chains overlap. A larger layer streams its weights from
    /// L2, and each pass's activations hide under the next pass's reads, so it keeps them per pass. One pass keeps its sums
    /// in registers.
    /// </summary>
    public bool DefersActivations(VectorFlavor flavor, int inputSize) => IsMultiPass(flavor, inputSize) && PairsGroups(inputSize);

    /// <summary>
    /// Whether a layer kernel may write the new h over the old one: true when it reads every h[k] (and each unit's old
    /// h) before it stores any new value — one pass, or several that defer their activations. Then the step needs no
    /// scratch h and no copy of it.
    /// </summary>
    public bool UpdatesInPlace(VectorFlavor flavor, int inputSize) => !IsMultiPass(flavor, inputSize) || DefersActivations(flavor, inputSize);

    private bool IsMultiPass(VectorFlavor flavor, int inputSize) => LayerPasses(flavor, inputSize) is var passes && (passes.Count > 1 || passes[0].Repeat > 1);

    /// <summary>Floats of the gate sums a deferring layer kernel keeps: one padded vector per bias slot.</summary>
    public int GateSumsLength => KernelLayout.BiasSlots * PaddedHidden;

    /// <summary>
    /// Whether 512-bit passes pair two neighbouring groups. That pays while a layer's weights are mostly
    /// L1-resident; once they stream from L2, two interleaved streams read slower than one (Zen 5, one step at 512 bits:
    /// GRU I=1 H=128 1,255–1,347 ns single vs 1,519–1,662 paired; LSTM I=1 H=128 1,676–1,783 vs 2,613–2,797; but LSTM
    /// I=8 H=64, 78 KB, 547 paired vs 713 single).
    /// </summary>
    public bool PairsGroups(int inputSize) =>
        4L * FullGroups * GroupLength(inputSize, KernelLayout.MaxGroupWidth) <= PairedLayerBudgetBytes;

    /// <summary>A group narrower than a 512-bit vector runs with 256-bit vectors.</summary>
    private static VectorFlavor GroupFlavor(VectorFlavor flavor, int width) =>
        flavor.Lanes == 16 && width % 16 != 0 ? VectorFlavor.V256 : flavor;

    /// <summary>
    /// Splitting k over two accumulator sets when a pass has fewer than eight FMA chains in its recurrent rows (GRU: three
    /// gates, LSTM: four, times its vectors per gate): two FMA pipes with a four-cycle latency need eight to stay busy.
    /// bfloat16 rows in 16-register (256-bit) code keep one set: a second would not fit beside the loaded word and its two
    /// widened halves, and the spills cost more than the shorter chains gain (Zen 5, x86-64-v3 NativeAOT, GRU I=1 H=64, two
    /// bench/rtneural-compare.sh runs: 553 ns with two sets against 410 for fp32; with one set 409 against 400).
    /// </summary>
    private int KSplit(VectorFlavor flavor, int vectorsPerGate, int count) =>
        PairedRows && VectorRegisters(flavor) == 16 ? 1 : (IsLstm ? 4 : 3) * vectorsPerGate < 8 && count >= 4 ? 2 : 1;

    /// <summary>
    /// Vector registers a kernel of <paramref name="flavor"/>'s width plans for: 32 for 512-bit (AVX-512) and 128-bit
    /// code (ARM64 has 32; x64 runs 128-bit code only without AVX2), 16 for 256-bit code (AVX2 machines; an AVX-512
    /// machine runs it only for models without a 16-unit group).
    /// </summary>
    public static int VectorRegisters(VectorFlavor flavor) => flavor.Lanes == 8 ? 16 : 32;

    /// <summary>The most streams a many-stream slice computes at once: enough independent FMA chains, room to spare.</summary>
    public const int MaxStreamBlock = 4;

    /// <summary>
    /// Streams a many-stream slice computes together (<see cref="StreamPass"/>): each keeps four gate accumulators
    /// (times the pass's k split) and one broadcast register, beside one register for the weight vector all of them read.
    /// </summary>
    public static int StreamBlock(VectorFlavor flavor, int kSplit) =>
        Math.Max(1, Math.Min(MaxStreamBlock, (VectorRegisters(flavor) - 1) / (KernelLayout.BiasSlots * kSplit + 1)));

    /// <summary>
    /// The many-stream passes of a layer kernel: the single-stream <see cref="LayerPasses"/>, each group taken alone and
    /// cut into slices of one vector per gate, so a weight vector, once loaded, feeds a block of streams. Every
    /// accumulator of a stream sees the same multiply-adds in the same order, with the same k split, as in the
    /// single-stream kernel: N streams at once equal N single steps bit for bit.
    /// </summary>
    public IReadOnlyList<StreamPass> StreamPasses(VectorFlavor flavor, int inputSize) =>
        LayerPasses(flavor, inputSize)
            .Select(p => new StreamPass(p.Repeat * p.Groups, p.Width, p.Flavor, p.KSplit, StreamBlock(p.Flavor, p.KSplit)))
            .ToList();

    /// <summary>What a many-stream layer kernel does on one path, in words.</summary>
    public string DescribeStreams(VectorFlavor flavor, int inputSize) =>
        string.Join("; ", StreamPasses(flavor, inputSize).Select(p => p.Describe()));

    /// <summary>What a layer kernel does on one path, in words, from the same passes the emitter writes.</summary>
    public string DescribeLayer(VectorFlavor flavor, int inputSize)
    {
        var passes = LayerPasses(flavor, inputSize);
        string text = string.Join("; ", passes.Select(p => p.Describe()));
        if (PairedRows)
            text += "; bfloat16 weights, two rows per load, widened by a shift and a mask";
        if (DefersActivations(flavor, inputSize))
            text += "; the activations after the last pass";
        if (flavor.Lanes == 16 && FullGroups >= 2)
        {
            text += PairsGroups(inputSize)
                ? $" (layer ≤ {PairedLayerBudgetBytes / 1024} KB: paired groups, L1-resident)"
                : $" (layer > {PairedLayerBudgetBytes / 1024} KB: one stream from L2 reads faster than two)";
        }
        return text;
    }
}

/// <summary>
/// One kind of pass of a layer kernel: <see cref="Repeat"/> passes, each over <see cref="Groups"/> neighbouring groups
/// of <see cref="Width"/> units with <see cref="Flavor"/> vectors, <see cref="VectorsPerGate"/> vectors per gate in
/// all, and k split over <see cref="KSplit"/> accumulator sets (more independent FMA chains when a pass has few vectors).
/// </summary>
internal sealed record LayerPass(int Repeat, int Groups, int Width, VectorFlavor Flavor, int VectorsPerGate, int KSplit)
{
    public string Describe()
    {
        string count = Repeat == 1 ? "one pass" : $"{Repeat} passes";
        string article = Width == 8 || Width == 11 || Width == 18 || (Width >= 80 && Width < 90) ? "an" : "a";
        string over = Groups == 2
            ? $"{count} over two {Width}-unit groups as two weight streams, one {Flavor.Bits}-bit vector per gate each"
            : $"{count} over {article} {Width}-unit group, {Words(VectorsPerGate)} {Flavor.Bits}-bit vector{(VectorsPerGate == 1 ? "" : "s")} per gate";
        return over + (KSplit == 2 ? ", k split over two accumulator sets" : "");
    }

    private static string Words(int n) => n switch { 1 => "one", 2 => "two", 3 => "three", 4 => "four", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>
/// One kind of pass of a many-stream layer kernel: <see cref="Groups"/> groups of <see cref="Width"/> units, each cut
/// into slices of one <see cref="Flavor"/> vector per gate; each slice runs the streams <see cref="Block"/> at a time
/// (the rest in a smaller block), k split over <see cref="KSplit"/> accumulator sets as in the single-stream pass.
/// </summary>
internal sealed record StreamPass(int Groups, int Width, VectorFlavor Flavor, int KSplit, int Block)
{
    public int Slices => Width / Flavor.Lanes;

    public string Describe()
    {
        string groups = Groups == 1 ? $"one {Width}-unit group" : $"{Groups} groups of {Width} units";
        string slices = Slices == 1 ? $"one {Flavor.Bits}-bit vector per gate" : $"{Slices} slices of one {Flavor.Bits}-bit vector per gate";
        return $"{groups}, {slices}, {Block} stream{(Block == 1 ? "" : "s")} at a time" + (KSplit == 2 ? ", k split over two accumulator sets" : "");
    }
}

/// <summary>One vector width of the generated code.</summary>
internal sealed class VectorFlavor
{
    public static readonly VectorFlavor V512 = new("Vector512", 16);
    public static readonly VectorFlavor V256 = new("Vector256", 8);
    public static readonly VectorFlavor V128 = new("Vector128", 4);

    private VectorFlavor(string name, int lanes)
    {
        Name = name;
        Lanes = lanes;
    }

    /// <summary>The static class, e.g. <c>Vector256</c>.</summary>
    public string Name { get; }

    /// <summary>Floats per vector.</summary>
    public int Lanes { get; }

    public int Bits => Lanes * 32;
}
