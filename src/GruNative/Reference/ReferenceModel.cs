using System;
using System.Numerics;

namespace GruNative.Reference;

/// <summary>
/// The reference forecaster: a stack of <see cref="ReferenceCells"/> layers and a dense head, in
/// <typeparamref name="T"/> (float or double). Plain scalar code with PyTorch's exact semantics — the
/// oracle for every fast kernel, the trainer and the parity tests.
/// </summary>
/// <remarks>Thread-safe for concurrent use with separate states; a state must not be shared across threads.</remarks>
public sealed class ReferenceModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly LayerParameters<T>[] _layers;
    private readonly T[] _headWeight, _headBias;

    /// <summary>Converts <paramref name="weights"/> to <typeparamref name="T"/>.</summary>
    public ReferenceModel(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Spec = weights.Spec;
        _layers = new LayerParameters<T>[Spec.Layers];
        for (int k = 0; k < Spec.Layers; k++)
            _layers[k] = new LayerParameters<T>(weights.Layers[k], Spec.LayerInputSize(k), Spec.HiddenSize);
        _headWeight = LayerParameters<T>.Convert(weights.HeadWeight);
        _headBias = LayerParameters<T>.Convert(weights.HeadBias);
    }

    /// <summary>The model's shape.</summary>
    public ModelSpec Spec { get; }

    /// <summary>A zero state, as PyTorch uses when no initial state is given.</summary>
    public ReferenceState<T> CreateState() => new(Spec.Layers, Spec.HiddenSize, Spec.Cell == CellKind.Lstm);

    /// <summary>Advances every layer by one time step: layer 0 reads <paramref name="input"/> (length I), layer k reads layer k − 1's new h.</summary>
    public void Step(ReadOnlySpan<T> input, ReferenceState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (input.Length != Spec.InputSize)
            throw new ArgumentException($"Input has {input.Length} value(s); the model reads {Spec.InputSize}.", nameof(input));

        ReadOnlySpan<T> x = input;
        for (int k = 0; k < _layers.Length; k++)
        {
            Span<T> h = state.Hidden(k);
            if (Spec.Cell == CellKind.Gru)
            {
                ReferenceCells.GruStep(_layers[k], x, h, state.HiddenScratch);
            }
            else
            {
                Span<T> c = state.Cell(k);
                ReferenceCells.LstmStep(_layers[k], x, h, c, state.HiddenScratch, state.CellScratch);
                state.CellScratch.CopyTo(c);
            }
            state.HiddenScratch.CopyTo(h);
            x = h;
        }
    }

    /// <summary>Applies the dense head to the top layer's hidden state: <paramref name="output"/> (length O) = W h_top + b.</summary>
    public void Predict(ReferenceState<T> state, Span<T> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (output.Length != Spec.OutputSize)
            throw new ArgumentException($"Output has {output.Length} value(s); the head produces {Spec.OutputSize}.", nameof(output));
        ReferenceCells.Dense<T>(_headWeight, _headBias, state.Hidden(Spec.Layers - 1), output);
    }

    /// <summary>
    /// Runs a sequence of <c>sequence.Length / I</c> steps (row-major [T, I]) from <paramref name="state"/>.
    /// If <paramref name="topHidden"/> is not empty it receives the top layer's h after every step ([T, H]),
    /// which is what <c>nn.GRU</c>/<c>nn.LSTM</c> return as their output.
    /// </summary>
    public void Run(ReadOnlySpan<T> sequence, ReferenceState<T> state, Span<T> topHidden = default)
    {
        int steps = StepCount(sequence);
        if (!topHidden.IsEmpty && topHidden.Length != steps * Spec.HiddenSize)
            throw new ArgumentException($"topHidden has {topHidden.Length} value(s); {steps} step(s) × H={Spec.HiddenSize} are needed.", nameof(topHidden));
        for (int t = 0; t < steps; t++)
        {
            Step(sequence.Slice(t * Spec.InputSize, Spec.InputSize), state);
            if (!topHidden.IsEmpty)
                state.Hidden(Spec.Layers - 1).CopyTo(topHidden.Slice(t * Spec.HiddenSize, Spec.HiddenSize));
        }
    }

    /// <summary>Forecast from a window: zero state → run the window ([T, I], T ≥ 1) → head.</summary>
    public void Forecast(ReadOnlySpan<T> window, Span<T> output)
    {
        if (StepCount(window) == 0)
            throw new ArgumentException("The window holds no time step.", nameof(window));
        var state = CreateState();
        Run(window, state);
        Predict(state, output);
    }

    private int StepCount(ReadOnlySpan<T> sequence)
    {
        if (sequence.Length % Spec.InputSize != 0)
            throw new ArgumentException($"A sequence of {sequence.Length} value(s) is not a whole number of steps of I={Spec.InputSize}.", nameof(sequence));
        return sequence.Length / Spec.InputSize;
    }
}
