namespace GruNative;

/// <summary>The recurrent cell of every layer in a forecaster.</summary>
public enum CellKind
{
    /// <summary>
    /// PyTorch's <c>nn.GRU</c>: three gate blocks in the order r (reset), z (update), n (new), with the
    /// reset gate applied after the recurrent product ("reset after", <c>linear_before_reset = 1</c> in ONNX).
    /// </summary>
    Gru,

    /// <summary>PyTorch's <c>nn.LSTM</c>: four gate blocks in the order i, f, g, o, and no projection.</summary>
    Lstm,
}

/// <summary>Facts about each <see cref="CellKind"/>.</summary>
public static class CellKindExtensions
{
    /// <summary>Number of gate blocks stacked in each weight matrix: 3 for GRU, 4 for LSTM.</summary>
    public static int GateCount(this CellKind cell) => cell switch
    {
        CellKind.Gru => 3,
        CellKind.Lstm => 4,
        _ => throw new System.ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell kind."),
    };

    /// <summary>Number of state vectors of size H per layer: 1 for GRU (h), 2 for LSTM (h and c).</summary>
    public static int StateVectorCount(this CellKind cell) => cell == CellKind.Lstm ? 2 : 1;

    /// <summary>The lower-case name used in metadata and on the command line: <c>gru</c> or <c>lstm</c>.</summary>
    public static string ToMetadataName(this CellKind cell) => cell switch
    {
        CellKind.Gru => "gru",
        CellKind.Lstm => "lstm",
        _ => throw new System.ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell kind."),
    };
}
