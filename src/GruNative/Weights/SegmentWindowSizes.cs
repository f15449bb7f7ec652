namespace GruNative;

/// <summary>
/// The window sizes a caller gives a segment model's reader (<see cref="SafeTensorsSegmentWeights"/>,
/// <see cref="JsonSegmentWeights"/>): the two sizes a SegRNN <c>state_dict</c> cannot tell. The lookback L is never in the
/// tensors (every segment goes through the same embedding); the horizon H is in them only with parallel decoding (as
/// pos_emb's m rows × w). A file written by GruNative says both in its metadata, so it needs none; a file saved by the
/// official code (<c>safetensors.torch.save_file(model.state_dict(), path)</c>) needs the lookback, and with recurrent
/// decoding the horizon. A size given here and by the file (or its tensors) must agree, so a caller may always pass what it
/// expects and have a file for another window refused.
/// </summary>
public readonly struct SegmentWindowSizes
{
    /// <summary>Gives the sizes the caller knows (null for an unknown one).</summary>
    /// <param name="lookback">L, steps per input window.</param>
    /// <param name="horizon">H, steps forecast.</param>
    public SegmentWindowSizes(int? lookback = null, int? horizon = null)
    {
        Lookback = lookback;
        Horizon = horizon;
    }

    /// <summary>L, or null when the caller leaves it to the file.</summary>
    public int? Lookback { get; }

    /// <summary>H, or null when the caller leaves it to the file (or its pos_emb).</summary>
    public int? Horizon { get; }
}
