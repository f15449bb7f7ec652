using System;
using System.Collections.Generic;
using GruNative.Training.Data;

namespace GruNative.Training.Fitting;

/// <summary>
/// An ensemble of trained forecasters of one task, of any family: each window's outputs are the mean of the members'
/// (summed in float in member order, then divided by their count) — what a device running the k models does, at k× the
/// cost of one. Plain models of one shape can also share one network: see <see cref="NetworkForecaster"/>.
/// </summary>
public sealed class AveragingForecaster : IWindowForecaster
{
    private readonly IReadOnlyList<IWindowForecaster> _members;
    private float[] _memberOutputs = [];

    /// <summary>The ensemble of <paramref name="members"/>, which must all read the same task.</summary>
    /// <exception cref="ArgumentException">No members, or members of different tasks.</exception>
    public AveragingForecaster(IReadOnlyList<IWindowForecaster> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
            throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
        foreach (var member in members)
        {
            ArgumentNullException.ThrowIfNull(member, nameof(members));
            if (!member.Task.Equals(members[0].Task))
                throw new ArgumentException($"Ensemble members read different tasks: {members[0].Task} and {member.Task}.", nameof(members));
        }
        _members = members;
    }

    /// <inheritdoc />
    public ForecastTask Task => _members[0].Task;

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        NetworkForecaster.CheckBuffers(Task, inputs.Length, count, outputs.Length);
        if (_memberOutputs.Length < outputs.Length)
            _memberOutputs = new float[outputs.Length];
        var member = _memberOutputs.AsSpan(0, outputs.Length);
        outputs.Clear();
        foreach (var forecaster in _members)
        {
            forecaster.Forward(inputs, count, member);
            Accumulate(member, outputs);
        }
        Divide(outputs, _members.Count);
    }

    /// <summary>Adds one member's outputs to the running sum, in float.</summary>
    internal static void Accumulate(ReadOnlySpan<float> member, Span<float> sum)
    {
        for (int i = 0; i < sum.Length; i++)
            sum[i] += member[i];
    }

    /// <summary>Divides the sum by the member count, in float.</summary>
    internal static void Divide(Span<float> sum, int members)
    {
        float count = members;
        for (int i = 0; i < sum.Length; i++)
            sum[i] /= count;
    }
}
