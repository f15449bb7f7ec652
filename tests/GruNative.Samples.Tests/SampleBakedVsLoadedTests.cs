using GruNative.TestKit;
using GruNative.Kernels;

namespace GruNative.Samples.Tests;

/// <summary>
/// What the sample prints, held on every path: each baked model and its loaded twin (Load of the sample's
/// safetensors file) give bit-identical predictions, states and forecasts over 1,000 steps.
/// </summary>
public class SampleBakedVsLoadedTests
{
    /// <summary>(baked, loaded) × path: <see cref="SampleModel.Names"/> lists each baked model before its twin.</summary>
    public static TheoryData<string, string, VectorPath> PairAndPath()
    {
        var data = new TheoryData<string, string, VectorPath>();
        foreach (var pair in SampleModel.Names.Chunk(2))
        {
            foreach (var path in Enum.GetValues<VectorPath>())
                data.Add(pair[0], pair[1], path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PairAndPath))]
    public void BakedAndLoadedAreBitIdentical(string bakedName, string loadedName, VectorPath path)
    {
        var baked = SampleModel.Get(bakedName).Harness;
        var loaded = SampleModel.Get(loadedName).Harness;
        int[] checkpoints = [1, 2, 24, 240, 500, 999, 1000];
        float[] sequence = Inputs.Sequence(1000, baked.Spec.InputSize, seed: 31);
        float[] window = sequence.AsSpan(0, 48 * baked.Spec.InputSize).ToArray();

        Bits.Equal(baked.Run(sequence, path, checkpoints), loaded.Run(sequence, path, checkpoints), $"{loadedName} vs {bakedName} on {path}");
        Bits.Equal(baked.Forecast(window, path), loaded.Forecast(window, path), $"{loadedName} vs {bakedName}: forecast on {path}");
        if (path == VectorPath.Auto)
            Bits.Equal(baked.Forecast(window), loaded.Forecast(window), $"{loadedName} vs {bakedName}: Forecast");
    }
}
