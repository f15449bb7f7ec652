using System;
using System.Collections.Generic;
using GruNative.Training.Data;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>
/// A plain GRU or LSTM forecaster (or an ensemble of equal shapes) over the windows of a task: a model of the task's
/// shape (I = the task's inputs, O = H · K) reads whole windows; a univariate model (I = 1, O = H) of a task with the same
/// columns in and out is channel-independent and forecasts each column on its own (see <see cref="ChannelWindows"/>).
/// An ensemble's output is the mean of its members' head outputs, summed in float in member order and divided by their
/// count — what a device running the k models does, at k× the cost of one.
/// </summary>
public sealed class NetworkForecaster : IWindowForecaster
{
    private const int MaxWindowsPerPass = 64;

    private readonly IReadOnlyList<NetworkParameters<float>> _members;
    private readonly Network<float> _network;
    private readonly bool _perChannel;
    private readonly float[] _channelInputs = [];
    private readonly float[] _channelOutputs = [];
    private readonly float[] _memberOutputs;   // one member's outputs, when there are several to average

    /// <summary>Prepares to forecast the windows of <paramref name="task"/> with <paramref name="members"/> (one model, or an ensemble).</summary>
    /// <exception cref="ArgumentException">No members, members of different shapes, or a shape that fits the task in neither way.</exception>
    public NetworkForecaster(IReadOnlyList<NetworkParameters<float>> members, ForecastTask task)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(task);
        if (members.Count == 0)
            throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
        foreach (var member in members)
        {
            ArgumentNullException.ThrowIfNull(member, nameof(members));
            if (!member.Layout.Spec.Equals(members[0].Layout.Spec))
                throw new ArgumentException($"Ensemble members differ in shape: {members[0].Layout.Spec} and {member.Layout.Spec}.", nameof(members));
        }
        var spec = members[0].Layout.Spec;
        _members = members;
        Task = task;
        _memberOutputs = members.Count > 1 ? new float[MaxWindowsPerPass * task.OutputSize] : [];
        if (spec.InputSize == task.InputCount && spec.OutputSize == task.OutputSize)
        {
            _network = new Network<float>(spec, task.Lookback, MaxWindowsPerPass);
            return;
        }
        if (spec.InputSize != 1 || spec.OutputSize != task.Horizon || !ChannelWindows.Supports(task))
            throw new ArgumentException($"The model {spec} fits the task {task} neither whole (I = {task.InputCount}, O = {task.OutputSize}) nor channel by channel (I = 1, O = {task.Horizon}, the same columns in and out).", nameof(members));
        _perChannel = true;
        int k = task.TargetCount;
        _network = new Network<float>(spec, task.Lookback, MaxWindowsPerPass * k);
        _channelInputs = new float[MaxWindowsPerPass * k * task.Lookback];
        _channelOutputs = new float[MaxWindowsPerPass * k * task.Horizon];
    }

    /// <summary>One model over the windows of <paramref name="task"/>.</summary>
    /// <exception cref="ArgumentException">The model's shape fits the task in neither way.</exception>
    public NetworkForecaster(NetworkParameters<float> model, ForecastTask task)
        : this([model ?? throw new ArgumentNullException(nameof(model))], task)
    {
    }

    /// <inheritdoc />
    public ForecastTask Task { get; }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        int inputsPerWindow = Task.InputValuesPerWindow, outputsPerWindow = Task.OutputSize;
        CheckBuffers(Task, inputs.Length, count, outputs.Length);
        for (int first = 0; first < count; first += MaxWindowsPerPass)
        {
            int n = Math.Min(MaxWindowsPerPass, count - first);
            Pass(inputs.Slice(first * inputsPerWindow, n * inputsPerWindow), n, outputs.Slice(first * outputsPerWindow, n * outputsPerWindow));
        }
    }

    /// <summary>Throws unless the buffers hold <paramref name="count"/> windows of <paramref name="task"/> exactly.</summary>
    internal static void CheckBuffers(ForecastTask task, int inputs, int count, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (inputs != count * task.InputValuesPerWindow || outputs != count * task.OutputSize)
            throw new ArgumentException($"{count} window(s) of {task} take {count * task.InputValuesPerWindow} inputs and {count * task.OutputSize} outputs; got {inputs} and {outputs}.");
    }

    // Up to MaxWindowsPerPass windows: the one member's outputs, or the members' mean.
    private void Pass(ReadOnlySpan<float> inputs, int n, Span<float> outputs)
    {
        if (_members.Count == 1)
        {
            ForwardMember(_members[0], inputs, n, outputs);
            return;
        }
        outputs.Clear();
        var member = _memberOutputs.AsSpan(0, outputs.Length);
        foreach (var parameters in _members)
        {
            ForwardMember(parameters, inputs, n, member);
            AveragingForecaster.Accumulate(member, outputs);
        }
        AveragingForecaster.Divide(outputs, _members.Count);
    }

    private void ForwardMember(NetworkParameters<float> parameters, ReadOnlySpan<float> inputs, int n, Span<float> outputs)
    {
        if (!_perChannel)
        {
            _network.Forward(parameters.Values, inputs, n, outputs);
            return;
        }
        int k = Task.TargetCount, lookback = Task.Lookback, horizon = Task.Horizon;
        ChannelOrder.Split(inputs, n, lookback, k, _channelInputs.AsSpan(0, n * k * lookback));
        var channelOutputs = _channelOutputs.AsSpan(0, n * k * horizon);
        _network.Forward(parameters.Values, _channelInputs.AsSpan(0, n * k * lookback), n * k, channelOutputs);
        ChannelOrder.Merge(channelOutputs, n, horizon, k, outputs);
    }
}
