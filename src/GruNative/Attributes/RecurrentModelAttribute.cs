using System;

namespace GruNative;

/// <summary>
/// What <see cref="GruModelAttribute"/> and <see cref="LstmModelAttribute"/> share: the sizes of a forecaster whose
/// kernel the GruNative source generator writes into the annotated <c>partial class</c>.
/// </summary>
public abstract class RecurrentModelAttribute : Attribute
{
    /// <summary>Declares the model's sizes.</summary>
    /// <param name="inputSize">I: values per time step.</param>
    /// <param name="hiddenSize">H: hidden units per layer.</param>
    /// <param name="outputSize">O: values produced by the head.</param>
    protected RecurrentModelAttribute(int inputSize, int hiddenSize, int outputSize)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
    }

    /// <summary>I: values per time step.</summary>
    public int InputSize { get; }

    /// <summary>H: hidden units per layer.</summary>
    public int HiddenSize { get; }

    /// <summary>O: values produced by the head.</summary>
    public int OutputSize { get; }

    /// <summary>L: stacked layers (default 1).</summary>
    public int Layers { get; set; } = 1;

    /// <summary>
    /// File name (or path ending) of a JSON weights file listed among the project's <c>AdditionalFiles</c>, whose
    /// weights are baked into the binary at compile time (the type's <c>Baked</c> instance). When null, the type has no
    /// baked instance; either way <c>Load</c> reads weights of the same shape at run time.
    /// </summary>
    public string? WeightsFile { get; set; }

    /// <summary>
    /// How the generated kernel stores the layers' weights, baked or loaded: <see cref="GruNative.WeightPrecision.Fp32"/>
    /// (the default) computes the PyTorch model exactly; <see cref="GruNative.WeightPrecision.BFloat16"/> rounds the
    /// layers' input and recurrent weights to bfloat16 when it packs them, halving the bytes each step reads, and keeps
    /// the arithmetic, biases and head in fp32.
    /// </summary>
    public WeightPrecision WeightPrecision { get; set; }

    /// <summary>The former name of <see cref="WeightsFile"/>; when both are set, <see cref="WeightsFile"/> wins.</summary>
    [Obsolete("Use WeightsFile: the same file name, under a name that says it is a file.")]
    public string? Weights { get; set; }
}
