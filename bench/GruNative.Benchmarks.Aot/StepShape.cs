using System.Text.RegularExpressions;

namespace GruNative.Benchmarks.Aot;

/// <summary>
/// A one-layer step model's shape, named as RTNeural's benchmark (<c>../shared/tools/rtneural-bench/bench.cpp</c>)
/// names it: <c>GRU_I1_H8</c>, <c>LSTM_I8_H256</c>. Both programs take these names as arguments and print them at the
/// start of their result lines, so one parser reads both.
/// </summary>
/// <param name="Cell"><c>GRU</c> or <c>LSTM</c>.</param>
/// <param name="InputSize">I, the features per step.</param>
/// <param name="HiddenSize">H, the state's size.</param>
public readonly partial record struct StepShape(string Cell, int InputSize, int HiddenSize)
{
    /// <summary>The shape of a generated model's spec (its layer count aside: RTNeural's models have one).</summary>
    public static StepShape Of(ModelSpec spec) => new(spec.Cell.ToDisplayName().ToUpperInvariant(), spec.InputSize, spec.HiddenSize);

    /// <summary>Reads a name such as <c>GRU_I1_H8</c>; false for anything else.</summary>
    public static bool TryParse(string name, out StepShape shape)
    {
        var match = NamePattern().Match(name);
        shape = match.Success ? new(match.Groups[1].Value, int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value)) : default;
        return match.Success;
    }

    /// <summary>The name, for example <c>GRU_I1_H8</c>.</summary>
    public override string ToString() => $"{Cell}_I{InputSize}_H{HiddenSize}";

    [GeneratedRegex(@"^(GRU|LSTM)_I([0-9]+)_H([0-9]+)$")]
    private static partial Regex NamePattern();
}
