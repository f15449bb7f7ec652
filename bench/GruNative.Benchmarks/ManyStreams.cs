namespace GruNative.Benchmarks;

/// <summary>
/// What the many-streams benchmarks share: the benchmark model (PyTorch's default initialisation, seed 1), N states a
/// few steps apart, N inputs and N outputs, and one Step + Predict over a range of the states.
/// </summary>
public abstract class ManyStreams<TModel, TState> : ICountsFlops
    where TModel : class, IRecurrentForecaster<TModel, TState>
    where TState : struct, IRecurrentState<TState>
{
    protected TModel Model { get; private set; } = null!;

    protected TState[] States { get; private set; } = [];

    protected float[] Inputs { get; private set; } = [];

    protected float[] Outputs { get; private set; } = [];

    /// <summary>FLOPs of one stream's step; <see cref="FlopsColumn"/> multiplies by the Streams parameter.</summary>
    public long FlopsPerInvocation => TModel.Spec.FlopsPerStep;

    protected void SetUp(int streams)
    {
        Model = TModel.FromWeights(ModelWeights.CreateRandom(TModel.Spec, seed: 1), "<benchmark>");
        States = new TState[streams];
        float[] input = StepInput.For(TModel.InputSize);
        for (int n = 0; n < streams; n++)
        {
            for (int t = 0; t <= n % 4; t++)
                Model.Step(input, ref States[n]);
        }
        Inputs = Enumerable.Range(0, streams).SelectMany(_ => input).ToArray();
        Outputs = new float[streams * TModel.OutputSize];
    }

    /// <summary>Step + Predict over all the states.</summary>
    protected void StepAndPredictAll()
    {
        Model.Step(Inputs, States);
        Model.Predict(States, Outputs);
    }

    /// <summary>Step + Predict over states <paramref name="first"/> … <paramref name="end"/> − 1.</summary>
    protected void StepAndPredict(int first, int end)
    {
        int inputSize = TModel.InputSize, outputSize = TModel.OutputSize;
        var states = States.AsSpan(first, end - first);
        Model.Step(Inputs.AsSpan(first * inputSize, states.Length * inputSize), states);
        Model.Predict(states, Outputs.AsSpan(first * outputSize, states.Length * outputSize));
    }
}
