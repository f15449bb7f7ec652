using GruNative.TestKit.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// ONNX Runtime over N streams: <see cref="OnnxStepExport"/>'s graph with a named batch dimension, one Run per step
/// for all N (x [1, N, I], each state tensor [1, N, H], forecast [N, O]), set up as <see cref="OnnxRuntimeEngine"/> is
/// for latency (one thread, sequential, every optimisation) with every buffer bound once and the states ping-ponged
/// between two IOBindings.
/// </summary>
public sealed class OnnxRuntimeBatchEngine : BatchEngine
{
    private readonly OnnxBoundSession _session;
    private readonly float[] _inputs, _forecasts;
    private readonly OrtIoBinding _aToB, _bToA;
    private bool _stateInB;

    public OnnxRuntimeBatchEngine(ModelWeights weights, int streams) : base(weights.Spec, streams)
    {
        _session = new OnnxBoundSession(OnnxStepExport.Export(weights, new OnnxDim(0, "batch")));
        int tensors = Spec.Cell.StateVectorCount() * Spec.Layers;
        _inputs = new float[streams * Spec.InputSize];
        _forecasts = new float[streams * Spec.OutputSize];
        float[][] stateA = Enumerable.Range(0, tensors).Select(_ => new float[streams * Spec.HiddenSize]).ToArray();
        float[][] stateB = Enumerable.Range(0, tensors).Select(_ => new float[streams * Spec.HiddenSize]).ToArray();
        _aToB = Bind(stateA, stateB);
        _bToA = Bind(stateB, stateA);
    }

    public override void Step(ReadOnlySpan<float> inputs, Span<float> forecasts)
    {
        inputs.CopyTo(_inputs);
        _session.Run(_stateInB ? _bToA : _aToB);
        _stateInB = !_stateInB;
        _forecasts.CopyTo(forecasts);
    }

    public override void Dispose()
    {
        _session.Dispose();
        base.Dispose();
    }

    private OrtIoBinding Bind(float[][] stateIn, float[][] stateOut)
    {
        long n = Streams, h = Spec.HiddenSize;
        return _session.Bind(Spec, _inputs, [1, n, Spec.InputSize], _forecasts, [n, Spec.OutputSize], stateIn, stateOut, [1, n, h]);
    }
}
