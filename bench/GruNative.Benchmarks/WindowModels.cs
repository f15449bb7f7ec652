using GruNative;

namespace GruNative.Benchmarks;

// The window benchmarks' models: the step models' shapes (GRU and LSTM, I = 1 and 8, H = 8 … 256, L = 1, and L = 2 at
// H = 64) with a head forecasting the whole horizon (O = 24) from the last step of a 96-step window. Weights are
// loaded at run time (ModelWeights.CreateRandom, seed 1), as for the step models.

[GruModel(1, 8, Workload.Horizon)] public partial class GruI1H8Window : IWindowModel;
[GruModel(1, 16, Workload.Horizon)] public partial class GruI1H16Window : IWindowModel;
[GruModel(1, 32, Workload.Horizon)] public partial class GruI1H32Window : IWindowModel;
[GruModel(1, 64, Workload.Horizon)] public partial class GruI1H64Window : IWindowModel;
[GruModel(1, 128, Workload.Horizon)] public partial class GruI1H128Window : IWindowModel;
[GruModel(1, 256, Workload.Horizon)] public partial class GruI1H256Window : IWindowModel;
[GruModel(8, 8, Workload.Horizon)] public partial class GruI8H8Window : IWindowModel;
[GruModel(8, 16, Workload.Horizon)] public partial class GruI8H16Window : IWindowModel;
[GruModel(8, 32, Workload.Horizon)] public partial class GruI8H32Window : IWindowModel;
[GruModel(8, 64, Workload.Horizon)] public partial class GruI8H64Window : IWindowModel;
[GruModel(8, 128, Workload.Horizon)] public partial class GruI8H128Window : IWindowModel;
[GruModel(8, 256, Workload.Horizon)] public partial class GruI8H256Window : IWindowModel;
[GruModel(1, 64, Workload.Horizon, Layers = 2)] public partial class GruI1H64L2Window : IWindowModel;
[LstmModel(1, 8, Workload.Horizon)] public partial class LstmI1H8Window : IWindowModel;
[LstmModel(1, 16, Workload.Horizon)] public partial class LstmI1H16Window : IWindowModel;
[LstmModel(1, 32, Workload.Horizon)] public partial class LstmI1H32Window : IWindowModel;
[LstmModel(1, 64, Workload.Horizon)] public partial class LstmI1H64Window : IWindowModel;
[LstmModel(1, 128, Workload.Horizon)] public partial class LstmI1H128Window : IWindowModel;
[LstmModel(1, 256, Workload.Horizon)] public partial class LstmI1H256Window : IWindowModel;
[LstmModel(8, 8, Workload.Horizon)] public partial class LstmI8H8Window : IWindowModel;
[LstmModel(8, 16, Workload.Horizon)] public partial class LstmI8H16Window : IWindowModel;
[LstmModel(8, 32, Workload.Horizon)] public partial class LstmI8H32Window : IWindowModel;
[LstmModel(8, 64, Workload.Horizon)] public partial class LstmI8H64Window : IWindowModel;
[LstmModel(8, 128, Workload.Horizon)] public partial class LstmI8H128Window : IWindowModel;
[LstmModel(8, 256, Workload.Horizon)] public partial class LstmI8H256Window : IWindowModel;
[LstmModel(1, 64, Workload.Horizon, Layers = 2)] public partial class LstmI1H64L2Window : IWindowModel;

/// <summary>A model the window benchmark measures: the models above opt in by naming it (<see cref="BenchmarkSet"/> finds them).</summary>
public interface IWindowModel;
