using System;
using System.Numerics;

namespace GruNative.Training.Network;

/// <summary>The value and derivative of a <see cref="ForecastLoss"/> over a block of forecasts.</summary>
internal static class ForecastLossFunction
{
    /// <summary>
    /// Returns Σ loss(y_i − target_i) and writes ∂(that sum)/∂y_i to <paramref name="gradient"/>. Summed in index order,
    /// so the value is deterministic.
    /// </summary>
    /// <param name="loss">Which loss.</param>
    /// <param name="parameter">δ of <see cref="ForecastLoss.Huber"/>, τ of <see cref="ForecastLoss.Pinball"/>; unread by the others.</param>
    /// <param name="outputs">The forecasts y.</param>
    /// <param name="targets">The targets, as many.</param>
    /// <param name="gradient">Receives ∂loss/∂y, as many.</param>
    public static T Evaluate<T>(ForecastLoss loss, T parameter, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        T half = T.CreateChecked(0.5);
        T huberDelta = parameter, above = T.One - parameter, below = -parameter;  // δ; pinball's slopes for e > 0 and e < 0
        for (int i = 0; i < outputs.Length; i++)
        {
            T error = outputs[i] - targets[i];
            switch (loss)
            {
                case ForecastLoss.SquaredError:
                    sum += error * error;
                    gradient[i] = error + error;
                    break;
                case ForecastLoss.AbsoluteError:
                    sum += T.Abs(error);
                    gradient[i] = SignOf(error);
                    break;
                case ForecastLoss.Pinball:
                    // A NaN error takes the last branch, so a diverged batch still gives a NaN loss.
                    T slope = error > T.Zero ? above : error < T.Zero ? below : error == T.Zero ? T.Zero : error;
                    sum += slope * error;
                    gradient[i] = slope;
                    break;
                default:
                    T magnitude = T.Abs(error);
                    if (magnitude <= huberDelta)
                    {
                        sum += half * error * error;
                        gradient[i] = error;
                    }
                    else
                    {
                        sum += huberDelta * (magnitude - half * huberDelta);
                        gradient[i] = huberDelta * SignOf(error);
                    }
                    break;
            }
        }
        return sum;
    }

    /// <summary>Throws unless <paramref name="loss"/> is a defined loss, δ is positive and finite, and τ lies in (0, 1) (both are checked, whichever loss reads them).</summary>
    /// <exception cref="ArgumentOutOfRangeException">One of them is out of range.</exception>
    public static void CheckParameters(ForecastLoss loss, double huberDelta, double quantile)
    {
        if (!Enum.IsDefined(loss))
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        if (!(huberDelta > 0 && double.IsFinite(huberDelta)))
            throw new ArgumentOutOfRangeException(nameof(huberDelta), huberDelta, "The Huber δ must be positive and finite.");
        if (!(quantile > 0 && quantile < 1))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile level must lie in (0, 1).");
    }

    // sign(e), 0 at 0. Not T.Sign, which throws on NaN: a diverged batch must give a NaN loss, not an exception.
    private static T SignOf<T>(T error) where T : IFloatingPointIeee754<T> =>
        error > T.Zero ? T.One : error < T.Zero ? -T.One : T.Zero;
}
