using GruNative;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

// The models of the step benchmarks (StepBenchmark, StepComparison, the NativeAOT harness): every (cell, I, H) of the
// benchmark grid with a dense head to one output, L = 1, plus L = 2 at H = 64. Weights are loaded at run time
// (PyTorch's default initialisation, fixed seed): a baked model runs the same kernel code over read-only data instead
// of an array. The benchmarks are generic over the runtime contract every generated model implements.

[GruModel(1, 8, 1)] public partial class GruI1H8 : IStepModel;
[GruModel(1, 16, 1)] public partial class GruI1H16 : IStepModel;
[GruModel(1, 32, 1)] public partial class GruI1H32 : IStepModel;
[GruModel(1, 64, 1)] public partial class GruI1H64 : IStepModel;
[GruModel(1, 128, 1)] public partial class GruI1H128 : IStepModel;
[GruModel(1, 256, 1)] public partial class GruI1H256 : IStepModel;
[GruModel(8, 8, 1)] public partial class GruI8H8 : IStepModel;
[GruModel(8, 16, 1)] public partial class GruI8H16 : IStepModel;
[GruModel(8, 32, 1)] public partial class GruI8H32 : IStepModel;
[GruModel(8, 64, 1)] public partial class GruI8H64 : IStepModel;
[GruModel(8, 128, 1)] public partial class GruI8H128 : IStepModel;
[GruModel(8, 256, 1)] public partial class GruI8H256 : IStepModel;
[GruModel(1, 64, 1, Layers = 2)] public partial class GruI1H64L2 : IStepModel;
[LstmModel(1, 8, 1)] public partial class LstmI1H8 : IStepModel;
[LstmModel(1, 16, 1)] public partial class LstmI1H16 : IStepModel;
[LstmModel(1, 32, 1)] public partial class LstmI1H32 : IStepModel;
[LstmModel(1, 64, 1)] public partial class LstmI1H64 : IStepModel;
[LstmModel(1, 128, 1)] public partial class LstmI1H128 : IStepModel;
[LstmModel(1, 256, 1)] public partial class LstmI1H256 : IStepModel;
[LstmModel(8, 8, 1)] public partial class LstmI8H8 : IStepModel;
[LstmModel(8, 16, 1)] public partial class LstmI8H16 : IStepModel;
[LstmModel(8, 32, 1)] public partial class LstmI8H32 : IStepModel;
[LstmModel(8, 64, 1)] public partial class LstmI8H64 : IStepModel;
[LstmModel(8, 128, 1)] public partial class LstmI8H128 : IStepModel;
[LstmModel(8, 256, 1)] public partial class LstmI8H256 : IStepModel;
[LstmModel(1, 64, 1, Layers = 2)] public partial class LstmI1H64L2 : IStepModel;

/// <summary>A model the step benchmarks measure: the models above opt in by naming it (<see cref="BenchmarkSet"/> finds them).</summary>
public interface IStepModel;

/// <summary>
/// One model's streaming step — <c>Step</c> then <c>Predict</c> — on fixed weights (PyTorch's default initialisation,
/// seed 1) and a fixed input, written once against the runtime contract for every harness that times it.
/// </summary>
/// <remarks>
/// A struct, held where the harness keeps it (a benchmark's field, a local passed by ref), so the state sits where a
/// caller's would: the step time of small models depends on where the state falls within a cache line.
/// </remarks>
public struct StepRunner<TModel, TState>
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    private readonly TModel _model;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly VectorPath _path;
    private TState _state;

    public StepRunner(VectorPath path)
    {
        _model = TModel.FromWeights(ModelWeights.CreateRandom(TModel.Spec, seed: 1), "<benchmark>");
        _input = StepInput.For(TModel.InputSize);
        _output = new float[TModel.OutputSize];
        _path = path;
    }

    /// <summary>For example <c>GRU I=1 H=8 L=1</c>.</summary>
    public static string Label
    {
        get
        {
            var spec = TModel.Spec;
            return $"{spec.Cell.ToDisplayName()} I={spec.InputSize} H={spec.HiddenSize} L={spec.Layers}";
        }
    }

    /// <summary>
    /// One step of every layer, then the head. On <see cref="VectorPath.Auto"/> through the overloads without a path, as
    /// an application calls them (their dispatch folds to one width); a forced path through the overloads that take it.
    /// </summary>
    public void StepAndPredict()
    {
        if (_path == VectorPath.Auto)
        {
            _model.Step(_input, ref _state);
            _model.Predict(in _state, _output);
        }
        else
        {
            _model.Step(_input, ref _state, _path);
            _model.Predict(in _state, _output, _path);
        }
    }
}

/// <summary>A fixed, unremarkable observation: the kernels' cost does not depend on the values.</summary>
internal static class StepInput
{
    public static float[] For(int size) => Enumerable.Range(0, size).Select(i => 0.5f - 0.1f * i).ToArray();
}
