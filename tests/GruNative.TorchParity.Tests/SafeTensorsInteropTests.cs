using System.Globalization;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit.Abstractions;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// GruNative's safetensors files against an independent implementation, TorchSharp.PyBridge, in both
/// directions: a file GruNative writes must load strictly into the PyTorch-shaped module and compute what the
/// reference computes; a file the module writes (no GruNative metadata at all) must be read with the right
/// shape inferred and every weight bit for bit.
/// </summary>
[Collection(LibtorchCollection.Name)]
public sealed class SafeTensorsInteropTests
{
    private readonly ITestOutputHelper _output;

    public SafeTensorsInteropTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// GRU and LSTM with 1 and 2 layers. I, H and O differ from each other (and from G·H), so a transposed
    /// or swapped dimension cannot go unnoticed.
    /// </summary>
    public static TheoryData<CellKind, int> Shapes => new()
    {
        { CellKind.Gru, 1 }, { CellKind.Gru, 2 }, { CellKind.Lstm, 1 }, { CellKind.Lstm, 2 },
    };

    private static ModelSpec SpecFor(CellKind cell, int layers) => new(cell, inputSize: 3, hiddenSize: 7, layers, outputSize: 5);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_file_GruNative_saves_loads_strictly_into_the_module_and_computes_the_same(CellKind cell, int layers)
    {
        var weights = ModelWeights.CreateRandom(SpecFor(cell, layers), seed: 31 + layers);
        using var directory = new TemporaryDirectory();
        string path = directory.File("gruNative.safetensors");
        SafeTensorsWeights.Save(weights, path);

        using var module = new TorchForecaster(weights.Spec);   // starts from libtorch's own random weights
        var loaded = new Dictionary<string, bool>();
        module.load_safetensors(path, strict: true, loadedParameters: loaded);

        Assert.Equal(ForecasterTensors.Of(weights).Select(t => t.Name).Order(), loaded.Where(e => e.Value).Select(e => e.Key).Order());
        var inModule = ForecasterTensors.Read(module);
        foreach (var (name, _, values) in ForecasterTensors.Of(weights))
            AssertBitIdentical(values, inModule[name], name);

        var sequence = ParityCase.RandomSequence(weights.Spec.InputSize, 60, seed: 77);
        var result = TorchParityMeasurement.Measure(weights, module, [sequence]);
        _output.WriteLine($"{weights.Spec}: float {result.FloatVsEngine}, double {result.DoubleVsEngine}");
        Assert.True(result.FloatVsEngine.Value <= TorchParityTests.Tolerance, $"float reference vs libtorch: {result.FloatVsEngine}");
        Assert.True(result.DoubleVsEngine.Value <= TorchParityTests.Tolerance, $"double reference vs libtorch: {result.DoubleVsEngine}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_file_the_module_saves_is_read_with_its_shape_inferred_and_every_bit_kept(CellKind cell, int layers)
    {
        var spec = SpecFor(cell, layers);
        torch.manual_seed(1000 + 10 * layers + (int)cell);   // libtorch's default init, reproducibly
        using var module = new TorchForecaster(spec);
        using var directory = new TemporaryDirectory();
        string path = directory.File("pytorch.safetensors");
        module.save_safetensors(path);

        var file = SafeTensorsFile.Read(path);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PyBridge wrote {file.Tensors.Count} tensors and {file.Metadata.Count} metadata entries: {string.Join(", ", file.Tensors.Select(t => $"{t.Name} {PyTorchTensors.Format(t.Shape)}"))}"));
        Assert.DoesNotContain(file.Metadata.Keys, key => key.StartsWith(WeightsMetadata.KeyPrefix, StringComparison.Ordinal));

        var weights = SafeTensorsWeights.Read(path);
        Assert.Equal(spec, weights.Spec);   // cell, I, H, L and O, all from the tensor shapes alone
        Assert.Null(weights.Preprocessing);
        var inModule = ForecasterTensors.Read(module);
        Assert.Equal(inModule.Keys.Order(), ForecasterTensors.Of(weights).Select(t => t.Name).Order());
        foreach (var (name, _, values) in ForecasterTensors.Of(weights))
            AssertBitIdentical(inModule[name], values, name);
    }

    /// <summary>Strict loading means something: a 2-layer file does not fit a 1-layer module.</summary>
    [Fact]
    public void Strict_loading_rejects_a_file_with_a_layer_the_module_lacks()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("two-layers.safetensors");
        SafeTensorsWeights.Save(ModelWeights.CreateRandom(SpecFor(CellKind.Gru, 2), seed: 5), path);

        using var module = new TorchForecaster(SpecFor(CellKind.Gru, 1));
        var error = Assert.Throws<InvalidOperationException>(() => module.load_safetensors(path, strict: true));
        _output.WriteLine(error.Message);
    }

    /// <summary>Bit patterns, not values: -0 vs +0 or two NaN payloads would differ here.</summary>
    private static void AssertBitIdentical(float[] expected, float[] actual, string name)
    {
        Assert.True(expected.Length == actual.Length, $"{name}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            int a = BitConverter.SingleToInt32Bits(expected[i]), b = BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(a == b, string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]: {actual[i]:R} (0x{b:X8}) differs from {expected[i]:R} (0x{a:X8})"));
        }
    }
}
