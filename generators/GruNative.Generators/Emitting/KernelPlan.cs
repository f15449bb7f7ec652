using System;
using System.Collections.Generic;
using System.Linq;
using GruNative.Generators.Model;
using GruNative.Kernels;

namespace GruNative.Generators.Emitting;

/// <summary>
/// The sizes and offsets a generated kernel is built from, derived from the declaration with the runtime's own
/// layout (<see cref="KernelLayout"/>), plus the register blocking chosen for each vector width.
/// </summary>
internal sealed class KernelPlan
{
    public KernelPlan(ModelDeclaration model)
    {
        Model = model;
        Gates = model.GateCount;
        PaddedHidden = KernelLayout.Pad(model.HiddenSize);
        PaddedOutput = KernelLayout.Pad(model.OutputSize);
        GroupWidths = KernelLayout.GroupWidths(model.HiddenSize);
        LayerOffsets = Enumerable.Range(0, model.Layers)
            .Select(k => KernelLayout.LayerOffset(Gates, model.InputSize, model.HiddenSize, k)).ToArray();
        HeadOffset = KernelLayout.LayerOffset(Gates, model.InputSize, model.HiddenSize, model.Layers);
        TotalLength = KernelLayout.ModelLength(Gates, model.InputSize, model.HiddenSize, model.Layers, model.OutputSize);
    }

    public ModelDeclaration Model { get; }

    public int Gates { get; }

    public bool IsLstm => Gates == 4;

    public int PaddedHidden { get; }

    public int PaddedOutput { get; }

    public int[] GroupWidths { get; }

    public int FullGroups => GroupWidths.Count(w => w == KernelLayout.MaxGroupWidth);

    public int RemainderWidth => GroupWidths.Length > FullGroups ? GroupWidths[GroupWidths.Length - 1] : 0;

    public int[] LayerOffsets { get; }

    public int HeadOffset { get; }

    public int TotalLength { get; }

    /// <summary>Floats of state a user sees: h of every layer, then (LSTM) c of every layer.</summary>
    public int StateLength => (IsLstm ? 2 : 1) * Model.Layers * Model.HiddenSize;

    /// <summary>Floats in the inline state buffer: the padded vectors, then one scratch vector for the next h.</summary>
    public int StateBufferLength => (IsLstm ? 2 : 1) * Model.Layers * PaddedHidden + PaddedHidden;

    public int HiddenOffset(int layer) => layer * PaddedHidden;

    public int CellOffset(int layer) => (Model.Layers + layer) * PaddedHidden;

    public int ScratchOffset => (IsLstm ? 2 : 1) * Model.Layers * PaddedHidden;

    /// <summary>Layer kernels differ only in their input size: layer 0 reads I, the others H.</summary>
    public string LayerKernel(int layer) => layer == 0 || Model.InputSize == Model.HiddenSize ? "InputLayer" : "HiddenLayer";

    public IEnumerable<(string Name, int InputSize)> LayerKernels()
    {
        yield return ("InputLayer", Model.InputSize);
        if (Model.Layers > 1 && Model.InputSize != Model.HiddenSize)
            yield return ("HiddenLayer", Model.HiddenSize);
    }

    public int LayerInputSize(int layer) => layer == 0 ? Model.InputSize : Model.HiddenSize;

    public long Parameters
    {
        get
        {
            long gh = (long)Gates * Model.HiddenSize, total = 0;
            for (int k = 0; k < Model.Layers; k++)
                total += gh * (LayerInputSize(k) + Model.HiddenSize + 2);
            return total + (long)Model.OutputSize * (Model.HiddenSize + 1);
        }
    }

    public long FlopsPerStep
    {
        get
        {
            long flops = 0;
            for (int k = 0; k < Model.Layers; k++)
                flops += 2L * Gates * Model.HiddenSize * (LayerInputSize(k) + Model.HiddenSize);
            return flops + 2L * Model.HiddenSize * Model.OutputSize;
        }
    }

    /// <summary>
    /// The vector width a group of <paramref name="width"/> units runs with on <paramref name="flavor"/>'s path:
    /// 512-bit vectors need 16-unit multiples, so an 8- or 24-unit remainder group runs with 256-bit vectors.
    /// </summary>
    public static VectorFlavor GroupFlavor(VectorFlavor flavor, int width) =>
        flavor.Lanes == 16 && width % 16 != 0 ? VectorFlavor.V256 : flavor;

    /// <summary>
    /// Units per pass within one group: a whole 16-unit group (two 256-bit or four 128-bit vectors per gate, 8 or 16
    /// accumulators — ARM64 has 32 vector registers); 512-bit passes pair two groups instead while the layer is small
    /// (<see cref="PairsGroups"/>).
    /// </summary>
    public static int PassUnits(VectorFlavor flavor) => KernelLayout.MaxGroupWidth;

    /// <summary>
    /// Whether 512-bit passes pair two neighbouring groups (two weight streams, twice the independent accumulators).
    /// That pays while a layer's weights are mostly L1-resident; once they stream from L2, two interleaved streams
    /// read slower than one (Zen 5, one step at 512 bits: GRU I=1 H=128 1,255–1,347 ns single vs 1,519–1,662 paired;
    /// LSTM I=1 H=128 1,676–1,783 vs 2,613–2,797; but LSTM I=8 H=64, 78 KB, 547 paired vs 713 single).
    /// </summary>
    public bool PairsGroups(int inputSize) =>
        4L * FullGroups * KernelLayout.GroupLength(Gates, inputSize, Model.HiddenSize, KernelLayout.MaxGroupWidth)
            <= PairedLayerBudgetBytes;

    /// <summary>The largest layer (bytes of packed weights) whose 512-bit passes pair groups: twice a 48 KB L1d.</summary>
    public const int PairedLayerBudgetBytes = 96 * 1024;

    /// <summary>Splitting k over two accumulator sets when a pass has only one vector per gate (fewer than 8 chains).</summary>
    public static int KSplit(int vectorsPerGate, int count) => vectorsPerGate == 1 && count >= 4 ? 2 : 1;
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

    public string Type => Name + "<float>";

    public int Bits => Lanes * 32;
}
