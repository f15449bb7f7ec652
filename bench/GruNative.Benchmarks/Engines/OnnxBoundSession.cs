using Microsoft.ML.OnnxRuntime;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// An ONNX Runtime session (CPU execution provider) of <see cref="OnnxStepExport"/>'s graph, set up as an expert would
/// for latency — one intra-op and one inter-op thread, sequential execution, every graph optimisation — and the
/// <see cref="OrtIoBinding"/>s its engines run it with: every input and output an <see cref="OrtValue"/> over a pinned
/// managed array, bound once, so a run copies nothing and allocates nothing managed. It owns and disposes all of them.
/// </summary>
internal sealed class OnnxBoundSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly List<IDisposable> _owned = [];

    /// <param name="model">The exported graph (<see cref="OnnxStepExport.Export"/>).</param>
    public OnnxBoundSession(byte[] model)
    {
        using var options = LatencyOptions();
        _session = new InferenceSession(model, options);
        _owned.Add(_session);
        _owned.Add(_runOptions);
    }

    /// <summary>
    /// Binds x, the forecast, the state read and the state written (per state tensor: h_0 … h_L−1, then for an LSTM
    /// c_0 … c_L−1, each of <paramref name="stateShape"/>); each <see cref="OrtValue"/> pins its array until disposed.
    /// </summary>
    public OrtIoBinding Bind(ModelSpec spec, float[] input, long[] inputShape, float[] forecast, long[] forecastShape,
        float[][] stateIn, float[][] stateOut, long[] stateShape)
    {
        var binding = _session.CreateIoBinding();
        _owned.Add(binding);
        binding.BindInput(OnnxStepExport.Input, Value(input, inputShape));
        binding.BindOutput(OnnxStepExport.Forecast, Value(forecast, forecastShape));
        int layers = spec.Layers;
        for (int k = 0; k < layers; k++)
        {
            binding.BindInput(OnnxStepExport.HiddenIn(k), Value(stateIn[k], stateShape));
            binding.BindOutput(OnnxStepExport.HiddenOut(k), Value(stateOut[k], stateShape));
            if (spec.Cell == CellKind.Lstm)
            {
                binding.BindInput(OnnxStepExport.CellIn(k), Value(stateIn[layers + k], stateShape));
                binding.BindOutput(OnnxStepExport.CellOut(k), Value(stateOut[layers + k], stateShape));
            }
        }
        return binding;
    }

    /// <summary>Runs the graph on <paramref name="binding"/>'s buffers.</summary>
    public void Run(OrtIoBinding binding) => _session.RunWithBinding(_runOptions, binding);

    /// <summary>Disposes what it owns, the latest first: the values, the bindings, the run options, the session.</summary>
    public void Dispose()
    {
        for (int n = _owned.Count - 1; n >= 0; n--)
            _owned[n].Dispose();
    }

    private static SessionOptions LatencyOptions() => new()
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    private OrtValue Value(float[] buffer, long[] shape)
    {
        var value = OrtValue.CreateTensorValueFromMemory(buffer, shape);
        _owned.Add(value);
        return value;
    }
}
