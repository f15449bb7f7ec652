namespace GruNative;

/// <summary>The outcome of <see cref="PyTorchTensors.Infer"/>: the sizes, or why they could not be read.</summary>
public readonly struct InferredShape
{
    private InferredShape(bool ok, int gates, int input, int hidden, int layers, int output, string? tensor, string? problem)
    {
        Succeeded = ok;
        GateCount = gates;
        InputSize = input;
        HiddenSize = hidden;
        Layers = layers;
        OutputSize = output;
        Tensor = tensor;
        Problem = problem;
    }

    /// <summary>True when every size was read.</summary>
    public bool Succeeded { get; }

    /// <summary>G: 3 for GRU, 4 for LSTM.</summary>
    public int GateCount { get; }

    /// <summary>I.</summary>
    public int InputSize { get; }

    /// <summary>H.</summary>
    public int HiddenSize { get; }

    /// <summary>L.</summary>
    public int Layers { get; }

    /// <summary>O.</summary>
    public int OutputSize { get; }

    /// <summary>The tensor at fault when inference failed.</summary>
    public string? Tensor { get; }

    /// <summary>The problem when inference failed.</summary>
    public string? Problem { get; }

    internal static InferredShape Success(int gates, int input, int hidden, int layers, int output) =>
        new(true, gates, input, hidden, layers, output, null, null);

    internal static InferredShape Fail(string tensor, string problem) => new(false, 0, 0, 0, 0, 0, tensor, problem);
}
