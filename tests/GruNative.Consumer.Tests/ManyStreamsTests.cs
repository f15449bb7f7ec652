using GruNative.Kernels;
using Xunit.Abstractions;

namespace GruNative.Consumer.Tests;

/// <summary>
/// Many streams per call: Step and Predict over a span of States, and ForecastMany, equal the single-stream calls bit for
/// bit — every state byte but the kernels' scratch h, and every output — for every declared model, on Auto and on every forced path, for stream
/// counts that fill the kernels' blocks exactly, leave each possible remainder, or are smaller than one block. They
/// allocate nothing, check their arguments, and run on several threads over disjoint parts of one array of states.
/// </summary>
public class ManyStreamsTests(ITestOutputHelper output)
{
    private static readonly int[] StreamCounts = [1, 2, 3, 4, 5, 7, 8, 12, 17];

    public static TheoryData<string, VectorPath?> NameAndPathData()
    {
        var data = new TheoryData<string, VectorPath?>();
        foreach (string name in Cases.StreamNames)
        {
            data.Add(name, null);
            foreach (var path in Enum.GetValues<VectorPath>())
                data.Add(name, path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NameAndPathData))]
    public void ManyStreamsEqualSingleStreamsBitForBit(string name, VectorPath? path)
    {
        var harness = Cases.Get(name);
        foreach (int streams in StreamCounts)
            harness.CheckManyStreams(streams, path, seed: streams);
    }

    [Theory]
    [MemberData(nameof(Cases.StreamNameData), MemberType = typeof(Cases))]
    public void ArgumentsAreChecked(string name) => Cases.Get(name).CheckManyStreamsArguments();

    [Theory]
    [MemberData(nameof(Cases.StreamNameData), MemberType = typeof(Cases))]
    public void DisjointStreamsRunOnSeveralThreads(string name) => Cases.Get(name).CheckManyStreamsOnThreads(streams: 37, threads: 4, steps: 40);

    [Theory]
    [MemberData(nameof(Cases.StreamNameData), MemberType = typeof(Cases))]
    public void ManyStreamsAllocateNothing(string name)
    {
        var harness = Cases.Get(name);
        // 9 streams: whole blocks and a remainder; 300 windows of 8 steps: states over 4 KiB, rented from the pool.
        harness.AllocatedByManyStreams(9, 20_000, null);
        harness.AllocatedByForecastMany(300, 8, 50);
        harness.AllocatedByForecastMany(3, 8, 2_000);
        foreach (var path in Enum.GetValues<VectorPath>())
            harness.AllocatedByManyStreams(9, 2_000, path);

        var results = new List<(string What, long Bytes)>
        {
            ("10,000 × Step + Predict, 9 streams", AllocationTests.SteadyState(() => harness.AllocatedByManyStreams(9, 10_000, null))),
            ("100 × ForecastMany, 300 windows of 8 steps", AllocationTests.SteadyState(() => harness.AllocatedByForecastMany(300, 8, 100))),
            ("1,000 × ForecastMany, 3 windows of 8 steps", AllocationTests.SteadyState(() => harness.AllocatedByForecastMany(3, 8, 1_000))),
        };
        foreach (var path in Enum.GetValues<VectorPath>())
            results.Add(($"1,000 × Step + Predict({path}), 9 streams", AllocationTests.SteadyState(() => harness.AllocatedByManyStreams(9, 1_000, path))));
        output.WriteLine($"{name}: " + string.Join("; ", results.Select(r => $"{r.What}: {r.Bytes} B")));
        Assert.All(results, r => Assert.True(r.Bytes == 0, $"{name}: {r.What} allocated {r.Bytes} bytes"));
    }
}
