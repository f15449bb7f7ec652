using GruNative.Kernels;
using GruNative.TestKit;

namespace GruNative.Consumer.Tests;

/// <summary>
/// The README's generic host, as written there, run on declared models: through the runtime contract it must compute
/// bit for bit what the model's own members compute, so a contract member wired to the wrong generated member fails.
/// </summary>
public sealed class GenericHostTests
{
    // README.md, "Declaring a model": verbatim.
    // Streams observations through any generated model; one state, no allocation per step.
    static void Stream<TModel, TState>(TModel model, ReadOnlySpan<float> observations, Span<float> forecast)
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState>
    {
        var state = default(TState);
        for (int t = 0; t < observations.Length; t += TModel.InputSize)
            model.Step(observations.Slice(t, TModel.InputSize), ref state);
        model.Predict(in state, forecast);   // TModel.OutputSize values
    }

    [Fact]
    public void The_READMEs_host_streams_any_model_as_its_own_members_do()
    {
        float[] gruInputs = Inputs.Sequence(300, BakedGru.InputSize, seed: 5);
        var direct = new float[BakedGru.OutputSize];
        var state = new BakedGru.State();
        for (int t = 0; t < 300; t++)
            BakedGru.Baked.Step(gruInputs.AsSpan(t * BakedGru.InputSize, BakedGru.InputSize), ref state);
        BakedGru.Baked.Predict(in state, direct);
        var hosted = new float[BakedGru.OutputSize];
        Stream<BakedGru, BakedGru.State>(BakedGru.Baked, gruInputs, hosted);
        Bits.Equal(direct, hosted, "BakedGru through the contract");

        float[] lstmInputs = Inputs.Sequence(300, BakedLstm.InputSize, seed: 6);
        var lstmDirect = new float[BakedLstm.OutputSize];
        var lstmState = new BakedLstm.State();
        BakedLstm.Baked.Run(lstmInputs, ref lstmState);
        BakedLstm.Baked.Predict(in lstmState, lstmDirect);
        var lstmHosted = new float[BakedLstm.OutputSize];
        Stream<BakedLstm, BakedLstm.State>(BakedLstm.Baked, lstmInputs, lstmHosted);
        Bits.Equal(lstmDirect, lstmHosted, "BakedLstm through the contract");
    }

    [Fact]
    public void Static_members_of_the_contract_are_the_types_own()
    {
        Assert.Equal(BakedGru.Spec, Spec<BakedGru, BakedGru.State>());
        Assert.Equal(BakedGru.StateLength, StateLength<BakedGru.State>());
        Assert.Equal(BakedLstm.StateLength, StateLength<BakedLstm.State>());
        Assert.Equal((BakedGru.InputSize, BakedGru.OutputSize), Sizes<BakedGru>());
        Assert.Equal(BakedGru.ActivePath, ActivePath<BakedGru>());
        Assert.Same(BakedGru.Baked, Baked<BakedGru>());
    }

    [Fact]
    public void Forecast_through_the_contract_equals_Forecast_on_every_path()
    {
        float[] window = Inputs.Sequence(96, BakedGru.InputSize, seed: 9);
        foreach (var path in Enum.GetValues<VectorPath>())
        {
            var direct = new float[BakedGru.OutputSize];
            BakedGru.Baked.Forecast(window, direct, path);
            Bits.Equal(direct, Forecast(BakedGru.Baked, window, path), $"Forecast on {path}");
        }
    }

    private static ModelSpec Spec<TModel, TState>()
        where TModel : class, IRecurrentForecaster<TModel, TState>
        where TState : struct, IRecurrentState<TState> => TModel.Spec;

    private static int StateLength<TState>() where TState : struct, IRecurrentState<TState> => TState.Length;

    private static (int, int) Sizes<TModel>() where TModel : class, IForecaster<TModel> => (TModel.InputSize, TModel.OutputSize);

    private static VectorPath ActivePath<TModel>() where TModel : class, IForecaster<TModel> => TModel.ActivePath;

    private static TModel Baked<TModel>() where TModel : class, IBakedForecaster<TModel> => TModel.Baked;

    private static float[] Forecast<TModel>(TModel model, float[] window, VectorPath path) where TModel : class, IForecaster<TModel>
    {
        var output = new float[TModel.OutputSize];
        model.Forecast(window, output, path);
        return output;
    }
}
