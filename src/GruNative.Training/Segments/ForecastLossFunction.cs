using System;
using System.Numerics;

namespace GruNative.Training.Segments;

/// <summary>The value and derivative of a <see cref="ForecastLoss"/> over a block of forecasts.</summary>
internal static class ForecastLossFunction
{
    /// <summary>
    /// Returns Σ loss(y_i − target_i) and writes ∂(that sum)/∂y_i to <paramref name="gradient"/>. Summed in index order,
    /// so the value is deterministic.
    /// </summary>
    public static T Evaluate<T>(ForecastLoss loss, T huberDelta, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        T half = T.CreateChecked(0.5);
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

    // sign(e), 0 at 0. Not T.Sign, which throws on NaN: a diverged batch must give a NaN loss, not an exception.
    private static T SignOf<T>(T error) where T : IFloatingPointIeee754<T> =>
        error > T.Zero ? T.One : error < T.Zero ? -T.One : T.Zero;
}
