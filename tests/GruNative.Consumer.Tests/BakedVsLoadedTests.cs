using GruNative.Kernels;

namespace GruNative.Consumer.Tests;

/// <summary>
/// The same weights baked at compile time and loaded at run time — FromWeights, Load of safetensors bytes, a
/// stream, a saved file, and the committed JSON file read back — give bit-identical outputs on every path.
/// </summary>
public sealed class BakedVsLoadedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("grunative-consumer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Definitions() => new("baked_gru", "baked_lstm", "station_sensor");

    [Theory]
    [MemberData(nameof(Definitions))]
    public void BakedAndLoadedAreBitIdentical(string definition)
    {
        var variants = Cases.Variants(definition, _directory);
        var baked = variants[0];
        int[] checkpoints = [1, 3, 50, 333, 1000];
        float[] sequence = Inputs.Sequence(1000, baked.Spec.InputSize, seed: 4242);
        float[] window = sequence.AsSpan(0, 96 * baked.Spec.InputSize).ToArray();
        foreach (var path in Enum.GetValues<VectorPath>())
        {
            var expected = baked.Run(sequence, path, checkpoints);
            var expectedForecast = baked.Forecast(window, path);
            foreach (var variant in variants.Skip(1))
            {
                Bits.Equal(expected, variant.Run(sequence, path, checkpoints), $"{variant} vs {baked} on {path}");
                Bits.Equal(expectedForecast, variant.Forecast(window, path), $"{variant} vs {baked} forecast on {path}");
            }
        }
        float[] forecast = baked.Forecast(window);
        foreach (var variant in variants.Skip(1))
            Bits.Equal(forecast, variant.Forecast(window), $"{variant} vs {baked}: Forecast");
    }
}
