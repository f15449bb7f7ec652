using System;
using System.Collections.Generic;
using System.Globalization;

namespace GruNative.Training.Network;

/// <summary>The losses' names as the command line, checkpoints and metrics.json spell them.</summary>
public static class ForecastLossNames
{
    /// <summary>
    /// Writes a run's loss into its checkpoint fingerprint: <c>loss</c>, with <c>huber_delta</c> for the Huber loss and
    /// <c>quantile</c> for the pinball loss (the only losses that read them).
    /// </summary>
    public static void AddTo(IDictionary<string, string> fingerprint, ForecastLoss loss, double huberDelta, double quantile)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        fingerprint["loss"] = Of(loss);
        if (loss == ForecastLoss.Huber)
            fingerprint["huber_delta"] = huberDelta.ToString("R", CultureInfo.InvariantCulture);
        if (loss == ForecastLoss.Pinball)
            fingerprint["quantile"] = quantile.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>mse, mae, huber or pinball.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined loss.</exception>
    public static string Of(ForecastLoss loss) => loss switch
    {
        ForecastLoss.SquaredError => "mse",
        ForecastLoss.AbsoluteError => "mae",
        ForecastLoss.Huber => "huber",
        ForecastLoss.Pinball => "pinball",
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };
}
