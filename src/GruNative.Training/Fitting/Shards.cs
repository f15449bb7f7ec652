using System;
using System.Numerics.Tensors;
using System.Threading.Tasks;

namespace GruNative.Training.Fitting;

/// <summary>
/// What both data-parallel gradients (<see cref="ShardedGradient"/> and the segment model's
/// <see cref="Segments.SegmentShardedGradient"/>) do the same way, so that one thread or many give bit-identical
/// results: a batch cut into shards of a fixed size, a body run per shard on any thread, dropout keys that follow a
/// window's position in the batch, and the shards' gradients summed in shard order.
/// </summary>
internal static class Shards
{
    /// <summary>Shards of <paramref name="shardSize"/> windows that hold <paramref name="windows"/> windows.</summary>
    public static int Count(int windows, int shardSize) => (windows + shardSize - 1) / shardSize;

    /// <summary>
    /// Runs <paramref name="body"/> for shards 0 … <paramref name="shards"/> − 1: in order on this thread when there is
    /// one thread or one shard, else on up to <paramref name="threads"/> worker threads.
    /// </summary>
    public static void ForEach(int shards, int threads, Action<int> body)
    {
        if (threads == 1 || shards == 1)
        {
            for (int s = 0; s < shards; s++)
                body(s);
            return;
        }
        Parallel.For(0, shards, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }

    /// <summary>
    /// The dropout keys of a shard whose first window stands at position <paramref name="first"/> of the batch: window b
    /// gets <see cref="DeterministicRandom.At"/>(<paramref name="dropoutKey"/>, first + b). Keyed by position in the
    /// whole batch, never by shard or slot, so any shard size or thread count gives the same masks.
    /// </summary>
    public static void DropoutKeys(Span<ulong> keys, ulong dropoutKey, int first)
    {
        for (int b = 0; b < keys.Length; b++)
            keys[b] = DeterministicRandom.At(dropoutKey, (ulong)(first + b));
    }

    /// <summary>Writes the sum of the first <paramref name="shards"/> shard gradients to <paramref name="gradient"/>, added in shard order.</summary>
    public static void SumGradients(float[][] gradients, int shards, Span<float> gradient)
    {
        gradients[0].CopyTo(gradient);
        for (int s = 1; s < shards; s++)
            TensorPrimitives.Add(gradient, gradients[s], gradient);
    }

    /// <summary>
    /// The sum of the first <paramref name="shards"/> shard values (a pass's losses, its squared errors), added in shard
    /// order from the first shard's: the same sum for any thread count.
    /// </summary>
    public static double Sum(double[] values, int shards)
    {
        double sum = values[0];
        for (int s = 1; s < shards; s++)
            sum += values[s];
        return sum;
    }

    /// <summary>
    /// Σ (y − t)² of a shard's forecasts in float64, in index order: the training MSE an epoch reports when the loss it
    /// trains on is another (a pass's loss is the squared error's own sum only when that is the loss).
    /// </summary>
    public static double SquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double error = (double)outputs[i] - targets[i];
            sum += error * error;
        }
        return sum;
    }
}
