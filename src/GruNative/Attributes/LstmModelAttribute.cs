using System;

namespace GruNative;

/// <summary>
/// Declares an LSTM forecaster: <see cref="RecurrentModelAttribute.Layers"/> LSTM layers of <c>hiddenSize</c> units (PyTorch's
/// <c>nn.LSTM</c>) and a dense head to <c>outputSize</c> values (<c>nn.Linear</c>). The GruNative source generator
/// writes its kernel into the annotated <c>partial class</c>.
/// </summary>
/// <example>
/// <code>
/// [LstmModel(inputSize: 1, hiddenSize: 32, outputSize: 24, Layers = 2, WeightsFile = "oil.weights.json")]
/// public partial class OilForecaster;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LstmModelAttribute : RecurrentModelAttribute
{
    /// <summary>Declares the model's sizes.</summary>
    /// <param name="inputSize">I: values per time step.</param>
    /// <param name="hiddenSize">H: hidden units per layer.</param>
    /// <param name="outputSize">O: values produced by the head.</param>
    public LstmModelAttribute(int inputSize, int hiddenSize, int outputSize)
        : base(inputSize, hiddenSize, outputSize)
    {
    }
}
