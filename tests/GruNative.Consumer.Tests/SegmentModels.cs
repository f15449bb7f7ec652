// The segment models this project declares, the way a user would: every variant of the family (GRU and LSTM × parallel
// decoding with and without channel ids × recurrent decoding), sizes chosen so that every vector path meets a remainder
// (d not a multiple of 16, w not a multiple of 8), and one whose workspace is too large for the stack.

using GruNative;

namespace GruNative.Consumer.Tests
{
    /// <summary>Baked GRU, parallel decoding with channel ids, scalers and prediction intervals: L=48 H=24 w=12 d=16 C=3.</summary>
    [SegmentModel(CellKind.Gru, lookback: 48, horizon: 24, segmentLength: 12, hiddenSize: 16, Channels = 3, WeightsFile = "baked_segment.weights.json")]
    public partial class BakedSegment;

    /// <summary>Loaded twin of <see cref="BakedSegment"/>.</summary>
    [SegmentModel(CellKind.Gru, 48, 24, 12, 16, Channels = 3)]
    public partial class LoadedSegmentTwin;

    /// <summary>GRU, parallel, channel ids: L=48 H=24 w=12 d=32 C=3 (two full 16-unit groups).</summary>
    [SegmentModel(CellKind.Gru, 48, 24, 12, 32, Channels = 3)]
    public partial class SegmentGruIds;

    /// <summary>LSTM, parallel, no channel ids: L=40 H=20 w=5 d=20 (a 16-unit group and a 4-unit remainder padded to 8).</summary>
    [SegmentModel(CellKind.Lstm, 40, 20, 5, 20)]
    public partial class SegmentLstm;

    /// <summary>LSTM, parallel, channel ids: L=24 H=16 w=8 d=18 C=2.</summary>
    [SegmentModel(CellKind.Lstm, 24, 16, 8, 18, Channels = 2)]
    public partial class SegmentLstmIds;

    /// <summary>GRU, recurrent decoding: L=36 H=18 w=6 d=13.</summary>
    [SegmentModel(CellKind.Gru, 36, 18, 6, 13, Decoding = SegmentDecoding.Recurrent)]
    public partial class SegmentGruRecurrent;

    /// <summary>LSTM, recurrent decoding: L=16 H=8 w=4 d=24.</summary>
    [SegmentModel(CellKind.Lstm, 16, 8, 4, 24, Decoding = SegmentDecoding.Recurrent)]
    public partial class SegmentLstmRecurrent;

    /// <summary>GRU, parallel: L=48 H=48 w=24 d=256, whose 5 KiB workspace is rented rather than put on the stack.</summary>
    [SegmentModel(CellKind.Gru, 48, 48, 24, 256)]
    public partial class SegmentGruLarge;
}
