using GruNative;

namespace GruNative.Benchmarks.Placement;

// The placement experiment's models: step shapes (head H → 1) where the step tables showed per-process differences.
// Weights are loaded (seed 1). They live in their own namespace, so BenchmarkSet does not take them for benchmark models.

[GruModel(1, 8, 1)] public partial class PlacedGruI1H8;
[GruModel(1, 32, 1)] public partial class PlacedGruI1H32;
[GruModel(1, 64, 1)] public partial class PlacedGruI1H64;
[GruModel(1, 128, 1)] public partial class PlacedGruI1H128;
[GruModel(8, 64, 1)] public partial class PlacedGruI8H64;
[LstmModel(1, 16, 1)] public partial class PlacedLstmI1H16;
[LstmModel(1, 64, 1)] public partial class PlacedLstmI1H64;
[LstmModel(1, 128, 1)] public partial class PlacedLstmI1H128;
