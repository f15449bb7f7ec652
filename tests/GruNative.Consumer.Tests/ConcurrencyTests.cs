using GruNative.Kernels;

namespace GruNative.Consumer.Tests;

/// <summary>
/// One model instance serves many threads, each with its own state: 8 threads stepping concurrently (on
/// different paths) compute exactly what each computes alone — so the generated code keeps no mutable static or
/// instance state.
/// </summary>
public class ConcurrencyTests
{
    private const int Threads = 8;
    private const int Steps = 2_000;
    private static readonly int[] Checkpoints = Enumerable.Range(1, Steps / 100).Select(i => i * 100).Prepend(1).ToArray();

    [Theory]
    [MemberData(nameof(Cases.NameData), MemberType = typeof(Cases))]
    public void EightThreadsOnOneInstanceMatchOneThread(string name)
    {
        var harness = Cases.Get(name);
        var sequences = Enumerable.Range(0, Threads).Select(i => Inputs.Sequence(Steps, harness.Spec.InputSize, seed: 900 + i)).ToArray();
        var paths = Enumerable.Range(0, Threads).Select(i => (VectorPath)(i % Enum.GetValues<VectorPath>().Length)).ToArray();
        var alone = Enumerable.Range(0, Threads).Select(i => harness.Run(sequences[i], paths[i], Checkpoints)).ToArray();

        var together = RunConcurrently(i => harness.Run(sequences[i], paths[i], Checkpoints));
        for (int i = 0; i < Threads; i++)
            Bits.Equal(alone[i], together[i], $"{name}, thread {i} on {paths[i]}");
    }

    [Fact]
    public void InstancesOfOneTypeWithOtherWeightsDoNotInterfere()
    {
        // Two loaded instances of one type, and the baked instance of the same shape, used at once.
        var spec = WeightsCatalog.BakedGru.Spec;
        var other = ModelWeights.CreateRandom(spec, seed: 777);
        ModelHarness[] models =
        [
            Cases.Get("LoadedGruTwin"),
            new ModelHarness<LoadedGruTwin, LoadedGruTwin.State>("LoadedGruTwin(777)", LoadedGruTwin.FromWeights(other), other),
            Cases.Get("BakedGru.Baked"),
            new ModelHarness<BakedGru, BakedGru.State>("BakedGru.FromWeights(777)", BakedGru.FromWeights(other), other),
        ];
        var sequence = Inputs.Sequence(Steps, spec.InputSize, seed: 31);
        var alone = models.Select(m => m.Run(sequence, VectorPath.Auto, Checkpoints)).ToArray();
        Assert.NotEqual(alone[0].FinalState, alone[1].FinalState);

        var together = RunConcurrently(i => models[i % models.Length].Run(sequence, VectorPath.Auto, Checkpoints));
        for (int i = 0; i < Threads; i++)
            Bits.Equal(alone[i % models.Length], together[i], $"{models[i % models.Length]}, thread {i}");
        Bits.Equal(alone[0], alone[2], "baked vs loaded of the same weights");
        Bits.Equal(alone[1], alone[3], "two types loaded with the same weights");
    }

    private static Trace[] RunConcurrently(Func<int, Trace> work)
    {
        var results = new Trace[Threads];
        var errors = new Exception?[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[i] = work(i);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        foreach (var error in errors)
        {
            if (error is not null)
                throw new AggregateException(error);
        }
        return results;
    }
}
