using GruNative;

namespace GruNative.Benchmarks.Placement;

// The placement experiment's models: step shapes (head H → 1) where the step tables showed per-process differences.
// Weights are loaded (seed 1). They live in their own namespace, so BenchmarkSet does not take them for window models.

[GruModel(1, 8, 1)] public partial class PlacedGruI1H8 : IGeneratedForecaster<PlacedGruI1H8, PlacedGruI1H8.State>;
[GruModel(1, 32, 1)] public partial class PlacedGruI1H32 : IGeneratedForecaster<PlacedGruI1H32, PlacedGruI1H32.State>;
[GruModel(1, 64, 1)] public partial class PlacedGruI1H64 : IGeneratedForecaster<PlacedGruI1H64, PlacedGruI1H64.State>;
[GruModel(1, 128, 1)] public partial class PlacedGruI1H128 : IGeneratedForecaster<PlacedGruI1H128, PlacedGruI1H128.State>;
[GruModel(8, 64, 1)] public partial class PlacedGruI8H64 : IGeneratedForecaster<PlacedGruI8H64, PlacedGruI8H64.State>;
[LstmModel(1, 16, 1)] public partial class PlacedLstmI1H16 : IGeneratedForecaster<PlacedLstmI1H16, PlacedLstmI1H16.State>;
[LstmModel(1, 64, 1)] public partial class PlacedLstmI1H64 : IGeneratedForecaster<PlacedLstmI1H64, PlacedLstmI1H64.State>;
[LstmModel(1, 128, 1)] public partial class PlacedLstmI1H128 : IGeneratedForecaster<PlacedLstmI1H128, PlacedLstmI1H128.State>;
