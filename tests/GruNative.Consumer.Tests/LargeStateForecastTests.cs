using GruNative.Kernels;
using GruNative.TestKit;

namespace GruNative.Consumer.Tests;

/// <summary>
/// Forecast keeps at most 4 KiB of state on the stack; a larger state is rented from the shared array pool. The rented
/// path must compute exactly what Step and Predict compute, start from zero whatever the pool hands back, and allocate
/// nothing once warm.
/// </summary>
public sealed class LargeStateForecastTests
{
    private static readonly LargeStateGru Model = LargeStateGru.FromWeights(ModelWeights.CreateRandom(LargeStateGru.Spec, seed: 3));

    [Fact]
    public void The_rented_state_forecasts_as_Step_and_Predict_on_every_path()
    {
        float[] window = Inputs.Sequence(24, LargeStateGru.InputSize, seed: 4);
        foreach (var path in Enum.GetValues<VectorPath>())
        {
            var expected = new float[LargeStateGru.OutputSize];
            var state = new LargeStateGru.State();
            for (int t = 0; t < 24; t++)
                Model.Step(window.AsSpan(t * LargeStateGru.InputSize, LargeStateGru.InputSize), ref state, path);
            Model.Predict(in state, expected, path);

            // Twice: the second forecast gets back the buffer the first one dirtied, and must still start from zero.
            for (int round = 0; round < 2; round++)
            {
                var actual = new float[LargeStateGru.OutputSize];
                Model.Forecast(window, actual, path);
                Bits.Equal(expected, actual, $"Forecast with a rented state on {path}, round {round}");
            }
        }
    }

    [Fact]
    public void The_rented_state_allocates_nothing_once_warm()
    {
        float[] window = Inputs.Sequence(4, LargeStateGru.InputSize, seed: 5);
        var output = new float[LargeStateGru.OutputSize];
        for (int i = 0; i < 2_000; i++)
            Model.Forecast(window, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
            Model.Forecast(window, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
