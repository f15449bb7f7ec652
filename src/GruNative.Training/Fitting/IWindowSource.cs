using System;

namespace GruNative.Training.Fitting;

/// <summary>
/// The windows of one split as the training loop consumes them: each window is <see cref="Lookback"/> steps of
/// <see cref="InputSize"/> model inputs and <see cref="OutputSize"/> targets (step-major: step · targets + target),
/// already standardised and, when the model uses it, window-normalised.
/// </summary>
public interface IWindowSource
{
    /// <summary>Windows in the split.</summary>
    int Count { get; }

    /// <summary>Steps per window.</summary>
    int Lookback { get; }

    /// <summary>Model inputs per step (I).</summary>
    int InputSize { get; }

    /// <summary>Targets per window (O = horizon × target columns).</summary>
    int OutputSize { get; }

    /// <summary>
    /// Copies the windows <paramref name="windows"/> (indices in [0, <see cref="Count"/>)) into
    /// <paramref name="inputs"/> (windows × lookback × I) and <paramref name="targets"/> (windows × O).
    /// </summary>
    void Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets);
}
