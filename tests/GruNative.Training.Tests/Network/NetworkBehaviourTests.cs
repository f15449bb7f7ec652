using System.Runtime.CompilerServices;
using GruNative.Training.Network;
using static GruNative.Training.Tests.Network.NetworkTestKit;

namespace GruNative.Training.Tests.Network;

/// <summary>Allocation, determinism, batch handling and gradient accumulation of <see cref="Network{T}"/>.</summary>
public class NetworkBehaviourTests
{
    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Forward_and_ForwardBackward_allocate_nothing_after_warm_up(CellKind cell)
    {
        var spec = Spec(cell, 3, 20, 2, 5);
        const int lookback = 16, maxBatch = 8;
        var network = new Network<float>(spec, lookback, maxBatch);
        var (parameters, inputs, targets) = Problem<float>(spec, lookback, maxBatch, seed: 1);
        var gradient = new float[network.Layout.Length];
        var outputs = new float[maxBatch * 5];

        // Warm up every path (full and smaller batches) so that tiered compilation is not counted: 50 calls make the
        // methods hot, and half a second lets the background tier-1 compilation install them (on a loaded 2-core
        // machine it can land after 50 quick calls, inside the measured loop).
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 50 || warmUp.ElapsedMilliseconds < 500; i++)
        {
            Run(network, parameters, inputs, targets, maxBatch, gradient, outputs);
            Run(network, parameters, inputs.AsSpan(0, 3 * lookback * 3).ToArray(), targets.AsSpan(0, 15).ToArray(), 3, gradient, outputs.AsSpan(0, 15).ToArray());
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
            Run(network, parameters, inputs, targets, maxBatch, gradient, outputs);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // A separate, never-inlined method: exactly the two calls are measured.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run(Network<float> network, float[] parameters, float[] inputs, float[] targets, int batch, float[] gradient, float[] outputs)
    {
        network.Forward(parameters, inputs, batch, outputs);
        network.ForwardBackward(parameters, inputs, targets, batch, gradient);
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Same_inputs_give_bit_identical_outputs_loss_and_gradients(CellKind cell)
    {
        var spec = Spec(cell, 2, 24, 2, 3);
        const int lookback = 12, batch = 6;
        var (parameters, inputs, targets) = Problem<float>(spec, lookback, batch, seed: 9);

        (float Loss, float[] Gradient, float[] Outputs) Once(Network<float> network)
        {
            var gradient = new float[network.Layout.Length];
            var outputs = new float[batch * 3];
            network.Forward(parameters, inputs, batch, outputs);
            return (network.ForwardBackward(parameters, inputs, targets, batch, gradient), gradient, outputs);
        }

        var first = new Network<float>(spec, lookback, batch);
        var a = Once(first);
        var b = Once(first);                                      // same network, buffers reused
        var c = Once(new Network<float>(spec, lookback, 2 * batch));  // another network, larger buffers
        foreach (var other in new[] { b, c })
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(a.Loss), BitConverter.SingleToInt32Bits(other.Loss));
            Assert.Equal(a.Gradient, other.Gradient);
            Assert.Equal(a.Outputs, other.Outputs);
        }
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void A_batch_below_the_maximum_gives_what_those_windows_give_in_a_full_batch(CellKind cell)
    {
        var spec = Spec(cell, 2, 10, 2, 3);
        const int lookback = 8, full = 6, small = 2;
        var network = new Network<double>(spec, lookback, full);
        var (parameters, inputs, targets) = Problem<double>(spec, lookback, full, seed: 4);
        var fullOutputs = new double[full * 3];
        network.Forward(parameters, inputs, full, fullOutputs);

        var smallOutputs = new double[small * 3];
        network.Forward(parameters, inputs.AsSpan(0, small * lookback * 2), small, smallOutputs);
        Assert.Equal(fullOutputs.Take(small * 3), smallOutputs, (x, y) => Math.Abs(x - y) <= 1e-14);

        // And the gradient of a batch is the sum of its windows' gradients.
        var together = new double[network.Layout.Length];
        double lossTogether = network.ForwardBackward(parameters, inputs, targets, full, together);
        var apart = new double[network.Layout.Length];
        double lossApart = 0;
        for (int b = 0; b < full; b++)
            lossApart += network.ForwardBackward(parameters, inputs.AsSpan(b * lookback * 2, lookback * 2), targets.AsSpan(b * 3, 3), 1, apart);
        Assert.Equal(lossApart, lossTogether, 1e-12);
        Assert.True(RelativeError(together, apart) < 1e-12);
    }

    [Fact]
    public void ForwardBackward_adds_to_the_gradient_it_is_given()
    {
        var spec = Spec(CellKind.Gru, 1, 6, 1, 2);
        var network = new Network<double>(spec, 5, 3);
        var (parameters, inputs, targets) = Problem<double>(spec, lookback: 5, batch: 3, seed: 4);
        var once = new double[network.Layout.Length];
        network.ForwardBackward(parameters, inputs, targets, 3, once);
        var twice = new double[network.Layout.Length];
        network.ForwardBackward(parameters, inputs, targets, 3, twice);
        network.ForwardBackward(parameters, inputs, targets, 3, twice);
        Assert.True(RelativeError(once.Select(g => 2 * g).ToArray(), twice) < 1e-14);
    }

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void A_small_step_against_the_gradient_lowers_the_loss(CellKind cell)
    {
        var spec = Spec(cell, 2, 12, 2, 4);
        var network = new Network<float>(spec, 10, 16);
        var (parameters, inputs, targets) = Problem<float>(spec, lookback: 10, batch: 16, seed: 8);
        var gradient = new float[network.Layout.Length];
        float before = network.ForwardBackward(parameters, inputs, targets, 16, gradient);
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] -= 1e-3f * gradient[i];
        float after = network.ForwardBackward(parameters, inputs, targets, 16, new float[gradient.Length]);
        Assert.True(after < before, $"loss {before} → {after}");
    }

    [Fact]
    public void Half_precision_works_through_the_scalar_paths()
    {
        // T is any IFloatingPointIeee754; types without hardware vectors take the scalar code.
        var spec = Spec(CellKind.Gru, 1, 3, 1, 1);
        var network = new Network<Half>(spec, 4, 2);
        Half[] parameters = NetworkParameters<Half>.Initialize(spec, 1).Values;
        var outputs = new Half[2];
        network.Forward(parameters, Uniform<Half>(8, 2), 2, outputs);
        var expected = new double[2];
        new Network<double>(spec, 4, 2).Forward(NetworkParameters<double>.Initialize(spec, 1).Values, EngineOutputs.Widen<Half>(Uniform<Half>(8, 2)), 2, expected);
        Assert.Equal(expected, EngineOutputs.Widen<Half>(outputs), (x, y) => Math.Abs(x - y) < 1e-2);
    }
}
