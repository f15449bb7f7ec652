using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GruNative.Kernels;

namespace GruNative.TestKit;

/// <summary>What a model computed along one sequence: the head's output at checkpoints, and the final state.</summary>
/// <param name="Checkpoints">Step counts after which the head was run.</param>
/// <param name="Predictions">The head's output after each checkpoint, [checkpoint][O].</param>
/// <param name="FinalState">State.CopyTo after the last step: h of every layer (then c of every layer).</param>
public sealed record Trace(int[] Checkpoints, float[][] Predictions, float[] FinalState);

/// <summary>
/// One generated model instance, driven through the API every generated type has. The non-generic surface lets
/// xunit theories pick models by name; <see cref="ModelHarness{TModel, TState}"/> does the work.
/// </summary>
public abstract class ModelHarness
{
    protected ModelHarness(string name, ModelWeights weights)
    {
        Name = name;
        Weights = weights;
    }

    /// <summary>Which model and how it was made, for messages.</summary>
    public string Name { get; }

    /// <summary>The weights the instance holds (baked or loaded), for the reference and ONNX Runtime.</summary>
    public ModelWeights Weights { get; }

    public ModelSpec Spec => Weights.Spec;

    public abstract ModelSpec DeclaredSpec { get; }

    public abstract int StateLength { get; }

    public abstract Preprocessing? Preprocessing { get; }

    /// <summary>Steps through <paramref name="sequence"/> ([T, I]) from the zero state on <paramref name="path"/>.</summary>
    public abstract Trace Run(float[] sequence, VectorPath path, int[] checkpoints);

    /// <summary>The generated Forecast (Auto path).</summary>
    public abstract float[] Forecast(float[] window);

    /// <summary>A forecast on a forced path: zero state, Step(path) over the window, Predict(path).</summary>
    public abstract float[] Forecast(float[] window, VectorPath path);

    /// <summary>The generated Run(sequence, ref state) from the zero state, then Predict and CopyTo.</summary>
    public abstract (float[] Prediction, float[] State) RunApi(float[] sequence);

    /// <summary>Bytes allocated on this thread by <paramref name="count"/> Step calls (after the warm-up the caller did).</summary>
    public abstract long AllocatedBySteps(float[] input, int count, VectorPath? path);

    /// <summary>Bytes allocated on this thread by <paramref name="count"/> Predict calls.</summary>
    public abstract long AllocatedByPredicts(int count, VectorPath? path);

    /// <summary>Bytes allocated on this thread by <paramref name="count"/> Forecast calls over <paramref name="window"/>.</summary>
    public abstract long AllocatedByForecasts(float[] window, int count);

    /// <summary>Runs the state contract checks (round trip, invalid sources, From, Reset, default).</summary>
    public abstract void CheckStateContract(float[] sequence);

    /// <summary>Runs the argument checks of Step, Predict, Run and Forecast.</summary>
    public abstract void CheckArgumentValidation();

    /// <summary>Loads weights of other shapes through every Load overload and FromWeights; each must throw WeightsFormatException naming the source and both shapes.</summary>
    public abstract void CheckWrongShapeLoads(string directory);

    /// <summary>
    /// Drives <paramref name="streams"/> streams from distinct states through Step and Predict over spans and ForecastMany
    /// on <paramref name="path"/> (null: the overloads without one), and holds every state byte (but the scratch h) and output to the
    /// single-stream calls, bit for bit.
    /// </summary>
    public abstract void CheckManyStreams(int streams, VectorPath? path, int seed);

    /// <summary>The argument checks of Step and Predict over spans and of ForecastMany.</summary>
    public abstract void CheckManyStreamsArguments();

    /// <summary>
    /// <paramref name="threads"/> threads at once, each stepping its own part of one array of states over spans, end with
    /// the states of single-stream steps run one after the other.
    /// </summary>
    public abstract void CheckManyStreamsOnThreads(int streams, int threads, int steps);

    /// <summary>Bytes allocated on this thread by <paramref name="count"/> many-stream Step and Predict calls over <paramref name="streams"/> states.</summary>
    public abstract long AllocatedByManyStreams(int streams, int count, VectorPath? path);

    /// <summary>Bytes allocated on this thread by <paramref name="count"/> ForecastMany calls over <paramref name="streams"/> windows of <paramref name="steps"/> steps.</summary>
    public abstract long AllocatedByForecastMany(int streams, int steps, int count);

    public override string ToString() => Name;
}

public sealed class ModelHarness<TModel, TState>(string name, TModel model, ModelWeights weights) : ModelHarness(name, weights)
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    public TModel Model { get; } = model;

    public override ModelSpec DeclaredSpec => TModel.Spec;

    public override int StateLength => TState.Length;

    public override Preprocessing? Preprocessing => Model.Preprocessing;

    public override Trace Run(float[] sequence, VectorPath path, int[] checkpoints)
    {
        int inputSize = Spec.InputSize;
        var predictions = new float[checkpoints.Length][];
        var state = default(TState);
        int next = 0;
        for (int t = 0; t < sequence.Length / inputSize; t++)
        {
            Model.Step(sequence.AsSpan(t * inputSize, inputSize), ref state, path);
            while (next < checkpoints.Length && checkpoints[next] == t + 1)
            {
                predictions[next] = new float[Spec.OutputSize];
                Model.Predict(in state, predictions[next], path);
                next++;
            }
        }
        if (next != checkpoints.Length)
            throw new ArgumentException("A checkpoint lies beyond the sequence.", nameof(checkpoints));
        return new Trace(checkpoints, predictions, CopyOut(in state));
    }

    public override float[] Forecast(float[] window)
    {
        var output = new float[Spec.OutputSize];
        Model.Forecast(window, output);
        return output;
    }

    public override float[] Forecast(float[] window, VectorPath path)
    {
        var state = default(TState);
        for (int t = 0; t < window.Length; t += Spec.InputSize)
            Model.Step(window.AsSpan(t, Spec.InputSize), ref state, path);
        var output = new float[Spec.OutputSize];
        Model.Predict(in state, output, path);
        return output;
    }

    public override (float[] Prediction, float[] State) RunApi(float[] sequence)
    {
        var state = default(TState);
        Model.Run(sequence, ref state);
        var output = new float[Spec.OutputSize];
        Model.Predict(in state, output);
        return (output, CopyOut(in state));
    }

    // The measured loops are separate, never-inlined methods so that what is measured is exactly the calls.
    public override long AllocatedBySteps(float[] input, int count, VectorPath? path)
    {
        var state = default(TState);
        long before = GC.GetAllocatedBytesForCurrentThread();
        if (path is VectorPath p)
            StepLoop(Model, input, ref state, count, p);
        else
            StepLoop(Model, input, ref state, count);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public override long AllocatedByPredicts(int count, VectorPath? path)
    {
        var state = default(TState);
        Model.Step(new float[Spec.InputSize], ref state);
        var output = new float[Spec.OutputSize];
        long before = GC.GetAllocatedBytesForCurrentThread();
        if (path is VectorPath p)
            PredictLoop(Model, in state, output, count, p);
        else
            PredictLoop(Model, in state, output, count);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public override long AllocatedByForecasts(float[] window, int count)
    {
        var output = new float[Spec.OutputSize];
        long before = GC.GetAllocatedBytesForCurrentThread();
        ForecastLoop(Model, window, output, count);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StepLoop(TModel model, ReadOnlySpan<float> input, ref TState state, int count)
    {
        for (int i = 0; i < count; i++)
            model.Step(input, ref state);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StepLoop(TModel model, ReadOnlySpan<float> input, ref TState state, int count, VectorPath path)
    {
        for (int i = 0; i < count; i++)
            model.Step(input, ref state, path);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PredictLoop(TModel model, in TState state, Span<float> output, int count)
    {
        for (int i = 0; i < count; i++)
            model.Predict(in state, output);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PredictLoop(TModel model, in TState state, Span<float> output, int count, VectorPath path)
    {
        for (int i = 0; i < count; i++)
            model.Predict(in state, output, path);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForecastLoop(TModel model, ReadOnlySpan<float> window, Span<float> output, int count)
    {
        for (int i = 0; i < count; i++)
            model.Forecast(window, output);
    }

    public override void CheckStateContract(float[] sequence)
    {
        int n = TState.Length;
        int inputSize = Spec.InputSize;
        int steps = sequence.Length / inputSize;
        int half = steps / 2;
        Assert.Equal(Spec.StateSize, n);

        // default is the zero state, and Forecast starts from it.
        var zero = default(TState);
        Assert.All(CopyOut(in zero), v => Assert.Equal(0f, v));
        var window = sequence.AsSpan(0, half * inputSize).ToArray();
        var fromDefault = default(TState);
        for (int t = 0; t < half; t++)
            Model.Step(window.AsSpan(t * inputSize, inputSize), ref fromDefault);
        var expectedForecast = new float[Spec.OutputSize];
        Model.Predict(in fromDefault, expectedForecast);
        Bits.Equal(expectedForecast, Forecast(window), $"{Name}: Forecast vs Step from default + Predict");

        // Run half the sequence, then save the state three ways.
        var original = default(TState);
        for (int t = 0; t < half; t++)
            Model.Step(sequence.AsSpan(t * inputSize, inputSize), ref original);
        float[] saved = CopyOut(in original);
        Assert.Contains(saved, v => v != 0f);
        var restored = TState.From(saved);
        var copiedInto = default(TState);
        copiedInto.CopyFrom(saved);
        var overwritten = original; // CopyFrom over a used state replaces it entirely
        for (int t = half; t < half + 5; t++)
            Model.Step(sequence.AsSpan(t * inputSize, inputSize), ref overwritten);
        overwritten.CopyFrom(saved);
        Bits.Equal(saved, CopyOut(in restored), $"{Name}: State.From round trip");
        Bits.Equal(saved, CopyOut(in copiedInto), $"{Name}: CopyFrom round trip");
        Bits.Equal(saved, CopyOut(in overwritten), $"{Name}: CopyFrom over a used state");

        // Continuing any of them equals continuing the original, on every path.
        foreach (var path in Enum.GetValues<VectorPath>())
        {
            var expected = Continue(original, sequence, half, path);
            Bits.Equal(expected, Continue(restored, sequence, half, path), $"{Name}: continue after From, {path}");
            Bits.Equal(expected, Continue(copiedInto, sequence, half, path), $"{Name}: continue after CopyFrom, {path}");
            Bits.Equal(expected, Continue(overwritten, sequence, half, path), $"{Name}: continue after CopyFrom over a used state, {path}");
        }

        // Invalid sources throw ArgumentException and leave the state exactly as it was.
        var probe = original;
        byte[] probeBytes = RawBytes(in probe);
        foreach (int length in new[] { 0, 1, n - 1, n + 1, 2 * n }.Where(l => l != n).Distinct())
        {
            var source = saved.Concat(Enumerable.Repeat(0.5f, Math.Max(0, length - n))).Take(length).ToArray();
            Assert.Throws<ArgumentException>(() => probe.CopyFrom(source));
            Assert.Throws<ArgumentException>(() => TState.From(source));
            Assert.Equal(probeBytes, RawBytes(in probe));
            var destination = new float[length];
            Assert.Throws<ArgumentException>(() => probe.CopyTo(destination));
            Assert.Equal(probeBytes, RawBytes(in probe));
        }
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            foreach (int index in new[] { 0, n / 2, n - 1 })
            {
                var source = (float[])saved.Clone();
                source[index] = bad;
                var e = Assert.Throws<ArgumentException>(() => probe.CopyFrom(source));
                Assert.Equal("source", e.ParamName);
                Assert.Throws<ArgumentException>(() => TState.From(source));
                Assert.Equal(probeBytes, RawBytes(in probe));
            }
        }

        // Reset is default, bit for bit, and continues like it.
        var reset = original;
        reset.Reset();
        Assert.Equal(RawBytes(in zero), RawBytes(in reset));
        Assert.All(RawBytes(in reset), b => Assert.Equal(0, b));
        Bits.Equal(Continue(default, sequence, half, VectorPath.Auto), Continue(reset, sequence, half, VectorPath.Auto), $"{Name}: continue after Reset");
    }

    public override void CheckArgumentValidation()
    {
        int inputSize = Spec.InputSize, outputSize = Spec.OutputSize;
        var state = default(TState);
        var random = new Random(7);
        for (int t = 0; t < 10; t++)
            Model.Step(Inputs.Uniform(random, inputSize), ref state);
        byte[] before = RawBytes(in state);
        VectorPath?[] paths = [null, .. Enum.GetValues<VectorPath>().Cast<VectorPath?>()];

        foreach (int length in new[] { 0, inputSize - 1, inputSize + 1, 2 * inputSize }.Where(l => l >= 0 && l != inputSize).Distinct())
        {
            var input = new float[length];
            foreach (var path in paths)
            {
                var e = Assert.Throws<ArgumentException>(() =>
                {
                    if (path is VectorPath p)
                        Model.Step(input, ref state, p);
                    else
                        Model.Step(input, ref state);
                });
                Assert.Equal("input", e.ParamName);
                Assert.Equal(before, RawBytes(in state));
            }
        }

        foreach (int length in new[] { 0, outputSize - 1, outputSize + 1, 2 * outputSize }.Where(l => l >= 0 && l != outputSize).Distinct())
        {
            var output = new float[length];
            foreach (var path in paths)
            {
                var e = Assert.Throws<ArgumentException>(() =>
                {
                    if (path is VectorPath p)
                        Model.Predict(in state, output, p);
                    else
                        Model.Predict(in state, output);
                });
                Assert.Equal("output", e.ParamName);
            }
            Assert.Throws<ArgumentException>(() => Model.Forecast(new float[inputSize], output));
        }
        Assert.Equal(before, RawBytes(in state));

        var goodOutput = new float[outputSize];
        Assert.Throws<ArgumentException>(() => Model.Forecast(ReadOnlySpan<float>.Empty, goodOutput));
        if (inputSize > 1)
        {
            var ragged = new float[3 * inputSize + 1];
            Assert.Throws<ArgumentException>(() => Model.Forecast(ragged, goodOutput));
            Assert.Throws<ArgumentException>(() => Model.Run(ragged, ref state));
            Assert.Throws<ArgumentException>(() => Model.Run(new float[inputSize - 1], ref state));
            Assert.Equal(before, RawBytes(in state));
        }
        Assert.All(goodOutput, v => Assert.Equal(0f, v));

        // An empty sequence is zero steps, not an error.
        Model.Run(ReadOnlySpan<float>.Empty, ref state);
        Assert.Equal(before, RawBytes(in state));
    }

    public override void CheckWrongShapeLoads(string directory)
    {
        var declared = TModel.Spec;
        var others = new List<ModelSpec>
        {
            new(declared.Cell, declared.InputSize, declared.HiddenSize + 1, declared.Layers, declared.OutputSize),
            new(declared.Cell, declared.InputSize + 1, declared.HiddenSize, declared.Layers, declared.OutputSize),
            new(declared.Cell, declared.InputSize, declared.HiddenSize, declared.Layers + 1, declared.OutputSize),
            new(declared.Cell, declared.InputSize, declared.HiddenSize, declared.Layers, declared.OutputSize + 1),
            new(declared.Cell == CellKind.Gru ? CellKind.Lstm : CellKind.Gru, declared.InputSize, declared.HiddenSize, declared.Layers, declared.OutputSize),
        };
        if (declared.Layers > 1)
            others.Add(new(declared.Cell, declared.InputSize, declared.HiddenSize, declared.Layers - 1, declared.OutputSize));

        void Check(WeightsFormatException e, string source, ModelSpec other)
        {
            Assert.Equal(source, e.SourceName);
            Assert.Contains(source, e.Message, StringComparison.Ordinal);
            Assert.Contains(declared.ToString(), e.Message, StringComparison.Ordinal);
            Assert.Contains(other.ToString(), e.Message, StringComparison.Ordinal);
        }

        for (int i = 0; i < others.Count; i++)
        {
            var other = others[i];
            var weights = ModelWeights.CreateRandom(other, 1000 + i);
            byte[] bytes = SafeTensorsWeights.ToBytes(weights);
            string path = Path.Combine(directory, $"{Name}.other{i}.safetensors");
            File.WriteAllBytes(path, bytes);

            Check(Assert.Throws<WeightsFormatException>(() => TModel.Load(path)), path, other);
            Check(Assert.Throws<WeightsFormatException>(() => TModel.Load(bytes)), "<buffer>", other);
            using (var stream = new MemoryStream(bytes))
                Check(Assert.Throws<WeightsFormatException>(() => TModel.Load(stream)), "<stream>", other);
            Check(Assert.Throws<WeightsFormatException>(() => TModel.FromWeights(weights, "trainer output")), "trainer output", other);
        }

        // A file that is not there is an I/O error, not a format error.
        Assert.Throws<FileNotFoundException>(() => TModel.Load(Path.Combine(directory, "missing.safetensors")));
    }

    public override void CheckManyStreams(int streams, VectorPath? path, int seed)
    {
        int inputSize = Spec.InputSize, outputSize = Spec.OutputSize;
        var random = new Random(seed);
        var many = new TState[streams];
        var single = new TState[streams];
        string where = $"{Name}, {streams} stream(s), {(path is VectorPath p ? p.ToString() : "no path")}";

        // Distinct starting states: stream n takes n % 5 + 1 steps of its own.
        for (int n = 0; n < streams; n++)
        {
            for (int j = 0; j <= n % 5; j++)
                Model.Step(Inputs.Uniform(random, inputSize), ref many[n]);
            single[n] = many[n];
        }

        var output = new float[outputSize];
        for (int t = 0; t < 6; t++)
        {
            float[] inputs = Inputs.Uniform(random, streams * inputSize);
            if (path is VectorPath forced)
                Model.Step(inputs, many.AsSpan(), forced);
            else
                Model.Step(inputs, many.AsSpan());
            for (int n = 0; n < streams; n++)
            {
                Model.Step(inputs.AsSpan(n * inputSize, inputSize), ref single[n], path ?? VectorPath.Auto);
                Assert.True(BytesButScratch(in single[n]).AsSpan().SequenceEqual(BytesButScratch(in many[n])), $"{where}: state {n} after step {t + 1} differs from a single-stream step");
            }
        }

        var outputs = new float[streams * outputSize];
        if (path is VectorPath predictPath)
            Model.Predict(many, outputs, predictPath);
        else
            Model.Predict(many, outputs);
        for (int n = 0; n < streams; n++)
        {
            Model.Predict(in single[n], output, path ?? VectorPath.Auto);
            Bits.Equal(output, outputs.AsSpan(n * outputSize, outputSize).ToArray(), $"{where}: Predict of stream {n}");
        }

        foreach (int steps in new[] { 1, 9 })
        {
            float[] windows = Inputs.Uniform(random, streams * steps * inputSize);
            Array.Fill(outputs, float.NaN);
            if (path is VectorPath forecastPath)
                Model.ForecastMany(windows, outputs, forecastPath);
            else
                Model.ForecastMany(windows, outputs);
            for (int n = 0; n < streams; n++)
            {
                Model.Forecast(windows.AsSpan(n * steps * inputSize, steps * inputSize), output, path ?? VectorPath.Auto);
                Bits.Equal(output, outputs.AsSpan(n * outputSize, outputSize).ToArray(), $"{where}: ForecastMany of window {n} ({steps} steps)");
            }
        }
    }

    public override void CheckManyStreamsArguments()
    {
        int inputSize = Spec.InputSize, outputSize = Spec.OutputSize;
        var random = new Random(11);
        var states = new TState[3];
        for (int n = 0; n < states.Length; n++)
            Model.Step(Inputs.Uniform(random, inputSize), ref states[n]);
        byte[][] before = states.Select(s => RawBytes(in s)).ToArray();
        void Unchanged()
        {
            for (int n = 0; n < states.Length; n++)
                Assert.Equal(before[n], RawBytes(in states[n]));
        }

        foreach (int length in new[] { 0, 3 * inputSize - 1, 3 * inputSize + 1, 2 * inputSize, 4 * inputSize })
        {
            var inputs = new float[length];
            Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Model.Step(inputs, states.AsSpan())).ParamName);
            foreach (var path in Enum.GetValues<VectorPath>())
                Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Model.Step(inputs, states.AsSpan(), path)).ParamName);
            Unchanged();
        }
        // No streams, no inputs: nothing to do, and no error.
        Model.Step(ReadOnlySpan<float>.Empty, Span<TState>.Empty);
        Model.Predict(ReadOnlySpan<TState>.Empty, Span<float>.Empty);
        Assert.Throws<ArgumentException>(() => Model.Step(new float[inputSize], Span<TState>.Empty));

        foreach (int length in new[] { 0, 3 * outputSize - 1, 3 * outputSize + 1, 2 * outputSize })
        {
            var outputs = new float[length];
            Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Model.Predict(states, outputs)).ParamName);
            foreach (var path in Enum.GetValues<VectorPath>())
                Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Model.Predict(states, outputs, path)).ParamName);
            Assert.All(outputs, v => Assert.Equal(0f, v));
        }
        Unchanged();

        // ForecastMany: N comes from the outputs, T from the windows.
        var two = new float[2 * outputSize];
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Model.ForecastMany(new float[4 * inputSize], Span<float>.Empty)).ParamName);
        if (outputSize > 1)
            Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Model.ForecastMany(new float[4 * inputSize], new float[2 * outputSize + 1])).ParamName);
        Assert.Equal("windows", Assert.Throws<ArgumentException>(() => Model.ForecastMany(ReadOnlySpan<float>.Empty, two)).ParamName);
        Assert.Equal("windows", Assert.Throws<ArgumentException>(() => Model.ForecastMany(new float[6 * inputSize + 1], two)).ParamName);
        Assert.Equal("windows", Assert.Throws<ArgumentException>(() => Model.ForecastMany(new float[3 * inputSize], two, VectorPath.Scalar)).ParamName);
        Assert.All(two, v => Assert.Equal(0f, v));
    }

    public override void CheckManyStreamsOnThreads(int streams, int threads, int steps)
    {
        int inputSize = Spec.InputSize;
        float[][] inputs = Enumerable.Range(0, steps).Select(t => Inputs.Sequence(streams, inputSize, seed: 100 + t)).ToArray();
        var expected = new TState[streams];
        for (int t = 0; t < steps; t++)
        {
            for (int n = 0; n < streams; n++)
                Model.Step(inputs[t].AsSpan(n * inputSize, inputSize), ref expected[n]);
        }

        var states = new TState[streams];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            int first = k * streams / threads, count = (k + 1) * streams / threads - first;
            start.SignalAndWait();
            for (int t = 0; t < steps; t++)
                Model.Step(inputs[t].AsSpan(first * inputSize, count * inputSize), states.AsSpan(first, count));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        for (int n = 0; n < streams; n++)
            Assert.True(BytesButScratch(in expected[n]).AsSpan().SequenceEqual(BytesButScratch(in states[n])), $"{Name}: stream {n} of {streams} on {threads} threads");
    }

    public override long AllocatedByManyStreams(int streams, int count, VectorPath? path)
    {
        var states = new TState[streams];
        float[] inputs = Inputs.Sequence(streams, Spec.InputSize, seed: 3);
        var outputs = new float[streams * Spec.OutputSize];
        long before = GC.GetAllocatedBytesForCurrentThread();
        ManyStreamsLoop(Model, inputs, states, outputs, count, path);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public override long AllocatedByForecastMany(int streams, int steps, int count)
    {
        float[] windows = Inputs.Sequence(streams * steps, Spec.InputSize, seed: 4);
        var outputs = new float[streams * Spec.OutputSize];
        long before = GC.GetAllocatedBytesForCurrentThread();
        ForecastManyLoop(Model, windows, outputs, count);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ManyStreamsLoop(TModel model, ReadOnlySpan<float> inputs, Span<TState> states, Span<float> outputs, int count, VectorPath? path)
    {
        for (int i = 0; i < count; i++)
        {
            if (path is VectorPath p)
            {
                model.Step(inputs, states, p);
                model.Predict(states, outputs, p);
            }
            else
            {
                model.Step(inputs, states);
                model.Predict(states, outputs);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForecastManyLoop(TModel model, ReadOnlySpan<float> windows, Span<float> outputs, int count)
    {
        for (int i = 0; i < count; i++)
            model.ForecastMany(windows, outputs);
    }

    private float[] Continue(TState state, float[] sequence, int from, VectorPath path)
    {
        int inputSize = Spec.InputSize;
        var outputs = new List<float>();
        var y = new float[Spec.OutputSize];
        for (int t = from; t < sequence.Length / inputSize; t++)
        {
            Model.Step(sequence.AsSpan(t * inputSize, inputSize), ref state, path);
            if (t % 16 == 0)
            {
                Model.Predict(in state, y, path);
                outputs.AddRange(y);
            }
        }
        outputs.AddRange(CopyOut(in state));
        return [.. outputs];
    }

    public static float[] CopyOut(in TState state)
    {
        var values = new float[TState.Length];
        state.CopyTo(values);
        return values;
    }

    /// <summary>Every byte of the state struct, including padding lanes and scratch.</summary>
    public static byte[] RawBytes(in TState state) =>
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in state, 1)).ToArray();

    /// <summary>
    /// The state's bytes but its last padded h, the kernels' scratch: a layer kernel of one pass writes the new h in place
    /// and leaves the scratch as it was, while the many-stream kernels go through it. Every other byte, padding included.
    /// </summary>
    public byte[] BytesButScratch(in TState state) => RawBytes(in state)[..^(4 * KernelLayout.Pad(Spec.HiddenSize))];
}
