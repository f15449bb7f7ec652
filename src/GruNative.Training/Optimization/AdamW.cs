using System;

namespace GruNative.Training.Optimization;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter, "AdamW"), PyTorch's <c>torch.optim.AdamW</c> update:
/// p ← p − lr·λ·p, then m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², p ← p − lr·m̂ / (√v̂ + ε) with the bias-corrected
/// moments m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ). With λ = 0 it is plain Adam.
/// </summary>
/// <remarks>
/// The moments are kept in float64, so the update does not lose the small second moments of rarely-moving weights;
/// every operation runs element by element in a fixed order, so the same gradients give bit-identical parameters.
/// </remarks>
public sealed class AdamW
{
    private readonly double[] _m;
    private readonly double[] _v;

    /// <summary>Creates an optimiser for <paramref name="parameterCount"/> parameters.</summary>
    public AdamW(int parameterCount, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        if (!(beta1 >= 0 && beta1 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must lie in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must lie in [0, 1).");
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive.");
        if (!(weightDecay >= 0 && double.IsFinite(weightDecay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be finite and not negative.");
        _m = new double[parameterCount];
        _v = new double[parameterCount];
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>Decay rate of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to √v̂ to keep the step finite.</summary>
    public double Epsilon { get; }

    /// <summary>Decoupled weight decay λ (0: none).</summary>
    public double WeightDecay { get; }

    /// <summary>Updates taken so far (t).</summary>
    public long Steps { get; private set; }

    /// <summary>The first moments, one per parameter (for checkpoints).</summary>
    public ReadOnlySpan<double> FirstMoments => _m;

    /// <summary>The second moments, one per parameter (for checkpoints).</summary>
    public ReadOnlySpan<double> SecondMoments => _v;

    /// <summary>Applies one update with learning rate <paramref name="learningRate"/> to <paramref name="parameters"/>.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
            throw new ArgumentException($"The optimiser holds {_m.Length} parameters; got {parameters.Length} parameters and {gradient.Length} gradients.");
        if (!(learningRate >= 0 && double.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and not negative.");
        Steps++;
        double correction1 = 1 - Math.Pow(Beta1, Steps), correction2 = 1 - Math.Pow(Beta2, Steps);
        double decay = 1 - learningRate * WeightDecay;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            double m = _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
            double v = _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
            double p = parameters[i] * decay;
            parameters[i] = (float)(p - learningRate * (m / correction1) / (Math.Sqrt(v / correction2) + Epsilon));
        }
    }

    /// <summary>Restores the moments and step count saved from an optimiser of the same size.</summary>
    public void Restore(ReadOnlySpan<double> firstMoments, ReadOnlySpan<double> secondMoments, long steps)
    {
        if (firstMoments.Length != _m.Length || secondMoments.Length != _v.Length)
            throw new ArgumentException($"The optimiser holds {_m.Length} parameters; the saved moments hold {firstMoments.Length} and {secondMoments.Length}.");
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        firstMoments.CopyTo(_m);
        secondMoments.CopyTo(_v);
        Steps = steps;
    }
}
