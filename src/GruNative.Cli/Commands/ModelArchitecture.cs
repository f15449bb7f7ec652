namespace GruNative.Cli.Commands;

/// <summary>The model families <c>train</c> and <c>compare</c> can build.</summary>
internal enum ModelArchitecture
{
    /// <summary>A stacked GRU or LSTM that reads the window one step at a time, and a dense head from its last state.</summary>
    Recurrent,

    /// <summary>
    /// The segment-recurrent forecaster (SegRNN): the window cut into segments, one GRU or LSTM step per embedded segment,
    /// and parallel (or recurrent) decoding of the future segments; channel-independent.
    /// </summary>
    SegRnn,
}
