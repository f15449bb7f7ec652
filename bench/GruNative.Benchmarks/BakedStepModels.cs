using GruNative;

namespace GruNative.Benchmarks;

// Baked twins of a representative subset of the step models (H = 16, 64, 128; GRU and LSTM; I = 1 and 8): the same
// shapes and the same weights (ModelWeights.CreateRandom(spec, seed: 1)), written to obj/baked-weights/ by the build
// (see the project file) and compiled into read-only data. Each type also loads weights (FromWeights), so one type
// measures both: the baked instance and the loaded one run the same generated code over different memory.
// A subset, because baking is paid at every build: these 12 are about 300,000 float literals (4 MB of JSON); all 26
// would be about 1.3 million (17 MB), three quarters of them the four H = 256 models. The subset spans weights that sit
// in L1 (H = 16), straddle it (H = 64) and stream from L2 (H = 128). They are found as the IBakedForecaster types (the
// generator adds that contract to every model with baked weights).

[GruModel(1, 16, 1, WeightsFile = "GruI1H16.weights.json")] public partial class GruI1H16Baked;
[GruModel(1, 64, 1, WeightsFile = "GruI1H64.weights.json")] public partial class GruI1H64Baked;
[GruModel(1, 128, 1, WeightsFile = "GruI1H128.weights.json")] public partial class GruI1H128Baked;
[GruModel(8, 16, 1, WeightsFile = "GruI8H16.weights.json")] public partial class GruI8H16Baked;
[GruModel(8, 64, 1, WeightsFile = "GruI8H64.weights.json")] public partial class GruI8H64Baked;
[GruModel(8, 128, 1, WeightsFile = "GruI8H128.weights.json")] public partial class GruI8H128Baked;
[LstmModel(1, 16, 1, WeightsFile = "LstmI1H16.weights.json")] public partial class LstmI1H16Baked;
[LstmModel(1, 64, 1, WeightsFile = "LstmI1H64.weights.json")] public partial class LstmI1H64Baked;
[LstmModel(1, 128, 1, WeightsFile = "LstmI1H128.weights.json")] public partial class LstmI1H128Baked;
[LstmModel(8, 16, 1, WeightsFile = "LstmI8H16.weights.json")] public partial class LstmI8H16Baked;
[LstmModel(8, 64, 1, WeightsFile = "LstmI8H64.weights.json")] public partial class LstmI8H64Baked;
[LstmModel(8, 128, 1, WeightsFile = "LstmI8H128.weights.json")] public partial class LstmI8H128Baked;
