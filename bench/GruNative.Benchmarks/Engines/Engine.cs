namespace GruNative.Benchmarks.Engines;

/// <summary>The implementations the comparison benchmarks put beside the generated kernel.</summary>
public enum EngineKind
{
    Reference,
    TensorPrimitives,
    OnnxRuntime,
    Libtorch,
}

public static class Engine
{
    /// <summary>
    /// The engine of <paramref name="kind"/> holding the benchmarks' weights for <paramref name="spec"/>
    /// (<see cref="ModelWeights.CreateRandom"/>, seed 1: PyTorch's default initialisation), checked against the
    /// reference (<see cref="EngineCheck"/>) and reset.
    /// </summary>
    public static ForecastEngine CreateChecked(EngineKind kind, ModelSpec spec)
    {
        var weights = ModelWeights.CreateRandom(spec, seed: 1);
        ForecastEngine engine = kind switch
        {
            EngineKind.Reference => new ReferenceEngine(weights),
            EngineKind.TensorPrimitives => new TensorPrimitivesEngine(weights),
            EngineKind.OnnxRuntime => new OnnxRuntimeEngine(weights, Workload.WindowSteps),
            EngineKind.Libtorch => new LibtorchEngine(weights, Workload.WindowSteps),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        try
        {
            EngineCheck.AgainstReference(engine, weights, kind.ToString());
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }
}
