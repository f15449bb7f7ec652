using System;
using System.Numerics;

namespace GruNative.Reference;

/// <summary>The recurrent state of a <see cref="ReferenceModel{T}"/>: h (and, for LSTM, c) of every layer.</summary>
public sealed class ReferenceState<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[][] _hidden;
    private readonly T[][] _cell;

    internal ReferenceState(int layers, int hiddenSize, bool hasCell)
    {
        _hidden = new T[layers][];
        _cell = new T[hasCell ? layers : 0][];
        for (int k = 0; k < layers; k++)
        {
            _hidden[k] = new T[hiddenSize];
            if (hasCell)
                _cell[k] = new T[hiddenSize];
        }
        HiddenScratch = new T[hiddenSize];
        CellScratch = new T[hiddenSize];
    }

    /// <summary>h of layer <paramref name="layer"/>, length H.</summary>
    public Span<T> Hidden(int layer) => _hidden[layer];

    /// <summary>c of layer <paramref name="layer"/>, length H (LSTM only).</summary>
    public Span<T> Cell(int layer) =>
        _cell.Length > 0 ? _cell[layer] : throw new InvalidOperationException("A GRU has no cell state.");

    /// <summary>Sets every state value to zero, as PyTorch does when no initial state is given.</summary>
    public void Reset()
    {
        foreach (var h in _hidden)
            Array.Clear(h);
        foreach (var c in _cell)
            Array.Clear(c);
    }

    internal T[] HiddenScratch { get; }

    internal T[] CellScratch { get; }
}
