using System;

namespace GruNative;

/// <summary>
/// Declares an LSTM forecaster whose kernel the GruNative source generator writes into the annotated
/// <c>partial class</c>: <see cref="Layers"/> LSTM layers of <c>hiddenSize</c> units (PyTorch's <c>nn.LSTM</c>) and a
/// dense head to <c>outputSize</c> values (<c>nn.Linear</c>).
/// </summary>
/// <example>
/// <code>
/// [LstmModel(inputSize: 1, hiddenSize: 32, outputSize: 24, Layers = 2, Weights = "oil.weights.json")]
/// public partial class OilForecaster;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LstmModelAttribute : Attribute
{
    /// <summary>Declares the model's sizes.</summary>
    /// <param name="inputSize">I: values per time step.</param>
    /// <param name="hiddenSize">H: hidden units per layer.</param>
    /// <param name="outputSize">O: values produced by the head.</param>
    public LstmModelAttribute(int inputSize, int hiddenSize, int outputSize)
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
    /// weights are baked into the binary at compile time. When null, weights are loaded at run time with <c>Load</c>.
    /// </summary>
    public string? Weights { get; set; }
}
