using System;
using System.Collections.Generic;
using GruNative.Kernels;

namespace GruNative.Cli.Speed;

/// <summary>How long the generated kernel of one shape takes per streaming step (Step + Predict) on this machine.</summary>
/// <param name="Spec">The model's shape.</param>
/// <param name="Path">The vector path the kernel ran (what <see cref="VectorPath.Auto"/> resolved to), e.g. Vector512.</param>
/// <param name="NanosecondsPerStep">The median over <paramref name="RoundNanosecondsPerStep"/>.</param>
/// <param name="RoundNanosecondsPerStep">Each measured round's time per step, in the order run.</param>
/// <param name="StepsPerRound">Steps in each round, sized from the warm-up to last about the requested round duration.</param>
/// <param name="AllocatedBytesPerStep">Bytes the measuring thread allocated during the rounds, per step: 0 for a correct kernel.</param>
/// <param name="WarmUpTime">How long the warm-up ran (see <see cref="KernelTimingOptions.JitQuiet"/>).</param>
/// <param name="JitSettled">
/// False when the warm-up ran into <see cref="KernelTimingOptions.MaxWarmUp"/> with the JIT still busy: the kernel may
/// not have been optimised yet, or the JIT took CPU from the rounds, so the figure may be pessimistic.
/// </param>
/// <param name="CompileTime">Generation, compilation and loading of the kernel (the first in a process includes Roslyn's warm-up).</param>
internal sealed record KernelTiming(
    ModelSpec Spec,
    VectorPath Path,
    double NanosecondsPerStep,
    IReadOnlyList<double> RoundNanosecondsPerStep,
    long StepsPerRound,
    double AllocatedBytesPerStep,
    TimeSpan WarmUpTime,
    bool JitSettled,
    TimeSpan CompileTime);

/// <summary>How long <see cref="CompiledKernel.Time"/> measures.</summary>
internal sealed record KernelTimingOptions
{
    /// <summary>
    /// The warm-up ends once the JIT has compiled (next to) nothing for this long: by then Step and Predict run as
    /// optimised (tier-1) code, and the JIT's background queue, which the in-process compilation fills with thousands of
    /// Roslyn's own methods, no longer takes CPU from the rounds. The JIT waits 100 ms after the last new method before it
    /// starts optimising, so less than about 0.2 s risks timing unoptimised code.
    /// </summary>
    public TimeSpan JitQuiet { get; init; } = TimeSpan.FromSeconds(0.3);

    /// <summary>The warm-up ends after this long even if the JIT is still busy (on another thread of the process, say).</summary>
    public TimeSpan MaxWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The length each measured round aims at.</summary>
    public TimeSpan RoundDuration { get; init; } = TimeSpan.FromSeconds(0.2);

    /// <summary>Measured rounds; the report is their median.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration is not positive (or is over a minute), or there are no rounds.</exception>
    public void Validate()
    {
        CheckDuration(JitQuiet, nameof(JitQuiet));
        CheckDuration(MaxWarmUp, nameof(MaxWarmUp));
        CheckDuration(RoundDuration, nameof(RoundDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(Rounds, 1, nameof(Rounds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Rounds, 1000, nameof(Rounds));
    }

    private static void CheckDuration(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero and at most a minute.");
    }
}
