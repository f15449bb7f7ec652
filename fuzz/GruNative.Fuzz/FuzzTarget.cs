using System.Diagnostics;

namespace GruNative.Fuzz;

/// <summary>
/// One reader of outside bytes and its contract: the only exception it may throw on any input (with a message), how
/// long one input may take, and how much it may allocate for an input of a given size.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The target's name: the command-line argument, and the folder of its corpus (fuzz/corpus/NAME).</summary>
    public abstract string Name { get; }

    /// <summary>What the target reads, in a line.</summary>
    public abstract string Description { get; }

    /// <summary>Reads <paramref name="input"/> as the program would.</summary>
    public abstract void Run(byte[] input);

    /// <summary>Whether <paramref name="e"/> is the documented way to refuse an input.</summary>
    public abstract bool IsDocumented(Exception e);

    /// <summary>The most one input may take (wall clock; generous, for a loaded machine: a bound, not a benchmark).</summary>
    public virtual TimeSpan TimeLimit => TimeSpan.FromSeconds(2);

    /// <summary>Bytes an input may allocate whatever its size.</summary>
    public virtual long FixedAllocation => 4 << 20;

    /// <summary>Bytes an input may allocate per byte of input, on top of <see cref="FixedAllocation"/>.</summary>
    public virtual long AllocationPerByte => 64;

    /// <summary>
    /// Runs the target on <paramref name="input"/> and checks the contract. A documented refusal returns normally; an
    /// undocumented exception propagates as it is; a broken time or allocation bound is a <see cref="ContractViolation"/>.
    /// Either way the fuzzer sees a crash.
    /// </summary>
    /// <returns>The documented exception that refused the input, or null when the input was read.</returns>
    public Exception? Check(byte[] input, bool checkTime = true)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Exception? refusal = null;
        try
        {
            Run(input);
        }
        catch (Exception e) when (IsDocumented(e))
        {
            if (string.IsNullOrWhiteSpace(e.Message))
                throw new ContractViolation($"{Name}: {e.GetType().Name} without a message", e);
            refusal = e;
        }
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long bound = FixedAllocation + AllocationPerByte * input.Length;
        if (allocated > bound)
            throw new ContractViolation($"{Name}: {allocated:N0} bytes allocated for {input.Length:N0} bytes of input (bound {bound:N0})");
        if (checkTime && clock.Elapsed > TimeLimit)
            throw new ContractViolation($"{Name}: {clock.Elapsed.TotalMilliseconds:F0} ms for {input.Length:N0} bytes of input (bound {TimeLimit.TotalMilliseconds:F0} ms)");
        return refusal;
    }
}

/// <summary>A harness's contract was broken: too slow, or too much allocated. The fuzzer records it as a crash.</summary>
public sealed class ContractViolation(string message, Exception? inner = null) : Exception(message, inner);
