using System;

namespace GruNative.Training.Segments;

/// <summary>
/// The shape of a segment-recurrent forecaster (SegRNN, Lin et al. 2023): a univariate window of
/// <see cref="Lookback"/> steps is cut into n = L / w segments of <see cref="SegmentLength"/> w steps, each embedded by
/// Linear(w → d) + ReLU; one GRU or LSTM layer of width d runs over the n embeddings; the
/// <see cref="Decoding"/> produces m = H / w future segments of w steps through Linear(d → w).
/// </summary>
/// <remarks>
/// Immutable, with value equality. Channel ids (<see cref="Channels"/> &gt; 0) apply to parallel decoding only, as in
/// the official implementation: there pos_emb and channel_emb take d/2 values each, so d must be even.
/// </remarks>
public sealed record SegmentShape
{
    /// <summary>Checks and creates a shape.</summary>
    /// <param name="cell">GRU or LSTM.</param>
    /// <param name="lookback">L: steps per input window, a multiple of <paramref name="segmentLength"/>.</param>
    /// <param name="horizon">H: steps forecast, a multiple of <paramref name="segmentLength"/>.</param>
    /// <param name="segmentLength">w: steps per segment.</param>
    /// <param name="hiddenSize">d: width of the segment embeddings and of the recurrent state.</param>
    /// <param name="decoding">Parallel (PMF) or recurrent (RMF) decoding.</param>
    /// <param name="channels">
    /// C: number of channels with a learned channel embedding (channel ids on), or 0 for none (pos_emb then takes all d
    /// values). Only with parallel decoding.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 (C below 0) or above <see cref="MaxDimension"/>.</exception>
    /// <exception cref="ArgumentException">L or H is not a multiple of w, d is odd with channel ids, or channel ids are asked for with recurrent decoding.</exception>
    public SegmentShape(CellKind cell, int lookback, int horizon, int segmentLength, int hiddenSize,
        SegmentDecoding decoding = SegmentDecoding.Parallel, int channels = 0)
    {
        if (!Enum.IsDefined(cell))
            throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell kind.");
        if (!Enum.IsDefined(decoding))
            throw new ArgumentOutOfRangeException(nameof(decoding), decoding, "Unknown decoding.");
        CheckSize(lookback, nameof(lookback));
        CheckSize(horizon, nameof(horizon));
        CheckSize(segmentLength, nameof(segmentLength));
        CheckSize(hiddenSize, nameof(hiddenSize));
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, MaxDimension);
        if (lookback % segmentLength != 0)
            throw new ArgumentException($"The lookback ({lookback}) must be a multiple of the segment length ({segmentLength}).", nameof(lookback));
        if (horizon % segmentLength != 0)
            throw new ArgumentException($"The horizon ({horizon}) must be a multiple of the segment length ({segmentLength}).", nameof(horizon));
        if (channels > 0 && decoding != SegmentDecoding.Parallel)
            throw new ArgumentException("Channel ids apply to parallel (PMF) decoding only; recurrent decoding has no channel embedding.", nameof(channels));
        if (channels > 0 && hiddenSize % 2 != 0)
            throw new ArgumentException($"With channel ids, pos_emb and channel_emb take d/2 values each, so d ({hiddenSize}) must be even.", nameof(hiddenSize));

        Cell = cell;
        Lookback = lookback;
        Horizon = horizon;
        SegmentLength = segmentLength;
        HiddenSize = hiddenSize;
        Decoding = decoding;
        Channels = channels;
    }

    /// <summary>The largest lookback, horizon, segment length, d or channel count accepted.</summary>
    public const int MaxDimension = 4096;

    /// <summary>GRU or LSTM.</summary>
    public CellKind Cell { get; }

    /// <summary>L: steps per input window.</summary>
    public int Lookback { get; }

    /// <summary>H: steps forecast.</summary>
    public int Horizon { get; }

    /// <summary>w: steps per segment.</summary>
    public int SegmentLength { get; }

    /// <summary>d: width of the embeddings and the recurrent state.</summary>
    public int HiddenSize { get; }

    /// <summary>Parallel (PMF) or recurrent (RMF) decoding.</summary>
    public SegmentDecoding Decoding { get; }

    /// <summary>C: channels with a channel embedding, or 0 when channel ids are off.</summary>
    public int Channels { get; }

    /// <summary>True when each window carries a channel id and the decoder reads channel_emb[c].</summary>
    public bool UsesChannelIds => Channels > 0;

    /// <summary>n = L / w: segments per input window, the encoder's steps.</summary>
    public int InputSegments => Lookback / SegmentLength;

    /// <summary>m = H / w: segments forecast.</summary>
    public int OutputSegments => Horizon / SegmentLength;

    /// <summary>Values of pos_emb per future segment: d/2 with channel ids, else d (parallel decoding only).</summary>
    public int PositionWidth => UsesChannelIds ? HiddenSize / 2 : HiddenSize;

    /// <summary>For example <c>SegRNN GRU L=336 H=96 w=24 d=64 PMF C=7</c>.</summary>
    public override string ToString() =>
        $"SegRNN {Cell.ToString().ToUpperInvariant()} L={Lookback} H={Horizon} w={SegmentLength} d={HiddenSize} " +
        $"{(Decoding == SegmentDecoding.Parallel ? "PMF" : "RMF")}{(UsesChannelIds ? $" C={Channels}" : "")}";

    private static void CheckSize(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDimension, name);
    }
}
