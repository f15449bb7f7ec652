using GruNative;

namespace GruNative.Benchmarks;

// The segment benchmarks' models: the shapes of docs/recipes/etth1-*.rsp (SegRNN GRU, L = 336, w = 24, d = 64, parallel
// decoding with channel ids): ETTh1 S (C = 1) at horizon 96 and ETTh1 M (C = 7) at every horizon. Weights are loaded at
// run time (random, seed 1), as for the step models.

[SegmentModel(CellKind.Gru, 336, 96, 24, 64, Channels = 1)] public partial class SegmentS96 : ISegmentModel;
[SegmentModel(CellKind.Gru, 336, 96, 24, 64, Channels = 7)] public partial class SegmentM96 : ISegmentModel;
[SegmentModel(CellKind.Gru, 336, 192, 24, 64, Channels = 7)] public partial class SegmentM192 : ISegmentModel;
[SegmentModel(CellKind.Gru, 336, 336, 24, 64, Channels = 7)] public partial class SegmentM336 : ISegmentModel;
[SegmentModel(CellKind.Gru, 336, 720, 24, 64, Channels = 7)] public partial class SegmentM720 : ISegmentModel;
[SegmentModel(CellKind.Lstm, 336, 96, 24, 64, Channels = 7)] public partial class SegmentLstmM96 : ISegmentModel;

/// <summary>A model the segment benchmark measures: the models above opt in by naming it (<see cref="BenchmarkSet"/> finds them).</summary>
public interface ISegmentModel;
