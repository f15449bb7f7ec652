namespace GruNative.TestKit;

/// <summary>
/// An independent engine the reference is held to (ONNX Runtime, libtorch): all a parity project supplies, so that
/// every engine runs the same grid (<see cref="ParityGrid"/>) through the same comparison (<see cref="ParitySuite"/>).
/// </summary>
public interface IParityEngine
{
    /// <summary>The engine's name in test output and failure messages, e.g. "ONNX Runtime".</summary>
    string Name { get; }

    /// <summary>
    /// A session holding <paramref name="weights"/> in the engine's own form (an ONNX graph, a PyTorch module), which
    /// runs a sequence the way the references do: zero state, the whole sequence, the head on the last h.
    /// </summary>
    EngineSession Open(ModelWeights weights);
}

/// <summary>One engine holding one model: runs sequences until disposed, which frees what the engine holds.</summary>
public sealed class EngineSession(Func<float[], EngineOutputs> run, IDisposable resources) : IDisposable
{
    /// <summary>Runs one sequence ([T, I], row-major) from a zero state.</summary>
    public EngineOutputs Run(float[] sequence) => run(sequence);

    public void Dispose() => resources.Dispose();
}
