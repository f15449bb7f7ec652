using GruNative;

namespace GruNative.Benchmarks;

// The window benchmarks' models: the step models' shapes (GRU and LSTM, I = 1 and 8, H = 8 … 256, L = 1, and L = 2 at
// H = 64) with a head forecasting the whole horizon (O = 24) from the last step of a 96-step window. Weights are
// loaded at run time (ModelWeights.CreateRandom, seed 1), as for the step models.

[GruModel(1, 8, Workload.Horizon)] public partial class GruI1H8Window : IGeneratedForecaster<GruI1H8Window, GruI1H8Window.State>;
[GruModel(1, 16, Workload.Horizon)] public partial class GruI1H16Window : IGeneratedForecaster<GruI1H16Window, GruI1H16Window.State>;
[GruModel(1, 32, Workload.Horizon)] public partial class GruI1H32Window : IGeneratedForecaster<GruI1H32Window, GruI1H32Window.State>;
[GruModel(1, 64, Workload.Horizon)] public partial class GruI1H64Window : IGeneratedForecaster<GruI1H64Window, GruI1H64Window.State>;
[GruModel(1, 128, Workload.Horizon)] public partial class GruI1H128Window : IGeneratedForecaster<GruI1H128Window, GruI1H128Window.State>;
[GruModel(1, 256, Workload.Horizon)] public partial class GruI1H256Window : IGeneratedForecaster<GruI1H256Window, GruI1H256Window.State>;
[GruModel(8, 8, Workload.Horizon)] public partial class GruI8H8Window : IGeneratedForecaster<GruI8H8Window, GruI8H8Window.State>;
[GruModel(8, 16, Workload.Horizon)] public partial class GruI8H16Window : IGeneratedForecaster<GruI8H16Window, GruI8H16Window.State>;
[GruModel(8, 32, Workload.Horizon)] public partial class GruI8H32Window : IGeneratedForecaster<GruI8H32Window, GruI8H32Window.State>;
[GruModel(8, 64, Workload.Horizon)] public partial class GruI8H64Window : IGeneratedForecaster<GruI8H64Window, GruI8H64Window.State>;
[GruModel(8, 128, Workload.Horizon)] public partial class GruI8H128Window : IGeneratedForecaster<GruI8H128Window, GruI8H128Window.State>;
[GruModel(8, 256, Workload.Horizon)] public partial class GruI8H256Window : IGeneratedForecaster<GruI8H256Window, GruI8H256Window.State>;
[GruModel(1, 64, Workload.Horizon, Layers = 2)] public partial class GruI1H64L2Window : IGeneratedForecaster<GruI1H64L2Window, GruI1H64L2Window.State>;
[LstmModel(1, 8, Workload.Horizon)] public partial class LstmI1H8Window : IGeneratedForecaster<LstmI1H8Window, LstmI1H8Window.State>;
[LstmModel(1, 16, Workload.Horizon)] public partial class LstmI1H16Window : IGeneratedForecaster<LstmI1H16Window, LstmI1H16Window.State>;
[LstmModel(1, 32, Workload.Horizon)] public partial class LstmI1H32Window : IGeneratedForecaster<LstmI1H32Window, LstmI1H32Window.State>;
[LstmModel(1, 64, Workload.Horizon)] public partial class LstmI1H64Window : IGeneratedForecaster<LstmI1H64Window, LstmI1H64Window.State>;
[LstmModel(1, 128, Workload.Horizon)] public partial class LstmI1H128Window : IGeneratedForecaster<LstmI1H128Window, LstmI1H128Window.State>;
[LstmModel(1, 256, Workload.Horizon)] public partial class LstmI1H256Window : IGeneratedForecaster<LstmI1H256Window, LstmI1H256Window.State>;
[LstmModel(8, 8, Workload.Horizon)] public partial class LstmI8H8Window : IGeneratedForecaster<LstmI8H8Window, LstmI8H8Window.State>;
[LstmModel(8, 16, Workload.Horizon)] public partial class LstmI8H16Window : IGeneratedForecaster<LstmI8H16Window, LstmI8H16Window.State>;
[LstmModel(8, 32, Workload.Horizon)] public partial class LstmI8H32Window : IGeneratedForecaster<LstmI8H32Window, LstmI8H32Window.State>;
[LstmModel(8, 64, Workload.Horizon)] public partial class LstmI8H64Window : IGeneratedForecaster<LstmI8H64Window, LstmI8H64Window.State>;
[LstmModel(8, 128, Workload.Horizon)] public partial class LstmI8H128Window : IGeneratedForecaster<LstmI8H128Window, LstmI8H128Window.State>;
[LstmModel(8, 256, Workload.Horizon)] public partial class LstmI8H256Window : IGeneratedForecaster<LstmI8H256Window, LstmI8H256Window.State>;
[LstmModel(1, 64, Workload.Horizon, Layers = 2)] public partial class LstmI1H64L2Window : IGeneratedForecaster<LstmI1H64L2Window, LstmI1H64L2Window.State>;
