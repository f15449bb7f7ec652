namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too (an enum cannot be partial, so it says its
// accessibility with #if, as CellKind does).

/// <summary>How a segment-recurrent forecaster (<see cref="SegmentModelSpec"/>) turns the encoder's final state into the m future segments.</summary>
#if GRUNATIVE_GENERATOR
internal
#else
public
#endif
enum SegmentDecoding
{
    /// <summary>
    /// Parallel multi-step forecasting (PMF, SegRNN's default): every future segment j takes one recurrent step from the
    /// encoder's final state with a learned input, pos_emb[j] (with <c>channel_emb[c]</c> beside it when channel ids
    /// are on), so the m steps are independent and run as one batch.
    /// </summary>
    Parallel,

    /// <summary>
    /// Recurrent multi-step forecasting (RMF): segment j is predicted from the state after j steps, then embedded by the
    /// same Linear + ReLU as the window's segments and fed to the cell as the next step's input. No position or channel
    /// embeddings.
    /// </summary>
    Recurrent,
}
