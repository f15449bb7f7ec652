namespace GruNative.Benchmarks.Engines;

/// <summary>
/// One implementation of N streams through one model, driven as the many-streams benchmark drives them: each call
/// advances every stream by one step (row n of the inputs for stream n) and writes each stream's forecast; the N
/// states stay inside. Buffers are allocated up front for a fixed N.
/// </summary>
public abstract class BatchEngine(ModelSpec spec, int streams) : IDisposable
{
    public ModelSpec Spec { get; } = spec;

    /// <summary>N.</summary>
    public int Streams { get; } = streams;

    /// <summary>Every stream one step on its row of <paramref name="inputs"/> ([N, I]), then the head into <paramref name="forecasts"/> ([N, O]).</summary>
    public abstract void Step(ReadOnlySpan<float> inputs, Span<float> forecasts);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>
    /// The engine of <paramref name="kind"/> (ONNX Runtime or libtorch) over N streams of the benchmarks' weights for
    /// <paramref name="spec"/>, checked stream by stream against the reference before it is timed.
    /// </summary>
    public static BatchEngine CreateChecked(EngineKind kind, ModelSpec spec, int streams)
    {
        var weights = ModelWeights.CreateRandom(spec, seed: 1);
        BatchEngine engine = kind switch
        {
            EngineKind.OnnxRuntime => new OnnxRuntimeBatchEngine(weights, streams),
            EngineKind.Libtorch => new LibtorchBatchEngine(weights, streams),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only ONNX Runtime and libtorch have a batched engine."),
        };
        try
        {
            Check(engine, weights, kind.ToString());
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    // Each stream its own series (offset by 1,000 steps per stream), every forecast against a reference engine per stream.
    private static void Check(BatchEngine engine, ModelWeights weights, string name)
    {
        var spec = weights.Spec;
        int n = engine.Streams, inputSize = spec.InputSize, outputSize = spec.OutputSize;
        var references = Enumerable.Range(0, n).Select(_ => new ReferenceEngine(weights)).ToArray();
        try
        {
            float[][] series = Enumerable.Range(0, n).Select(s => Workload.Series(1000 * s, EngineCheck.Steps, inputSize)).ToArray();
            float[] inputs = new float[n * inputSize], actual = new float[n * outputSize], expected = new float[outputSize];
            double worst = 0;
            for (int t = 0; t < EngineCheck.Steps; t++)
            {
                for (int s = 0; s < n; s++)
                    series[s].AsSpan(t * inputSize, inputSize).CopyTo(inputs.AsSpan(s * inputSize));
                engine.Step(inputs, actual);
                for (int s = 0; s < n; s++)
                {
                    references[s].Step(inputs.AsSpan(s * inputSize, inputSize), expected);
                    for (int o = 0; o < outputSize; o++)
                    {
                        double delta = Math.Abs((double)expected[o] - actual[s * outputSize + o]);
                        worst = double.IsNaN(delta) ? double.PositiveInfinity : Math.Max(worst, delta);
                    }
                }
            }
            Console.WriteLine($"// {name}, {spec}, {n} streams: max |Δ| against the reference {worst:E2} (bound {EngineCheck.Tolerance:E0})");
            if (!(worst <= EngineCheck.Tolerance))
                throw new InvalidOperationException($"{name} ({spec}, {n} streams) differs from the reference by {worst:E2} (bound {EngineCheck.Tolerance:E0}); its timings would mean nothing.");
        }
        finally
        {
            foreach (var reference in references)
                reference.Dispose();
        }
    }
}
