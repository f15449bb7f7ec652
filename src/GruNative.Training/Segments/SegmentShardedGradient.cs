using System;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Training.Segments;

/// <summary>
/// Data-parallel forward and backward of a segment model over a batch, with a fixed-order reduction (the segment
/// twin of the plain trainer's <c>ShardedGradient</c>): the batch is cut into shards of a fixed size, each shard runs
/// on its own network and gradient buffer on any thread, and the shard results are summed in shard order, so one
/// thread or many give bit-identical results. Dropout keys follow a window's position in the batch, not its shard.
/// </summary>
/// <remarks>
/// The caller gathers the batch (windows, channel ids, targets) into contiguous arrays; how windows are drawn from a
/// data set is the trainer's business.
/// </remarks>
internal sealed class SegmentShardedGradient
{
    private readonly SegmentNetwork<float>[] _networks;
    private readonly float[][] _gradients;
    private readonly ulong[][] _dropoutKeys;   // per shard, [shard size] when dropout applies, else empty
    private readonly double[] _losses;
    private readonly double[] _squaredErrors;  // per shard: Σ (y − target)² of the last training pass
    private readonly int _shardSize, _threads, _lookback, _horizon;

    public SegmentShardedGradient(SegmentModelSpec shape, int batchSize, int shardSize, int threads, double dropout = 0,
        ForecastLoss loss = ForecastLoss.SquaredError, double huberDelta = 1, double quantile = 0.5)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _shardSize = Math.Min(shardSize, batchSize);
        _threads = threads;
        _lookback = shape.Lookback;
        _horizon = shape.Horizon;
        int shards = Shards.Count(batchSize, _shardSize);
        _networks = new SegmentNetwork<float>[shards];
        _gradients = new float[shards][];
        _dropoutKeys = new ulong[shards][];
        _losses = new double[shards];
        _squaredErrors = new double[shards];
        for (int s = 0; s < shards; s++)
        {
            _networks[s] = new SegmentNetwork<float>(shape, _shardSize, dropout, loss, huberDelta, quantile);
            _gradients[s] = new float[_networks[s].Layout.Length];
            _dropoutKeys[s] = dropout > 0 ? new ulong[_shardSize] : [];
        }
    }

    /// <summary>Windows one call handles at most.</summary>
    public int Capacity => _networks.Length * _shardSize;

    /// <summary>Where each tensor lives in the parameters and gradient.</summary>
    public SegmentParameterLayout Layout => _networks[0].Layout;

    /// <summary>
    /// Σ (y − target)² over the batch of the last <see cref="LossAndGradient"/> call, from the forecasts that call
    /// trained on (dropout included), summed per shard and then in shard order: the training MSE without a second pass.
    /// </summary>
    public double LastSquaredError { get; private set; }

    /// <summary>
    /// The summed loss over <paramref name="count"/> windows and the gradient of that sum, written to
    /// <paramref name="gradient"/>. With dropout, window b of the batch gets the key
    /// <see cref="DeterministicRandom.At"/>(<paramref name="dropoutKey"/>, b).
    /// </summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="windows">[count][L].</param>
    /// <param name="channels">[count] channel ids, or empty without channel ids.</param>
    /// <param name="targets">[count][H].</param>
    /// <param name="count">Windows in the batch, 1 … <see cref="Capacity"/>.</param>
    /// <param name="gradient">Receives the gradient.</param>
    /// <param name="dropoutKey">The batch's dropout key.</param>
    public double LossAndGradient(float[] parameters, float[] windows, int[] channels, float[] targets, int count, Span<float> gradient, ulong dropoutKey = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        int shards = Shards.Count(count, _shardSize);
        ForEachShard(shards, s =>
        {
            int first = s * _shardSize, n = Math.Min(_shardSize, count - first);
            Span<ulong> keys = _dropoutKeys[s].AsSpan(0, Math.Min(n, _dropoutKeys[s].Length));
            Shards.DropoutKeys(keys, dropoutKey, first);
            Array.Clear(_gradients[s]);
            _losses[s] = _networks[s].ForwardBackward(parameters, windows.AsSpan(first * _lookback, n * _lookback),
                channels.Length == 0 ? default : channels.AsSpan(first, n), targets.AsSpan(first * _horizon, n * _horizon),
                n, _gradients[s], keys);
            _squaredErrors[s] = Shards.SquaredError(_networks[s].LastOutputs, targets.AsSpan(first * _horizon, n * _horizon));
        });
        Shards.SumGradients(_gradients, shards, gradient);
        LastSquaredError = Shards.Sum(_squaredErrors, shards);
        return Shards.Sum(_losses, shards);
    }

    /// <summary>
    /// Forecasts <paramref name="count"/> windows into <paramref name="outputs"/> ([count][H]) without dropout, shard by
    /// shard on the worker threads. A window's forecast depends on its shard's windows only through the batched
    /// products' shapes, which the fixed shard size decides: the outputs are bit-identical for any thread count.
    /// </summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="windows">[count][L].</param>
    /// <param name="channels">[count] channel ids, or empty without channel ids.</param>
    /// <param name="count">Windows, 1 … <see cref="Capacity"/>.</param>
    /// <param name="outputs">Receives the forecasts, [count][H].</param>
    public void Forecast(float[] parameters, float[] windows, int[] channels, int count, float[] outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        int shards = Shards.Count(count, _shardSize);
        ForEachShard(shards, s =>
        {
            int first = s * _shardSize, n = Math.Min(_shardSize, count - first);
            _networks[s].Forward(parameters, windows.AsSpan(first * _lookback, n * _lookback),
                channels.Length == 0 ? default : channels.AsSpan(first, n), n, outputs.AsSpan(first * _horizon, n * _horizon));
        });
    }

    private void ForEachShard(int shards, Action<int> body) => Shards.ForEach(shards, _threads, body);
}
