using GruNative;
using GruNative.Kernels;

namespace GruNative.Benchmarks;

// The models measured: every (cell, I, H) of the benchmark grid with a dense head to one output, L = 1, plus L = 2
// at H = 64. Weights are loaded at run time (PyTorch's default initialisation, fixed seed): a baked model runs the
// same kernel code over read-only data instead of an array.

[GruModel(1, 8, 1)] public partial class GruI1H8Model;
[GruModel(1, 16, 1)] public partial class GruI1H16Model;
[GruModel(1, 32, 1)] public partial class GruI1H32Model;
[GruModel(1, 64, 1)] public partial class GruI1H64Model;
[GruModel(1, 128, 1)] public partial class GruI1H128Model;
[GruModel(1, 256, 1)] public partial class GruI1H256Model;
[GruModel(8, 8, 1)] public partial class GruI8H8Model;
[GruModel(8, 16, 1)] public partial class GruI8H16Model;
[GruModel(8, 32, 1)] public partial class GruI8H32Model;
[GruModel(8, 64, 1)] public partial class GruI8H64Model;
[GruModel(8, 128, 1)] public partial class GruI8H128Model;
[GruModel(8, 256, 1)] public partial class GruI8H256Model;
[GruModel(1, 64, 1, Layers = 2)] public partial class GruI1H64L2Model;
[LstmModel(1, 8, 1)] public partial class LstmI1H8Model;
[LstmModel(1, 16, 1)] public partial class LstmI1H16Model;
[LstmModel(1, 32, 1)] public partial class LstmI1H32Model;
[LstmModel(1, 64, 1)] public partial class LstmI1H64Model;
[LstmModel(1, 128, 1)] public partial class LstmI1H128Model;
[LstmModel(1, 256, 1)] public partial class LstmI1H256Model;
[LstmModel(8, 8, 1)] public partial class LstmI8H8Model;
[LstmModel(8, 16, 1)] public partial class LstmI8H16Model;
[LstmModel(8, 32, 1)] public partial class LstmI8H32Model;
[LstmModel(8, 64, 1)] public partial class LstmI8H64Model;
[LstmModel(8, 128, 1)] public partial class LstmI8H128Model;
[LstmModel(8, 256, 1)] public partial class LstmI8H256Model;
[LstmModel(1, 64, 1, Layers = 2)] public partial class LstmI1H64L2Model;

/// <summary>One model behind a struct, so the generic benchmark is specialised per model and calls its kernel directly.</summary>
public interface IStepKernel
{
    ModelSpec Spec { get; }

    void Setup(VectorPath path);

    void Step();

    void Predict();
}

public struct GruI1H8 : IStepKernel
{
    private GruI1H8Model _model; private GruI1H8Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H8Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H8Model.FromWeights(ModelWeights.CreateRandom(GruI1H8Model.Spec, seed: 1)); _input = StepInput.For(GruI1H8Model.InputSize); _output = new float[GruI1H8Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=8 L=1";
}

public struct GruI1H16 : IStepKernel
{
    private GruI1H16Model _model; private GruI1H16Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H16Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H16Model.FromWeights(ModelWeights.CreateRandom(GruI1H16Model.Spec, seed: 1)); _input = StepInput.For(GruI1H16Model.InputSize); _output = new float[GruI1H16Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=16 L=1";
}

public struct GruI1H32 : IStepKernel
{
    private GruI1H32Model _model; private GruI1H32Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H32Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H32Model.FromWeights(ModelWeights.CreateRandom(GruI1H32Model.Spec, seed: 1)); _input = StepInput.For(GruI1H32Model.InputSize); _output = new float[GruI1H32Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=32 L=1";
}

public struct GruI1H64 : IStepKernel
{
    private GruI1H64Model _model; private GruI1H64Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H64Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H64Model.FromWeights(ModelWeights.CreateRandom(GruI1H64Model.Spec, seed: 1)); _input = StepInput.For(GruI1H64Model.InputSize); _output = new float[GruI1H64Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=64 L=1";
}

public struct GruI1H128 : IStepKernel
{
    private GruI1H128Model _model; private GruI1H128Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H128Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H128Model.FromWeights(ModelWeights.CreateRandom(GruI1H128Model.Spec, seed: 1)); _input = StepInput.For(GruI1H128Model.InputSize); _output = new float[GruI1H128Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=128 L=1";
}

public struct GruI1H256 : IStepKernel
{
    private GruI1H256Model _model; private GruI1H256Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H256Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H256Model.FromWeights(ModelWeights.CreateRandom(GruI1H256Model.Spec, seed: 1)); _input = StepInput.For(GruI1H256Model.InputSize); _output = new float[GruI1H256Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=256 L=1";
}

public struct GruI8H8 : IStepKernel
{
    private GruI8H8Model _model; private GruI8H8Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI8H8Model.Spec;
    public void Setup(VectorPath path) { _model = GruI8H8Model.FromWeights(ModelWeights.CreateRandom(GruI8H8Model.Spec, seed: 1)); _input = StepInput.For(GruI8H8Model.InputSize); _output = new float[GruI8H8Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=8 H=8 L=1";
}

public struct GruI8H16 : IStepKernel
{
    private GruI8H16Model _model; private GruI8H16Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI8H16Model.Spec;
    public void Setup(VectorPath path) { _model = GruI8H16Model.FromWeights(ModelWeights.CreateRandom(GruI8H16Model.Spec, seed: 1)); _input = StepInput.For(GruI8H16Model.InputSize); _output = new float[GruI8H16Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=8 H=16 L=1";
}

public struct GruI8H32 : IStepKernel
{
    private GruI8H32Model _model; private GruI8H32Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI8H32Model.Spec;
    public void Setup(VectorPath path) { _model = GruI8H32Model.FromWeights(ModelWeights.CreateRandom(GruI8H32Model.Spec, seed: 1)); _input = StepInput.For(GruI8H32Model.InputSize); _output = new float[GruI8H32Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=8 H=32 L=1";
}

public struct GruI8H64 : IStepKernel
{
    private GruI8H64Model _model; private GruI8H64Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI8H64Model.Spec;
    public void Setup(VectorPath path) { _model = GruI8H64Model.FromWeights(ModelWeights.CreateRandom(GruI8H64Model.Spec, seed: 1)); _input = StepInput.For(GruI8H64Model.InputSize); _output = new float[GruI8H64Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=8 H=64 L=1";
}

public struct GruI8H128 : IStepKernel
{
    private GruI8H128Model _model; private GruI8H128Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI8H128Model.Spec;
    public void Setup(VectorPath path) { _model = GruI8H128Model.FromWeights(ModelWeights.CreateRandom(GruI8H128Model.Spec, seed: 1)); _input = StepInput.For(GruI8H128Model.InputSize); _output = new float[GruI8H128Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=8 H=128 L=1";
}

public struct GruI8H256 : IStepKernel
{
    private GruI8H256Model _model; private GruI8H256Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI8H256Model.Spec;
    public void Setup(VectorPath path) { _model = GruI8H256Model.FromWeights(ModelWeights.CreateRandom(GruI8H256Model.Spec, seed: 1)); _input = StepInput.For(GruI8H256Model.InputSize); _output = new float[GruI8H256Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=8 H=256 L=1";
}

public struct GruI1H64L2 : IStepKernel
{
    private GruI1H64L2Model _model; private GruI1H64L2Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => GruI1H64L2Model.Spec;
    public void Setup(VectorPath path) { _model = GruI1H64L2Model.FromWeights(ModelWeights.CreateRandom(GruI1H64L2Model.Spec, seed: 1)); _input = StepInput.For(GruI1H64L2Model.InputSize); _output = new float[GruI1H64L2Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "GRU I=1 H=64 L=2";
}

public struct LstmI1H8 : IStepKernel
{
    private LstmI1H8Model _model; private LstmI1H8Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H8Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H8Model.FromWeights(ModelWeights.CreateRandom(LstmI1H8Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H8Model.InputSize); _output = new float[LstmI1H8Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=8 L=1";
}

public struct LstmI1H16 : IStepKernel
{
    private LstmI1H16Model _model; private LstmI1H16Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H16Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H16Model.FromWeights(ModelWeights.CreateRandom(LstmI1H16Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H16Model.InputSize); _output = new float[LstmI1H16Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=16 L=1";
}

public struct LstmI1H32 : IStepKernel
{
    private LstmI1H32Model _model; private LstmI1H32Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H32Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H32Model.FromWeights(ModelWeights.CreateRandom(LstmI1H32Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H32Model.InputSize); _output = new float[LstmI1H32Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=32 L=1";
}

public struct LstmI1H64 : IStepKernel
{
    private LstmI1H64Model _model; private LstmI1H64Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H64Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H64Model.FromWeights(ModelWeights.CreateRandom(LstmI1H64Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H64Model.InputSize); _output = new float[LstmI1H64Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=64 L=1";
}

public struct LstmI1H128 : IStepKernel
{
    private LstmI1H128Model _model; private LstmI1H128Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H128Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H128Model.FromWeights(ModelWeights.CreateRandom(LstmI1H128Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H128Model.InputSize); _output = new float[LstmI1H128Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=128 L=1";
}

public struct LstmI1H256 : IStepKernel
{
    private LstmI1H256Model _model; private LstmI1H256Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H256Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H256Model.FromWeights(ModelWeights.CreateRandom(LstmI1H256Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H256Model.InputSize); _output = new float[LstmI1H256Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=256 L=1";
}

public struct LstmI8H8 : IStepKernel
{
    private LstmI8H8Model _model; private LstmI8H8Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI8H8Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI8H8Model.FromWeights(ModelWeights.CreateRandom(LstmI8H8Model.Spec, seed: 1)); _input = StepInput.For(LstmI8H8Model.InputSize); _output = new float[LstmI8H8Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=8 H=8 L=1";
}

public struct LstmI8H16 : IStepKernel
{
    private LstmI8H16Model _model; private LstmI8H16Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI8H16Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI8H16Model.FromWeights(ModelWeights.CreateRandom(LstmI8H16Model.Spec, seed: 1)); _input = StepInput.For(LstmI8H16Model.InputSize); _output = new float[LstmI8H16Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=8 H=16 L=1";
}

public struct LstmI8H32 : IStepKernel
{
    private LstmI8H32Model _model; private LstmI8H32Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI8H32Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI8H32Model.FromWeights(ModelWeights.CreateRandom(LstmI8H32Model.Spec, seed: 1)); _input = StepInput.For(LstmI8H32Model.InputSize); _output = new float[LstmI8H32Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=8 H=32 L=1";
}

public struct LstmI8H64 : IStepKernel
{
    private LstmI8H64Model _model; private LstmI8H64Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI8H64Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI8H64Model.FromWeights(ModelWeights.CreateRandom(LstmI8H64Model.Spec, seed: 1)); _input = StepInput.For(LstmI8H64Model.InputSize); _output = new float[LstmI8H64Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=8 H=64 L=1";
}

public struct LstmI8H128 : IStepKernel
{
    private LstmI8H128Model _model; private LstmI8H128Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI8H128Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI8H128Model.FromWeights(ModelWeights.CreateRandom(LstmI8H128Model.Spec, seed: 1)); _input = StepInput.For(LstmI8H128Model.InputSize); _output = new float[LstmI8H128Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=8 H=128 L=1";
}

public struct LstmI8H256 : IStepKernel
{
    private LstmI8H256Model _model; private LstmI8H256Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI8H256Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI8H256Model.FromWeights(ModelWeights.CreateRandom(LstmI8H256Model.Spec, seed: 1)); _input = StepInput.For(LstmI8H256Model.InputSize); _output = new float[LstmI8H256Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=8 H=256 L=1";
}

public struct LstmI1H64L2 : IStepKernel
{
    private LstmI1H64L2Model _model; private LstmI1H64L2Model.State _state; private float[] _input, _output; private VectorPath _path;
    public readonly ModelSpec Spec => LstmI1H64L2Model.Spec;
    public void Setup(VectorPath path) { _model = LstmI1H64L2Model.FromWeights(ModelWeights.CreateRandom(LstmI1H64L2Model.Spec, seed: 1)); _input = StepInput.For(LstmI1H64L2Model.InputSize); _output = new float[LstmI1H64L2Model.OutputSize]; _path = path; }
    public void Step() => _model.Step(_input, ref _state, _path);
    public void Predict() => _model.Predict(in _state, _output, _path);
    public override readonly string ToString() => "LSTM I=1 H=64 L=2";
}

/// <summary>A fixed, unremarkable observation: the kernels' cost does not depend on the values.</summary>
internal static class StepInput
{
    public static float[] For(int size) => Enumerable.Range(0, size).Select(i => 0.5f - 0.1f * i).ToArray();
}
