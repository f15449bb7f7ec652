using System;

namespace GruNative.Cli.Commands;

/// <summary>
/// What <c>evaluate --weight-precision</c> asks for: the model as trained (<c>fp32</c>), or the model a
/// <c>WeightPrecision.BFloat16</c> kernel computes (<c>bfloat16</c>: every layer's weight_ih and weight_hh rounded
/// by <c>BFloat16Rounding.RoundLayers</c>), scored beside how far its forecasts move from the fp32 model's.
/// </summary>
// Names in <c>, not crefs: a cref also sees the generator's internal copies of both types (this project references it) and is ambiguous.
internal static class WeightPrecisionRequest
{
    /// <summary>The option's value for the weights as trained.</summary>
    public const string Fp32Value = "fp32";

    /// <summary>The option's value for bfloat16 layer weights.</summary>
    public const string BFloat16Value = "bfloat16";

    /// <summary>The option's help text.</summary>
    public const string Description =
        "fp32 (the default): the model as trained. bfloat16: the model a kernel declared with WeightPrecision.BFloat16 computes — every layer's weight_ih and "
        + "weight_hh rounded to bfloat16 (nearest, ties to even), biases, head, preprocessing and intervals as stored — scored as usual, with the largest "
        + "|difference| between its forecasts and the fp32 model's per split, in the data's units. Plain GRU/LSTM models only.";

    /// <summary>Reads the option's value, in any case.</summary>
    /// <exception cref="ArgumentException">Neither <c>fp32</c> nor <c>bfloat16</c> (the message says so).</exception>
    public static WeightPrecision Parse(string? text)
    {
        string value = (text ?? Fp32Value).Trim();
        if (value.Equals(Fp32Value, StringComparison.OrdinalIgnoreCase))
            return WeightPrecision.Fp32;
        if (value.Equals(BFloat16Value, StringComparison.OrdinalIgnoreCase))
            return WeightPrecision.BFloat16;
        throw new ArgumentException($"--weight-precision: '{value}' is not a precision: '{Fp32Value}' (the weights as trained) or '{BFloat16Value}' (the layers' weights rounded as WeightPrecision.BFloat16 stores them).");
    }

    /// <summary>The option's value naming <paramref name="precision"/>.</summary>
    public static string Name(WeightPrecision precision) => precision == WeightPrecision.BFloat16 ? BFloat16Value : Fp32Value;
}
