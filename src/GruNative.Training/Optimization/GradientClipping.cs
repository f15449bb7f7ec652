using System;

namespace GruNative.Training.Optimization;

/// <summary>Gradient clipping by global norm, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales <paramref name="gradient"/> so its Euclidean norm is at most <paramref name="maxNorm"/> (when it is
    /// larger) and returns the norm before clipping. The norm is summed in float64, in index order.
    /// </summary>
    /// <exception cref="ArithmeticException">The gradient holds NaN or infinity: the step would destroy the model.</exception>
    public static double ClipByGlobalNorm(Span<float> gradient, double maxNorm)
    {
        if (!(maxNorm > 0))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be positive.");
        double sum = 0;
        foreach (float g in gradient)
            sum += (double)g * g;
        double norm = Math.Sqrt(sum);
        if (!double.IsFinite(norm))
            throw new ArithmeticException("The gradient is not finite (NaN or infinity); lower the learning rate or check the data.");
        if (norm > maxNorm)
        {
            float scale = (float)(maxNorm / (norm + 1e-6));
            for (int i = 0; i < gradient.Length; i++)
                gradient[i] *= scale;
        }
        return norm;
    }
}
