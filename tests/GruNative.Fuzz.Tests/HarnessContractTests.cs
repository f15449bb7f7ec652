using GruNative.Fuzz;
using GruNative.Fuzz.Targets;

namespace GruNative.Fuzz.Tests;

/// <summary>The harnesses themselves: each contract check fails when it should, so a passing replay means something.</summary>
public class HarnessContractTests
{
    private sealed class Probe(Action<byte[]> run, long perByte = 64) : FuzzTarget
    {
        public override string Name => "probe";
        public override string Description => "a target for the harness's own tests";
        public override bool IsDocumented(Exception e) => e is FormatException;
        public override long FixedAllocation => 1 << 20;
        public override long AllocationPerByte => perByte;
        public override TimeSpan TimeLimit => TimeSpan.FromMilliseconds(200);
        public override void Run(byte[] input) => run(input);
    }

    [Fact]
    public void A_documented_refusal_is_returned()
    {
        var refusal = new Probe(_ => throw new FormatException("bad input")).Check([1, 2, 3]);

        Assert.IsType<FormatException>(refusal);
    }

    [Fact]
    public void An_undocumented_exception_propagates()
    {
        Assert.Throws<IndexOutOfRangeException>(() => new Probe(input => _ = input[10]).Check([1]));
    }

    [Fact]
    public void A_refusal_without_a_message_breaks_the_contract()
    {
        Assert.Throws<ContractViolation>(() => new Probe(_ => throw new FormatException(" ")).Check([1]));
    }

    [Fact]
    public void Allocation_beyond_the_bound_breaks_the_contract()
    {
        var probe = new Probe(input => GC.KeepAlive(new byte[(1 << 20) + 1000 * input.Length]), perByte: 100);

        var violation = Assert.Throws<ContractViolation>(() => probe.Check(new byte[10]));
        Assert.Contains("allocated", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_beyond_the_bound_breaks_the_contract_once_warm()
    {
        var probe = new Probe(_ => Thread.Sleep(300));

        probe.Check([], checkTime: false);
        var violation = Assert.Throws<ContractViolation>(() => probe.Check([]));
        Assert.Contains("ms for", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_safetensors_harness_reads_a_valid_file_and_refuses_a_truncated_one()
    {
        var file = SafeTensorsWeights.ToBytes(ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 1, 2, 1, 1), 1));

        Assert.Null(new SafeTensorsTarget().Check(file, checkTime: false));
        Assert.IsType<WeightsFormatException>(new SafeTensorsTarget().Check(file[..^1], checkTime: false));
    }
}
