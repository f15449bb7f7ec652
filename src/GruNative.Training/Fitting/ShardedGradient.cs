using System;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>
/// Data-parallel forward and backward over a batch with a fixed-order reduction. A batch is cut into shards of
/// <see cref="TrainingOptions.ShardSize"/> windows; each shard runs on its own network and gradient buffer (on any
/// thread), then the shard results are summed in shard order. The arithmetic is the same for one thread or many, so
/// the result is bit-identical. Dropout masks are keyed by each window's position in the whole call's window list,
/// not by its shard, for the same reason.
/// </summary>
internal sealed class ShardedGradient
{
    private readonly Network<float>[] _networks;
    private readonly float[][] _gradients;
    private readonly float[][] _inputs;
    private readonly float[][] _targets;
    private readonly float[][] _outputs;
    private readonly ulong[][] _dropoutKeys;   // per shard, [shard size] when dropout applies, else empty
    private readonly double[] _losses;
    private readonly double[] _squaredErrors;  // per shard: Σ (y − target)² of the last training pass
    private readonly double[] _signed;         // per shard: Σ (y − target) of the last Errors call
    private readonly bool _lossIsSquaredError;
    private readonly int _shardSize;
    private readonly int _threads;
    private readonly int _inputLength;
    private readonly int _outputSize;

    public ShardedGradient(ModelSpec spec, int lookback, int batchSize, int shardSize, int threads, int parameterCount, double dropout = 0,
        ForecastLoss loss = ForecastLoss.SquaredError, double huberDelta = 1, double quantile = 0.5)
    {
        _lossIsSquaredError = loss == ForecastLoss.SquaredError;
        _shardSize = Math.Min(shardSize, batchSize);
        int shards = Shards.Count(batchSize, _shardSize);
        _threads = threads;
        _inputLength = lookback * spec.InputSize;
        _outputSize = spec.OutputSize;
        _networks = new Network<float>[shards];
        _gradients = new float[shards][];
        _inputs = new float[shards][];
        _targets = new float[shards][];
        _outputs = new float[shards][];
        _dropoutKeys = new ulong[shards][];
        _losses = new double[shards];
        _squaredErrors = new double[shards];
        _signed = new double[shards];
        for (int s = 0; s < shards; s++)
        {
            _networks[s] = new Network<float>(spec, lookback, _shardSize, dropout, loss, huberDelta, quantile);
            _gradients[s] = new float[parameterCount];
            _inputs[s] = new float[_shardSize * _inputLength];
            _targets[s] = new float[_shardSize * _outputSize];
            _outputs[s] = new float[_shardSize * _outputSize];
            _dropoutKeys[s] = dropout > 0 && spec.Layers > 1 ? new ulong[_shardSize] : [];
        }
    }

    private int ShardCount(int windows) => Shards.Count(windows, _shardSize);

    /// <summary>
    /// The sum of the networks' loss (the squared error unless the constructor set another) over <paramref name="windows"/>
    /// of <paramref name="source"/>, and the gradient of that sum written to <paramref name="gradient"/>. With dropout, the
    /// window at position p of <paramref name="windows"/> gets the dropout key <see cref="DeterministicRandom.At"/>(<paramref name="dropoutKey"/>, p).
    /// </summary>
    public double LossAndGradient(float[] parameters, IWindowSource source, int[] windows, int start, int count, Span<float> gradient, ulong dropoutKey = 0)
    {
        int shards = ShardCount(count);
        ForEachShard(shards, s =>
        {
            int first = start + s * _shardSize, n = Math.Min(_shardSize, start + count - first);
            var targets = _targets[s].AsSpan(0, n * _outputSize);
            source.Gather(windows.AsSpan(first, n), _inputs[s].AsSpan(0, n * _inputLength), targets);
            Span<ulong> keys = _dropoutKeys[s].AsSpan(0, Math.Min(n, _dropoutKeys[s].Length));
            Shards.DropoutKeys(keys, dropoutKey, first);
            Array.Clear(_gradients[s]);
            _losses[s] = double.CreateChecked(_networks[s].ForwardBackward(parameters, _inputs[s].AsSpan(0, n * _inputLength),
                targets, n, _gradients[s], keys));
            // The training MSE the epoch reports, from the forecasts this pass trained on (dropout included): the loss
            // itself when it is the squared error.
            _squaredErrors[s] = _lossIsSquaredError ? _losses[s] : Shards.SquaredError(_networks[s].LastOutputs, targets);
        });
        Shards.SumGradients(_gradients, shards, gradient);
        LastSquaredError = Shards.Sum(_squaredErrors, shards);
        return Shards.Sum(_losses, shards);
    }

    /// <summary>
    /// Σ (y − target)² over the batch of the last <see cref="LossAndGradient"/> call, summed per shard and then in shard
    /// order: the loss itself when it is the squared error, else computed from the forecasts that call trained on.
    /// </summary>
    public double LastSquaredError { get; private set; }

    /// <summary>
    /// Sums of squared, absolute and signed errors (y − target) over windows [start, start + count) of
    /// <paramref name="source"/>, in window order.
    /// </summary>
    public (double SquaredErrors, double AbsoluteErrors, double SignedErrors) Errors(float[] parameters, IWindowSource source, int[] windows, int start, int count)
    {
        int shards = ShardCount(count);
        var absolute = new double[shards];
        ForEachShard(shards, s =>
        {
            int first = start + s * _shardSize, n = Math.Min(_shardSize, start + count - first);
            var targets = _targets[s].AsSpan(0, n * _outputSize);
            var outputs = _outputs[s].AsSpan(0, n * _outputSize);
            source.Gather(windows.AsSpan(first, n), _inputs[s].AsSpan(0, n * _inputLength), targets);
            _networks[s].Forward(parameters, _inputs[s].AsSpan(0, n * _inputLength), n, outputs);
            double squared = 0, abs = 0, signed = 0;
            for (int i = 0; i < outputs.Length; i++)
            {
                double e = (double)outputs[i] - targets[i];
                squared += e * e;
                abs += Math.Abs(e);
                signed += e;
            }
            _losses[s] = squared;
            absolute[s] = abs;
            _signed[s] = signed;
        });
        double sq = 0, ab = 0, sg = 0;
        for (int s = 0; s < shards; s++)
        {
            sq += _losses[s];
            ab += absolute[s];
            sg += _signed[s];
        }
        return (sq, ab, sg);
    }

    /// <summary>Windows a shard holds at most.</summary>
    public int ShardSize => _shardSize;

    /// <summary>Windows one call handles at most.</summary>
    public int Capacity => _networks.Length * _shardSize;

    private void ForEachShard(int shards, Action<int> body) => Shards.ForEach(shards, _threads, body);
}
