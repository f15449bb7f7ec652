using Microsoft.ML.OnnxRuntime;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// ONNX Runtime (CPU execution provider) running <see cref="OnnxStepExport"/>'s graph, set up as an expert would for
/// batch-1 latency (<see cref="OnnxBoundSession"/>): one intra-op and one inter-op thread, sequential execution, every
/// graph optimisation; every input and output an <see cref="OrtValue"/> over a pinned managed array, bound once with an
/// <see cref="OrtIoBinding"/>.
/// A step writes the observation into the bound input and runs; the state buffers ping-pong between two bindings
/// (one reads A and writes B, the other the reverse), so a call copies no state and allocates nothing managed.
/// A window is one Run over the whole sequence (one GRU/LSTM operator call per layer) from bound zero states.
/// </summary>
public sealed class OnnxRuntimeEngine : ForecastEngine
{
    private readonly OnnxBoundSession _session;
    private readonly float[] _step, _window, _forecast;   // bound: x of a step, x of a window, the forecast
    private readonly float[][] _stateA, _stateB;          // per state tensor (h_0 … h_L−1, then c_0 … c_L−1): [H]
    private readonly OrtIoBinding _aToB, _bToA, _windowBinding;
    private bool _stateInB;                               // where the latest state is

    /// <param name="weights">The model.</param>
    /// <param name="windowSteps">T of the windows <see cref="Forecast"/> will be given (the window binding's shape).</param>
    public OnnxRuntimeEngine(ModelWeights weights, int windowSteps) : base(weights.Spec)
    {
        _session = new OnnxBoundSession(OnnxStepExport.Export(weights));

        int i = Spec.InputSize, h = Spec.HiddenSize, tensors = Spec.Cell.StateVectorCount() * Spec.Layers;
        _step = new float[i];
        _window = new float[windowSteps * i];
        _forecast = new float[Spec.OutputSize];
        _stateA = NewBuffers(tensors, h);
        _stateB = NewBuffers(tensors, h);
        float[][] zeros = NewBuffers(tensors, h), discarded = NewBuffers(tensors, h);

        _aToB = Bind([1, 1, i], _step, _stateA, _stateB);
        _bToA = Bind([1, 1, i], _step, _stateB, _stateA);
        _windowBinding = Bind([windowSteps, 1, i], _window, zeros, discarded);
    }

    public override void Reset()
    {
        foreach (var buffer in _stateInB ? _stateB : _stateA)
            Array.Clear(buffer);
    }

    public override void Step(ReadOnlySpan<float> input, Span<float> forecast)
    {
        input.CopyTo(_step);
        _session.Run(_stateInB ? _bToA : _aToB);
        _stateInB = !_stateInB;
        _forecast.CopyTo(forecast);
    }

    public override void Forecast(ReadOnlySpan<float> window, Span<float> forecast)
    {
        if (window.Length != _window.Length)
            throw new ArgumentException($"This engine was bound for windows of {_window.Length} values; got {window.Length}.", nameof(window));
        window.CopyTo(_window);
        _session.Run(_windowBinding);
        _forecast.CopyTo(forecast);
    }

    public override bool TryCopyState(Span<float> destination)
    {
        var state = _stateInB ? _stateB : _stateA;
        for (int t = 0; t < state.Length; t++)
            state[t].CopyTo(destination.Slice(t * Spec.HiddenSize, Spec.HiddenSize));
        return true;
    }

    public override void Dispose()
    {
        _session.Dispose();
        base.Dispose();
    }

    private static float[][] NewBuffers(int count, int length)
    {
        var buffers = new float[count][];
        for (int n = 0; n < count; n++)
            buffers[n] = new float[length];
        return buffers;
    }

    // Binds x, the state read, the state written and the forecast.
    private OrtIoBinding Bind(long[] inputShape, float[] input, float[][] stateIn, float[][] stateOut) =>
        _session.Bind(Spec, input, inputShape, _forecast, [1, Spec.OutputSize], stateIn, stateOut, [1, 1, Spec.HiddenSize]);
}
