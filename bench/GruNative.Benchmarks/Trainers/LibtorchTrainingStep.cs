using GruNative.Benchmarks.Engines;
using GruNative.Training.Network;
using GruNative.TestKit.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GruNative.Benchmarks.Trainers;

/// <summary>
/// The same step in libtorch, as a PyTorch user writes it: <c>zero_grad</c>, forward over the [32, 96, I] batch,
/// <c>mse_loss</c> of the head on the last step's top-layer h, <c>backward</c>, <c>clip_grad_norm_</c> at the trainer's
/// norm, <c>torch.optim.Adam</c> at the trainer's learning rate; <c>torch.set_num_threads(threads)</c>. Autograd is on,
/// as training needs, so nn.LSTM runs libtorch's own kernels rather than oneDNN's inference primitive.
/// </summary>
public sealed class LibtorchTrainingStep : IDisposable
{
    private readonly TorchForecaster _module;
    private readonly nn.Module _rnn;
    private readonly Linear _head;
    private readonly Parameter[] _parameters;
    private readonly Adam _optimizer;
    private readonly Tensor _inputs, _targets;
    private readonly double _clipNorm;

    public LibtorchTrainingStep(ModelSpec spec, TrainingBatch batch, int threads)
    {
        Libtorch.Initialize(threads);
        var options = new GruNative.Training.Fitting.TrainingOptions();
        _clipNorm = options.ClipNorm;
        _module = Libtorch.CreateModule(ModelWeights.CreateRandom(spec, seed: 1));
        (_rnn, _head) = Libtorch.Parts(_module);
        _parameters = _module.parameters().ToArray();
        _optimizer = torch.optim.Adam(_parameters, lr: options.LearningRate);
        _inputs = torch.tensor(batch.Inputs, new long[] { batch.Count, batch.Lookback, batch.InputSize });
        _targets = torch.tensor(batch.Targets, new long[] { batch.Count, batch.OutputSize });
    }

    /// <summary>The mean squared error of the batch, with every parameter's gradient in the module (before clipping).</summary>
    public double LossAndGradient(ParameterLayout layout, Span<float> gradient)
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        var loss = Loss();
        loss.backward();
        var named = _module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var tensor in layout.Tensors)
            Libtorch.Floats(named[tensor.Name].grad!.contiguous()).CopyTo(tensor.Slice(gradient));
        return loss.item<float>();
    }

    /// <summary>One training step; returns the batch's loss before it.</summary>
    public double Step()
    {
        using var scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        var loss = Loss();
        loss.backward();
        torch.nn.utils.clip_grad_norm_(_parameters, _clipNorm);
        _optimizer.step();
        return loss.item<float>();
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
        _optimizer.Dispose();
        _module.Dispose();
    }

    // head(h of the top layer after the last step), against the targets; the mean over batch and outputs, as MSELoss.
    private Tensor Loss()
    {
        var hidden = _rnn switch
        {
            GRU gru => gru.forward(_inputs).Item2,
            LSTM lstm => lstm.forward(_inputs).Item2,
            _ => throw new InvalidOperationException($"Unexpected recurrent module {_rnn.GetType().Name}."),
        };
        var forecast = _head.forward(hidden[hidden.shape[0] - 1]);
        return torch.nn.functional.mse_loss(forecast, _targets);
    }
}
