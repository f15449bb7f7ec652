using System;

namespace GruNative;

/// <summary>
/// Declares a segment-recurrent forecaster (SegRNN, <see cref="SegmentModelSpec"/>): windows of <c>lookback</c> steps cut
/// into segments of <c>segmentLength</c>, one GRU or LSTM layer of <c>hiddenSize</c> units over the segment embeddings,
/// and a <c>horizon</c>-step forecast decoded segment by segment. The GruNative source generator writes its kernel into
/// the annotated <c>partial class</c>, with the runtime contract <see cref="ISegmentForecaster{TSelf, THistory}"/>.
/// </summary>
/// <example>
/// <code>
/// [SegmentModel(CellKind.Gru, lookback: 336, horizon: 96, segmentLength: 24, hiddenSize: 64, Channels = 7,
///     WeightsFile = "etth1.weights.json")]
/// public partial class TransformerLoad;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SegmentModelAttribute : Attribute
{
    /// <summary>Declares the model's shape.</summary>
    /// <param name="cell">GRU or LSTM.</param>
    /// <param name="lookback">L: steps per input window, a multiple of <paramref name="segmentLength"/>.</param>
    /// <param name="horizon">H: steps forecast, a multiple of <paramref name="segmentLength"/>.</param>
    /// <param name="segmentLength">w: steps per segment.</param>
    /// <param name="hiddenSize">d: width of the segment embeddings and the recurrent state.</param>
    public SegmentModelAttribute(CellKind cell, int lookback, int horizon, int segmentLength, int hiddenSize)
    {
        Cell = cell;
        Lookback = lookback;
        Horizon = horizon;
        SegmentLength = segmentLength;
        HiddenSize = hiddenSize;
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

    /// <summary>Parallel (PMF, the default) or recurrent (RMF) decoding.</summary>
    public SegmentDecoding Decoding { get; set; } = SegmentDecoding.Parallel;

    /// <summary>C: channels with a learned channel embedding (channel ids on), or 0 (the default) for none.</summary>
    public int Channels { get; set; }

    /// <summary>
    /// File name (or path ending) of a JSON weights file listed among the project's <c>AdditionalFiles</c>, whose
    /// weights are baked into the binary at compile time (the type's <c>Baked</c> instance). When null, the type has no
    /// baked instance; either way <c>Load</c> reads weights of the same shape at run time.
    /// </summary>
    public string? WeightsFile { get; set; }
}
