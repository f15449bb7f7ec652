using System;

namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too. Its types state no accessibility here, so they
// are internal in the generator; SharedSourceAccessibility.cs makes them public in the runtime (an enum cannot be
// partial, so CellKind says both with #if).

/// <summary>The recurrent cell of every layer in a forecaster.</summary>
#if GRUNATIVE_GENERATOR
internal
#else
public
#endif
enum CellKind
{
    /// <summary>
    /// PyTorch's <c>nn.GRU</c>: three gate blocks in the order r (reset), z (update), n (new), with the
    /// reset gate applied after the recurrent product ("reset after", <c>linear_before_reset = 1</c> in ONNX).
    /// </summary>
    Gru,

    /// <summary>PyTorch's <c>nn.LSTM</c>: four gate blocks in the order i, f, g, o, and no projection.</summary>
    Lstm,
}

/// <summary>Facts about each <see cref="CellKind"/>: the one place that knows what a cell kind implies.</summary>
static partial class CellKindExtensions
{
    /// <summary>Number of gate blocks stacked in each weight matrix: 3 for GRU, 4 for LSTM.</summary>
    public static int GateCount(this CellKind cell) => cell switch
    {
        CellKind.Gru => 3,
        CellKind.Lstm => 4,
        _ => throw Unknown(cell),
    };

    /// <summary>Number of state vectors of size H per layer: 1 for GRU (h), 2 for LSTM (h and c).</summary>
    public static int StateVectorCount(this CellKind cell) => cell switch
    {
        CellKind.Gru => 1,
        CellKind.Lstm => 2,
        _ => throw Unknown(cell),
    };

    /// <summary>The lower-case name used in metadata and on the command line: <c>gru</c> or <c>lstm</c>.</summary>
    public static string ToMetadataName(this CellKind cell) => cell switch
    {
        CellKind.Gru => "gru",
        CellKind.Lstm => "lstm",
        _ => throw Unknown(cell),
    };

    /// <summary>The name people write: <c>GRU</c> or <c>LSTM</c>.</summary>
    public static string ToDisplayName(this CellKind cell) => cell switch
    {
        CellKind.Gru => "GRU",
        CellKind.Lstm => "LSTM",
        _ => throw Unknown(cell),
    };

    private static ArgumentOutOfRangeException Unknown(CellKind cell) =>
        new(nameof(cell), cell, "Unknown cell kind.");
}
