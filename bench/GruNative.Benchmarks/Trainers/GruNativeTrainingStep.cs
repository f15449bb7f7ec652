using System.Numerics.Tensors;
using GruNative.Training.Fitting;
using GruNative.Training.Network;
using GruNative.Training.Optimization;

namespace GruNative.Benchmarks.Trainers;

/// <summary>
/// One optimiser step of GruNative's trainer on a batch — exactly the body of <see cref="Trainer.Run"/>'s batch loop:
/// the sharded forward and backward through time (<c>ShardedGradient</c>: shards of <see cref="TrainingOptions.ShardSize"/>
/// windows on up to <c>threads</c> threads, each with its own network, gradients summed in shard order), the mean over
/// the batch and outputs, clipping by global norm, and AdamW (λ = 0, that is Adam) with the default options.
/// </summary>
/// <remarks>
/// ShardedGradient is internal to GruNative.Training, which lets this assembly see it: timing the trainer's own code,
/// rather than a copy of it, is the point.
/// </remarks>
public sealed class GruNativeTrainingStep
{
    private readonly TrainingOptions _options = new();
    private readonly TrainingBatch _batch;
    private readonly ShardedGradient _workers;
    private readonly AdamW _optimizer;
    private readonly float[] _gradient;

    public GruNativeTrainingStep(ModelSpec spec, TrainingBatch batch, int threads)
    {
        _batch = batch;
        Parameters = NetworkParameters<float>.FromWeights(ModelWeights.CreateRandom(spec, seed: 1));
        int count = Parameters.Values.Length;
        _gradient = new float[count];
        _optimizer = new AdamW(count, weightDecay: _options.WeightDecay);

        _workers = new ShardedGradient(spec, batch.Lookback, batch.Count, _options.ShardSize, threads, count);
    }

    /// <summary>The parameters the steps update, laid out with PyTorch's tensor names.</summary>
    public NetworkParameters<float> Parameters { get; }

    /// <summary>The mean squared error of the batch and its gradient (into <paramref name="gradient"/>), before clipping.</summary>
    public double LossAndGradient(Span<float> gradient)
    {
        double sse = _workers.LossAndGradient(Parameters.Values, _batch, _batch.Order, 0, _batch.Count, gradient);
        double scale = 1.0 / ((double)_batch.Count * _batch.OutputSize);
        TensorPrimitives.Multiply(gradient, (float)scale, gradient);
        return sse * scale;
    }

    /// <summary>One training step; returns the batch's loss before it.</summary>
    public double Step()
    {
        double loss = LossAndGradient(_gradient);
        GradientClipping.ClipByGlobalNorm(_gradient, _options.ClipNorm);
        _optimizer.Step(Parameters.Values, _gradient, _options.LearningRate);
        return loss;
    }
}
