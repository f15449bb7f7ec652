// The sample's model types (samples/GettingStarted/Models.cs, compiled into this assembly too) are driven by the
// test kit's harness through the runtime contract every generated model implements.

using GruNative.TestKit;
using GruNative.Kernels;

namespace GruNative.Samples.Tests
{
    using GettingStarted;

    /// <summary>
    /// One of the sample's four models as the sample makes it — the baked instance, or Load of the safetensors file
    /// the sample ships — with the weights its source file holds, for the reference and ONNX Runtime.
    /// </summary>
    public sealed class SampleModel
    {
        private readonly Func<float[], VectorPath, EngineOutputs> _outputs;

        private SampleModel(ModelHarness harness, Func<float[], VectorPath, EngineOutputs> outputs)
        {
            Harness = harness;
            _outputs = outputs;
        }

        public ModelHarness Harness { get; }

        public string Name => Harness.Name;

        public ModelWeights Weights => Harness.Weights;

        /// <summary>Baked, then loaded, for each cell: the pairs the sample compares.</summary>
        public static readonly string[] Names = ["GruForecaster.Baked", "GruForecaster.Load", "LstmForecaster.Baked", "LstmForecaster.Load"];

        private static readonly Lazy<IReadOnlyDictionary<string, SampleModel>> All = new(() => new[]
        {
            Baked<GruForecaster, GruForecaster.State>(SampleWeights.Gru, Names[0]),
            Loaded<GruForecaster, GruForecaster.State>(SampleWeights.Gru, Names[1]),
            Baked<LstmForecaster, LstmForecaster.State>(SampleWeights.Lstm, Names[2]),
            Loaded<LstmForecaster, LstmForecaster.State>(SampleWeights.Lstm, Names[3]),
        }.ToDictionary(m => m.Name));

        public static SampleModel Get(string name) => All.Value[name];

        public static TheoryData<string, VectorPath> NameAndPathData()
        {
            var data = new TheoryData<string, VectorPath>();
            foreach (var (name, path) in Names.SelectMany(name => Enum.GetValues<VectorPath>().Select(path => (name, path))))
                data.Add(name, path);
            return data;
        }

        /// <summary>What the model computes over <paramref name="sequence"/> from the zero state, as ONNX Runtime reports it.</summary>
        public EngineOutputs Outputs(float[] sequence, VectorPath path) => _outputs(sequence, path);

        private static SampleModel Of<TModel, TState>(TModel model, ModelWeights weights, string name)
            where TModel : class, IRecurrentForecaster<TModel, TState>
            where TState : struct, IRecurrentState<TState> =>
            new(new ModelHarness<TModel, TState>(name, model, weights), (sequence, path) => Run<TModel, TState>(model, sequence, path));

        // The baked instance, with the weights of the committed JSON file the generator baked.
        private static SampleModel Baked<TModel, TState>(WeightsDefinition definition, string name)
            where TModel : class, IRecurrentForecaster<TModel, TState>, IBakedForecaster<TModel>
            where TState : struct, IRecurrentState<TState> =>
            Of<TModel, TState>(TModel.Baked, JsonWeights.Read(SampleWeights.Committed(definition.FileName!)), name);

        // As the sample does it: Load of the safetensors file copied beside the binary.
        private static SampleModel Loaded<TModel, TState>(WeightsDefinition definition, string name)
            where TModel : class, IRecurrentForecaster<TModel, TState>
            where TState : struct, IRecurrentState<TState>
        {
            string path = SampleWeights.Copied(SampleWeights.SafeTensorsName(definition));
            return Of<TModel, TState>(TModel.Load(path), SafeTensorsWeights.Read(path), name);
        }

        /// <summary>
        /// Step over the sequence on <paramref name="path"/>, keeping the top layer's h after every step (what nn.GRU
        /// and nn.LSTM return), then Predict and the final h (and c) of every layer, widened to double.
        /// </summary>
        private static EngineOutputs Run<TModel, TState>(TModel model, float[] sequence, VectorPath path)
            where TModel : class, IRecurrentForecaster<TModel, TState>
            where TState : struct, IRecurrentState<TState>
        {
            var spec = TModel.Spec;
            int inputSize = spec.InputSize, hidden = spec.HiddenSize, layers = spec.Layers;
            int steps = sequence.Length / inputSize;
            var state = default(TState);
            var saved = new float[TState.Length];
            var topHidden = new double[steps * hidden];
            for (int t = 0; t < steps; t++)
            {
                model.Step(sequence.AsSpan(t * inputSize, inputSize), ref state, path);
                state.CopyTo(saved);
                EngineOutputs.Widen<float>(saved.AsSpan((layers - 1) * hidden, hidden)).CopyTo(topHidden, t * hidden);
            }
            var forecast = new float[spec.OutputSize];
            model.Predict(in state, forecast, path);

            // CopyTo's layout: h of layers 0…L−1, then (LSTM) c of layers 0…L−1.
            double[] Slice(int index) => EngineOutputs.Widen<float>(saved.AsSpan(index * hidden, hidden));
            var finalHidden = Enumerable.Range(0, layers).Select(Slice).ToArray();
            var finalCell = spec.Cell == CellKind.Lstm ? Enumerable.Range(layers, layers).Select(Slice).ToArray() : [];
            return new EngineOutputs(topHidden, EngineOutputs.Widen<float>(forecast), finalHidden, finalCell);
        }
    }
}
