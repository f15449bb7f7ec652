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
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly List<IDisposable> _owned = [];
    private readonly float[] _inputs, _forecasts;
    private readonly OrtIoBinding _aToB, _bToA;
    private bool _stateInB;

    public OnnxRuntimeBatchEngine(ModelWeights weights, int streams) : base(weights.Spec, streams)
    {
        using var options = OnnxRuntimeEngine.LatencyOptions();
        _session = new InferenceSession(OnnxStepExport.Export(weights, new OnnxDim(0, "batch")), options);
        _owned.Add(_session);
        _owned.Add(_runOptions);
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
        _session.RunWithBinding(_runOptions, _stateInB ? _bToA : _aToB);
        _stateInB = !_stateInB;
        _forecasts.CopyTo(forecasts);
    }

    public override void Dispose()
    {
        for (int n = _owned.Count - 1; n >= 0; n--)
            _owned[n].Dispose();
        base.Dispose();
    }

    private OrtIoBinding Bind(float[][] stateIn, float[][] stateOut)
    {
        var binding = _session.CreateIoBinding();
        _owned.Add(binding);
        long n = Streams, h = Spec.HiddenSize;
        binding.BindInput(OnnxStepExport.Input, Value(_inputs, [1, n, Spec.InputSize]));
        binding.BindOutput(OnnxStepExport.Forecast, Value(_forecasts, [n, Spec.OutputSize]));
        int layers = Spec.Layers;
        for (int k = 0; k < layers; k++)
        {
            binding.BindInput(OnnxStepExport.HiddenIn(k), Value(stateIn[k], [1, n, h]));
            binding.BindOutput(OnnxStepExport.HiddenOut(k), Value(stateOut[k], [1, n, h]));
            if (Spec.Cell == CellKind.Lstm)
            {
                binding.BindInput(OnnxStepExport.CellIn(k), Value(stateIn[layers + k], [1, n, h]));
                binding.BindOutput(OnnxStepExport.CellOut(k), Value(stateOut[layers + k], [1, n, h]));
            }
        }
        return binding;
    }

    private OrtValue Value(float[] buffer, long[] shape)
    {
        var value = OrtValue.CreateTensorValueFromMemory(buffer, shape);
        _owned.Add(value);
        return value;
    }
}
