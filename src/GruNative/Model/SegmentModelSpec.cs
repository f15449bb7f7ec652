using System;

namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too, so a segment model's declaration, its weights
// file and the runtime are checked and described by one definition. The type states no accessibility here, so it is
// internal in the generator; SharedSourceAccessibility.cs makes it public in the runtime.

/// <summary>
/// The shape of a segment-recurrent forecaster (SegRNN, Lin et al. 2023): a univariate window of <see cref="Lookback"/>
/// steps, minus its last value, is cut into n = L / w segments of <see cref="SegmentLength"/> w steps; each segment is
/// embedded by Linear(w → d) + ReLU; one GRU or LSTM layer of width d runs over the n embeddings; the
/// <see cref="Decoding"/> produces m = H / w future segments of w steps through Linear(d → w), and the last value is
/// added back. Channel-independent: every channel of a multivariate series runs through the same weights.
/// </summary>
/// <remarks>
/// Immutable, with value equality. Every size is at least 1 and at most <see cref="ModelLimits.MaxDimension"/>. Channel
/// ids (<see cref="Channels"/> &gt; 0) apply to parallel decoding only, as in the official implementation: there pos_emb
/// and channel_emb take d/2 values each, so d must be even. The counts derived from the shape (parameters, FLOPs) are
/// defined here only.
/// </remarks>
sealed partial class SegmentModelSpec : IEquatable<SegmentModelSpec>
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
    /// <exception cref="ArgumentOutOfRangeException">The cell or decoding is unknown, or a size is below 1 (C below 0) or above its limit.</exception>
    /// <exception cref="ArgumentException">L or H is not a multiple of w, d is odd with channel ids, or channel ids are asked for with recurrent decoding.</exception>
    public SegmentModelSpec(CellKind cell, int lookback, int horizon, int segmentLength, int hiddenSize,
        SegmentDecoding decoding = SegmentDecoding.Parallel, int channels = 0)
    {
        if (cell is not (CellKind.Gru or CellKind.Lstm))
            throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell kind.");
        if (decoding is not (SegmentDecoding.Parallel or SegmentDecoding.Recurrent))
            throw new ArgumentOutOfRangeException(nameof(decoding), decoding, "Unknown decoding.");
        Check(lookback, 1, nameof(lookback));
        Check(horizon, 1, nameof(horizon));
        Check(segmentLength, 1, nameof(segmentLength));
        Check(hiddenSize, 1, nameof(hiddenSize));
        Check(channels, 0, nameof(channels));
        if (FindProblem(lookback, horizon, segmentLength, hiddenSize, decoding, channels) is { } problem)
            throw new ArgumentException(problem.Message + ".", problem.Parameter);

        Cell = cell;
        Lookback = lookback;
        Horizon = horizon;
        SegmentLength = segmentLength;
        HiddenSize = hiddenSize;
        Decoding = decoding;
        Channels = channels;
    }

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

    /// <summary>Values of pos_emb per future segment: d/2 with channel ids, else d; 0 with recurrent decoding (no pos_emb).</summary>
    public int PositionWidth => Decoding == SegmentDecoding.Recurrent ? 0 : UsesChannelIds ? HiddenSize / 2 : HiddenSize;

    /// <summary>G: gate blocks of the recurrent layer (3 for GRU, 4 for LSTM).</summary>
    public int GateCount => Cell.GateCount();

    /// <summary>Number of trainable parameters, exactly as PyTorch counts the official module's.</summary>
    public long ParameterCount
    {
        get
        {
            long d = HiddenSize, w = SegmentLength, gd = (long)GateCount * d;
            long embeddings = (long)OutputSegments * PositionWidth + (UsesChannelIds ? Channels * (d / 2) : 0);
            return embeddings + (d * w + d) + (2 * gd * d + 2 * gd) + (w * d + w);
        }
    }

    /// <summary>
    /// Floating-point operations of one forecast of one channel, counting a multiply-add as two: n segment embeddings
    /// (2·w·d each) and n cell steps (2·G·d·2d each); then per future segment a cell step and the head (2·d·w) — and,
    /// with recurrent decoding, an embedding of each predicted segment but the last (and no step for the first, which
    /// reads the encoder's state). Activations and the last-value shift are not counted.
    /// </summary>
    public long FlopsPerForecast
    {
        get
        {
            long d = HiddenSize, w = SegmentLength, n = InputSegments, m = OutputSegments;
            long embed = 2 * w * d, step = 2L * GateCount * d * (2 * d), head = 2 * d * w;
            long encoder = n * (embed + step);
            long decoder = Decoding == SegmentDecoding.Parallel
                ? m * (step + head)
                : m * head + (m - 1) * (embed + step);
            return encoder + decoder;
        }
    }

    /// <summary>
    /// The problem with a segment model's sizes (each already within its range), as a message and the parameter it
    /// concerns, or null when they make a model. The one statement of these rules for the runtime, the trainer and the
    /// generator's diagnostics.
    /// </summary>
    internal static (string Message, string Parameter)? FindProblem(int lookback, int horizon, int segmentLength, int hiddenSize, SegmentDecoding decoding, int channels)
    {
        if (lookback % segmentLength != 0)
            return ($"The lookback ({lookback}) must be a multiple of the segment length ({segmentLength})", nameof(lookback));
        if (horizon % segmentLength != 0)
            return ($"The horizon ({horizon}) must be a multiple of the segment length ({segmentLength})", nameof(horizon));
        if (channels > 0 && decoding != SegmentDecoding.Parallel)
            return ("Channel ids apply to parallel (PMF) decoding only; recurrent decoding has no channel embedding", nameof(channels));
        if (channels > 0 && hiddenSize % 2 != 0)
            return ($"With channel ids, pos_emb and channel_emb take d/2 values each, so d ({hiddenSize}) must be even", nameof(hiddenSize));
        return null;
    }

    /// <inheritdoc />
    public bool Equals(SegmentModelSpec? other) =>
        other is not null && Cell == other.Cell && Lookback == other.Lookback && Horizon == other.Horizon
        && SegmentLength == other.SegmentLength && HiddenSize == other.HiddenSize && Decoding == other.Decoding && Channels == other.Channels;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SegmentModelSpec);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Written out rather than HashCode.Combine, which netstandard2.0 (the generator) lacks.
        int hash = (int)Cell;
        hash = hash * 31 + Lookback;
        hash = hash * 31 + Horizon;
        hash = hash * 31 + SegmentLength;
        hash = hash * 31 + HiddenSize;
        hash = hash * 31 + (int)Decoding;
        return hash * 31 + Channels;
    }

    /// <summary>The shape as every report and message writes it, for example <c>SegRNN GRU L=336 H=96 w=24 d=64 PMF C=7</c>.</summary>
    public override string ToString() =>
        $"SegRNN {Cell.ToDisplayName()} L={Lookback} H={Horizon} w={SegmentLength} d={HiddenSize} " +
        $"{(Decoding == SegmentDecoding.Parallel ? "PMF" : "RMF")}{(UsesChannelIds ? $" C={Channels}" : "")}";

    private static void Check(int value, int min, string name)
    {
        if (value < min || value > ModelLimits.MaxDimension)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {ModelLimits.MaxDimension}.");
    }
}
