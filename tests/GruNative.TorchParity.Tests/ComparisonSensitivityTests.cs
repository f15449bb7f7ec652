using System.Globalization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// Evidence that the parity comparison can fail: the same model, except for a 1e-3 change in the libtorch
/// module, must end up more than <see cref="TorchParityTests.Tolerance"/> away from the reference. Each test
/// first runs the unchanged module as a control, so the failure is the change's doing.
/// </summary>
/// <remarks>
/// How fine the bound is depends on what a weight multiplies. Measured on this model (T = 50): one element of
/// <c>weight_ih_l0</c> (it multiplies inputs in [−2, 2]), of a bias or of the head, moved by 1e-3, shifts the
/// outputs by 2e-5 to 1e-3; one element of a <c>weight_hh_l{k}</c> or of <c>weight_ih_l1</c> (they multiply
/// hidden states of magnitude ~0.1, through gate slopes ≤ 0.25) shifts them by only 8e-7 to 6e-6, under the
/// bound. So the per-tensor test moves a whole tensor, which every tensor fails by ≥ 1.6e-4.
/// </remarks>
[Collection(LibtorchCollection.Name)]
public sealed class ComparisonSensitivityTests
{
    private const float Perturbation = 1e-3f;

    private readonly ITestOutputHelper _output;

    public ComparisonSensitivityTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Lstm)]
    public void Moving_one_input_weight_by_1e_3_fails_the_comparison(CellKind cell)
    {
        string tensorName = PyTorchTensors.WeightIh(0);
        var (before, after) = MeasureWithChange(cell, tensorName, module =>
        {
            using var first = module.state_dict()[tensorName].view(-1)[0];
            first.add_(Perturbation);
        });
        Report($"{tensorName}[0, 0] += {Perturbation:E0}", before, after);
        AssertControlPassesAndChangeFails(before, after);
    }

    /// <summary>Every tensor of a 2-layer GRU and LSTM: a tensor the copy or the comparison ignored would pass here.</summary>
    public static TheoryData<CellKind, string> Tensors()
    {
        var data = new TheoryData<CellKind, string>();
        foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
        foreach (var (name, _, _) in ForecasterTensors.Of(ModelWeights.CreateRandom(SpecFor(cell), seed: 0)))
            data.Add(cell, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Tensors))]
    public void Moving_any_whole_tensor_by_1e_3_fails_the_comparison(CellKind cell, string tensorName)
    {
        var (before, after) = MeasureWithChange(cell, tensorName, module => module.state_dict()[tensorName].add_(Perturbation));
        Report($"{tensorName} += {Perturbation:E0} (every element)", before, after);
        AssertControlPassesAndChangeFails(before, after);
    }

    private static ModelSpec SpecFor(CellKind cell) => new(cell, inputSize: 3, hiddenSize: 16, layers: 2, outputSize: 4);

    /// <summary>The reference vs the module holding the same weights, then vs the module after <paramref name="change"/> (applied in place, without autograd).</summary>
    private static (ParityResult Before, ParityResult After) MeasureWithChange(CellKind cell, string tensorName, Action<TorchForecaster> change)
    {
        var weights = ModelWeights.CreateRandom(SpecFor(cell), seed: 4242);
        float[][] sequences = [ParityCase.RandomSequence(weights.Spec.InputSize, 50, seed: 4243)];
        using var module = new TorchForecaster(weights.Spec);
        ForecasterTensors.CopyInto(weights, module);

        var before = TorchParityMeasurement.Measure(weights, module, sequences);
        using (no_grad())
            change(module);
        var after = TorchParityMeasurement.Measure(weights, module, sequences);
        return (before, after);
    }

    private void Report(string change, ParityResult before, ParityResult after)
    {
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch module changed by {change}:"));
        _output.WriteLine($"  unchanged: float {before.FloatVsEngine}, double {before.DoubleVsEngine}");
        _output.WriteLine($"  changed:   float {after.FloatVsEngine}, double {after.DoubleVsEngine}");
    }

    private static void AssertControlPassesAndChangeFails(ParityResult before, ParityResult after)
    {
        const double bound = TorchParityTests.Tolerance;
        Assert.True(before.FloatVsEngine.Value <= bound && before.DoubleVsEngine.Value <= bound, $"the unchanged module already differs: {before}");
        Assert.True(after.FloatVsEngine.Value > bound, $"the float reference did not notice the change: {after.FloatVsEngine}");
        Assert.True(after.DoubleVsEngine.Value > bound, $"the double reference did not notice the change: {after.DoubleVsEngine}");
    }
}
