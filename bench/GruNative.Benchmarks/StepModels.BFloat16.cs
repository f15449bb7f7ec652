using GruNative;

namespace GruNative.Benchmarks;

// The bfloat16 twins of the one-layer step models (StepModels.cs): the same shapes and weights, the layers' weights
// stored as bfloat16 (WeightPrecision.BFloat16). The NativeAOT harness times them beside the fp32 models
// (--lines --bf16, and the Markdown rows marked bf16).

[GruModel(1, 8, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI1H8Bf16 : IBFloat16StepModel;
[GruModel(1, 16, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI1H16Bf16 : IBFloat16StepModel;
[GruModel(1, 32, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI1H32Bf16 : IBFloat16StepModel;
[GruModel(1, 64, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI1H64Bf16 : IBFloat16StepModel;
[GruModel(1, 128, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI1H128Bf16 : IBFloat16StepModel;
[GruModel(1, 256, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI1H256Bf16 : IBFloat16StepModel;
[GruModel(8, 8, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI8H8Bf16 : IBFloat16StepModel;
[GruModel(8, 16, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI8H16Bf16 : IBFloat16StepModel;
[GruModel(8, 32, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI8H32Bf16 : IBFloat16StepModel;
[GruModel(8, 64, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI8H64Bf16 : IBFloat16StepModel;
[GruModel(8, 128, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI8H128Bf16 : IBFloat16StepModel;
[GruModel(8, 256, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class GruI8H256Bf16 : IBFloat16StepModel;
[LstmModel(1, 8, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI1H8Bf16 : IBFloat16StepModel;
[LstmModel(1, 16, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI1H16Bf16 : IBFloat16StepModel;
[LstmModel(1, 32, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI1H32Bf16 : IBFloat16StepModel;
[LstmModel(1, 64, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI1H64Bf16 : IBFloat16StepModel;
[LstmModel(1, 128, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI1H128Bf16 : IBFloat16StepModel;
[LstmModel(1, 256, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI1H256Bf16 : IBFloat16StepModel;
[LstmModel(8, 8, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI8H8Bf16 : IBFloat16StepModel;
[LstmModel(8, 16, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI8H16Bf16 : IBFloat16StepModel;
[LstmModel(8, 32, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI8H32Bf16 : IBFloat16StepModel;
[LstmModel(8, 64, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI8H64Bf16 : IBFloat16StepModel;
[LstmModel(8, 128, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI8H128Bf16 : IBFloat16StepModel;
[LstmModel(8, 256, 1, WeightPrecision = WeightPrecision.BFloat16)] public partial class LstmI8H256Bf16 : IBFloat16StepModel;

/// <summary>A bfloat16 step model the NativeAOT harness measures (not among <see cref="IStepModel"/>'s BenchmarkDotNet sets).</summary>
public interface IBFloat16StepModel;
