using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;

namespace GruNative.TestKit.Onnx;

/// <summary>
/// An ONNX Runtime session over a graph from <see cref="ForecasterOnnxExport"/>: the independent engine
/// the reference is held to. One session serves any number of sequences of any length (the graph's
/// sequence axis is symbolic), each starting from a zero state.
/// </summary>
public sealed class OrtForecaster : IDisposable
{
    private readonly ModelSpec _spec;
    private readonly InferenceSession _session;
    private readonly IReadOnlyList<string> _outputNames;

    public OrtForecaster(ModelSpec spec, byte[] onnxModel)
    {
        _spec = spec;
        // One thread: the grid runs many small sessions, and on a 2-core machine a thread pool per session
        // only adds contention; it also keeps ORT's reduction order fixed from run to run.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(onnxModel, options);
        _outputNames = ForecasterOnnxExport.OutputNames(spec);
    }

    /// <summary>Runs <paramref name="sequence"/> (row-major [T, I], T ≥ 1) from a zero state.</summary>
    public EngineOutputs Run(float[] sequence)
    {
        int steps = sequence.Length / _spec.InputSize;
        using var input = OrtValue.CreateTensorValueFromMemory(sequence, [steps, 1, _spec.InputSize]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [ForecasterOnnxExport.Input], [input], _outputNames);

        // Results come back in the order of _outputNames: top_hidden, forecast, then per layer h (and c).
        // top_hidden is [T, 1, 1, H]; with its unit axes it is element for element the reference's [T, H].
        int next = 0;
        double[] Next() => EngineOutputs.Widen(results[next++].GetTensorDataAsSpan<float>());
        double[] topHidden = Next();
        double[] forecast = Next();
        var finalHidden = new double[_spec.Layers][];
        var finalCell = new double[_spec.Cell == CellKind.Lstm ? _spec.Layers : 0][];
        for (int k = 0; k < _spec.Layers; k++)
        {
            finalHidden[k] = Next();
            if (_spec.Cell == CellKind.Lstm)
                finalCell[k] = Next();
        }
        return new EngineOutputs(topHidden, forecast, finalHidden, finalCell);
    }

    public void Dispose() => _session.Dispose();
}
