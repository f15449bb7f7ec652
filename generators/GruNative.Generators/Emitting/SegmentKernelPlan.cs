using System.Collections.Generic;
using System.Linq;
using GruNative.Kernels;

namespace GruNative.Generators.Emitting;

/// <summary>
/// Every decision behind a generated segment kernel, made once. A segment model is the plain family's parts
/// rearranged (<see cref="SegmentKernelLayout"/>), so its plan is two plain plans — the core (recurrent layer and predict
/// head, <see cref="SegmentKernelLayout.CoreSpec"/>) and the embedding (a head of w inputs and d outputs) — plus the
/// offsets of the packed sections and the workspace a forecast runs in.
/// </summary>
internal sealed class SegmentKernelPlan
{
    public SegmentKernelPlan(SegmentModelSpec spec)
    {
        Spec = spec;
        Core = new KernelPlan(SegmentKernelLayout.CoreSpec(spec));
        Embedding = new KernelPlan(new ModelSpec(spec.Cell, 1, spec.SegmentLength, 1, spec.HiddenSize));
        EmbeddingOffset = SegmentKernelLayout.EmbeddingOffset(spec);
        PositionOffset = SegmentKernelLayout.PositionOffset(spec);
        ChannelOffset = SegmentKernelLayout.ChannelOffset(spec);
        TotalLength = SegmentKernelLayout.ModelLength(spec);

        // The workspace: h, (c), the next h, (the decoder's copy of c), the step's input, a segment and a head's output.
        int p = Core.PaddedHidden, pw = KernelLayout.Pad(spec.SegmentLength);
        int at = 0;
        int Take(int length)
        {
            int start = at;
            at += length;
            return start;
        }
        HiddenAt = Take(p);
        CellAt = IsLstm ? Take(p) : -1;
        NextAt = Take(p);
        // Parallel decoding steps the m future segments as m streams (the scalar path one at a time, in the first slot).
        int m = spec.OutputSegments;
        DecoderCellAt = IsLstm && IsParallel ? Take(m * p) : -1;
        InputAt = Take(p);
        SegmentAt = Take(pw);
        OutputAt = Take(pw);
        DecodeNextAt = IsParallel ? Take(m * p) : -1;
        DecodeInputAt = IsParallel && spec.UsesChannelIds ? Take(m * spec.HiddenSize) : -1;
        WorkspaceLength = at;

        // The vector paths' encoder runs every channel at once: one block per channel after the shared part, each on a
        // 64-byte boundary: h, the next h, the step's input, (c), and the window's last value.
        ChannelsAt = (at + 15) / 16 * 16;
        ChannelLastAt = (IsLstm ? 4 : 3) * p;
        ChannelBlock = (ChannelLastAt + 1 + 15) / 16 * 16;
    }

    public SegmentModelSpec Spec { get; }

    /// <summary>The recurrent layer and the predict head, run by the plain family's layer and head kernels.</summary>
    public KernelPlan Core { get; }

    /// <summary>The segment embedding as a plain model's head (w inputs, d outputs); only its head is used.</summary>
    public KernelPlan Embedding { get; }

    public bool IsLstm => Spec.Cell == CellKind.Lstm;

    public bool IsParallel => Spec.Decoding == SegmentDecoding.Parallel;

    public int EmbeddingOffset { get; }

    public int PositionOffset { get; }

    public int ChannelOffset { get; }

    public int TotalLength { get; }

    public int HiddenAt { get; }

    public int CellAt { get; }

    public int NextAt { get; }

    public int DecoderCellAt { get; }

    public int InputAt { get; }

    public int SegmentAt { get; }

    public int OutputAt { get; }

    /// <summary>Parallel decoding: the m segments' new h, <see cref="KernelPlan.PaddedHidden"/> floats apart; −1 otherwise.</summary>
    public int DecodeNextAt { get; }

    /// <summary>Parallel decoding with channel ids: the m segments' inputs pos_emb[j] ‖ channel_emb, d floats apart; −1 otherwise.</summary>
    public int DecodeInputAt { get; }

    /// <summary>The parallel decoder's many-stream cell: m streams, inputs d apart (pos_emb rows, or <see cref="DecodeInputAt"/>'s), one h, the new h (and c) one padded vector apart.</summary>
    public StreamStrides DecoderStrides => new(Spec.HiddenSize, 0, Core.PaddedHidden, Core.PaddedHidden, Spec.OutputSegments);

    /// <summary>Floats of one channel's forecast workspace (the scalar path's, and the part the channels share).</summary>
    public int WorkspaceLength { get; }

    /// <summary>Where the vector paths' per-channel blocks start (<see cref="ChannelBlock"/> floats each).</summary>
    public int ChannelsAt { get; }

    /// <summary>Floats of one channel's block: h at 0, the next h at p, the step's input at 2p, (c at 3p,) the last value.</summary>
    public int ChannelBlock { get; }

    /// <summary>Where a channel's block keeps the window's last value.</summary>
    public int ChannelLastAt { get; }

    /// <summary>The encoder's many-stream cell: one stream per channel, each channel's vectors one block apart.</summary>
    public StreamStrides EncoderStrides => new(ChannelBlock, ChannelBlock, ChannelBlock, ChannelBlock, Spec.UsesChannelIds ? Spec.Channels : null);

    /// <summary>Floats of the workspace of a forecast of <paramref name="channels"/> channels.</summary>
    public long WorkspaceFor(long channels) => ChannelsAt + channels * ChannelBlock;

    /// <summary>Channels a forecast call reads per step: C with channel ids, else 1 (more through ForecastChannels).</summary>
    public int InputSize => Spec.UsesChannelIds ? Spec.Channels : 1;

    /// <summary>Floats of the device's ring buffer: the last L observations of <see cref="InputSize"/> channels.</summary>
    public int HistoryLength => Spec.Lookback * InputSize;

    /// <summary>
    /// The vectors of each path's three kernels — the cell, the predict head and the embedding — which may differ (a
    /// 512-bit head needs its outputs in whole 512-bit vectors). Paths with the same three share one forecast method.
    /// </summary>
    public (VectorFlavor Cell, VectorFlavor Predict, VectorFlavor Embed) Flavors(VectorFlavor path) =>
        (Core.LayerFlavor(path), Core.HeadFlavor(path), Embedding.HeadFlavor(path));

    /// <summary>The distinct forecast methods to emit, each named after the widest path that runs it, widest first.</summary>
    public IEnumerable<(string Name, (VectorFlavor Cell, VectorFlavor Predict, VectorFlavor Embed) Flavors)> ForecastMethods =>
        KernelPlan.Paths.GroupBy(Flavors).Select(g => (g.First().Name, g.Key));

    /// <summary>The forecast method <paramref name="path"/> runs.</summary>
    public string ForecastMethodOf(VectorFlavor path) => ForecastMethods.First(m => m.Flavors.Equals(Flavors(path))).Name;
}
