using System;
using GruNative.Kernels;

namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too, so the attribute's sizes, the weights file's and
// the runtime's are checked and described by one definition. The type states no accessibility here, so it is internal
// in the generator; SharedSourceAccessibility.cs makes it public in the runtime.

/// <summary>
/// The shape of a forecaster: <see cref="Layers"/> recurrent layers of one <see cref="Cell"/> kind with
/// <see cref="HiddenSize"/> units each (layer 0 reads <see cref="InputSize"/> values, layer k &gt; 0 reads
/// the hidden state of layer k − 1), followed by a dense head from the top layer's hidden state to
/// <see cref="OutputSize"/> values. Semantics are exactly PyTorch's <c>nn.GRU</c>/<c>nn.LSTM</c>
/// (<c>batch_first=True</c>, bias, no projection, unidirectional) and <c>nn.Linear</c>.
/// </summary>
/// <remarks>
/// Immutable, with value equality. Every size is at least 1 and at most its limit in <see cref="ModelLimits"/>.
/// The counts derived from the shape (parameters, FLOPs, state and packed weight lengths) are defined here only.
/// </remarks>
sealed partial class ModelSpec : IEquatable<ModelSpec>
{
    /// <summary>Creates a model description, checking every size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cell kind is unknown, or a size is below 1 or above its limit.</exception>
    public ModelSpec(CellKind cell, int inputSize, int hiddenSize, int layers, int outputSize)
    {
        if (cell is not (CellKind.Gru or CellKind.Lstm))
            throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell kind.");
        Check(inputSize, ModelLimits.MaxDimension, nameof(inputSize));
        Check(hiddenSize, ModelLimits.MaxDimension, nameof(hiddenSize));
        Check(layers, ModelLimits.MaxLayers, nameof(layers));
        Check(outputSize, ModelLimits.MaxDimension, nameof(outputSize));
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        OutputSize = outputSize;
    }

    /// <summary>The cell of every layer.</summary>
    public CellKind Cell { get; }

    /// <summary>I: values per time step read by layer 0.</summary>
    public int InputSize { get; }

    /// <summary>H: hidden units per layer.</summary>
    public int HiddenSize { get; }

    /// <summary>L: number of stacked recurrent layers.</summary>
    public int Layers { get; }

    /// <summary>O: values produced by the dense head.</summary>
    public int OutputSize { get; }

    /// <summary>G: gate blocks per layer (3 for GRU, 4 for LSTM).</summary>
    public int GateCount => Cell.GateCount();

    /// <summary>Values read per step by layer <paramref name="layer"/>: I for layer 0, H above it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer of the model.</exception>
    public int LayerInputSize(int layer)
    {
        if ((uint)layer >= (uint)Layers)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The model has {Layers} layer(s).");
        return layer == 0 ? InputSize : HiddenSize;
    }

    /// <summary>Floats in the recurrent state: L·H for GRU (h), 2·L·H for LSTM (h, then c).</summary>
    public int StateSize => Cell.StateVectorCount() * Layers * HiddenSize;

    /// <summary>Number of trainable parameters, exactly as PyTorch counts them.</summary>
    public long ParameterCount
    {
        get
        {
            long gh = (long)GateCount * HiddenSize;
            long total = 0;
            for (int k = 0; k < Layers; k++)
                total += gh * LayerInputSize(k) + gh * HiddenSize + 2 * gh;
            return total + (long)OutputSize * HiddenSize + OutputSize;
        }
    }

    /// <summary>
    /// Floating-point operations of one step, counting a multiply-add as two:
    /// 2·G·H·(in_k + H) summed over layers, plus 2·H·O for the head.
    /// </summary>
    public long FlopsPerStep
    {
        get
        {
            long flops = 0;
            for (int k = 0; k < Layers; k++)
                flops += 2L * GateCount * HiddenSize * (LayerInputSize(k) + HiddenSize);
            return flops + 2L * HiddenSize * OutputSize;
        }
    }

    /// <summary>Floats in the weights as a generated kernel packs them (<see cref="KernelLayout"/>): every layer, then the head, padded.</summary>
    public int PackedWeightCount => KernelLayout.ModelLength(this);

    /// <inheritdoc />
    public bool Equals(ModelSpec? other) =>
        other is not null && Cell == other.Cell && InputSize == other.InputSize && HiddenSize == other.HiddenSize
        && Layers == other.Layers && OutputSize == other.OutputSize;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ModelSpec);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Written out rather than HashCode.Combine, which netstandard2.0 (the generator) lacks.
        int hash = (int)Cell;
        hash = hash * 31 + InputSize;
        hash = hash * 31 + HiddenSize;
        hash = hash * 31 + Layers;
        return hash * 31 + OutputSize;
    }

    /// <summary>The shape as every report, message and generated header writes it, for example <c>GRU(I=1, H=32, L=2) → Dense(32 → 24)</c>.</summary>
    public override string ToString() =>
        $"{Cell.ToDisplayName()}(I={InputSize}, H={HiddenSize}, L={Layers}) → Dense({HiddenSize} → {OutputSize})";

    private static void Check(int value, int max, string name)
    {
        if (value < 1 || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 1 and {max}.");
    }
}
