namespace GruNative;

/// <summary>
/// Per-window normalisation (RevIN-style, without learned affine parameters): a reference level is taken from each
/// lookback window, per input column, subtracted from that column's inputs before the model and added back to the
/// forecasts of the same column after the head. It applies after standardisation, in standardised units, and lets a
/// model trained on one level of a drifting series forecast at another.
/// </summary>
/// <remarks>
/// <para>Every target column must also be an input column (true of the S, M and MS modes): its reference level is the
/// one taken from that input column.</para>
/// <para>Calendar columns (<see cref="CalendarFeatures.IsCalendarColumn"/>) are exempt: their level is 0, so they go in
/// as computed and standardised. Subtracting a window's last value or mean from a phase would erase the position in the
/// cycle that the model reads them for.</para>
/// </remarks>
public enum WindowNormalization
{
    /// <summary>Inputs and forecasts are used as they are.</summary>
    None,

    /// <summary>The reference level is the window's last value of each column.</summary>
    LastValue,

    /// <summary>The reference level is the window's mean of each column.</summary>
    Mean,

    /// <summary>
    /// The reference is a classical decomposition of each column's window: a linear trend plus m seasonal means (m =
    /// <see cref="Preprocessing.SeasonLength"/>), fitted by least squares to the window (which must hold at least two
    /// seasons). The window minus its fit goes in; the fit extended over the horizon — a seasonal naive forecast with
    /// drift, smoothed over the window's seasons — is added to the forecasts, so the model learns the residual over that
    /// baseline. On a log (Box–Cox λ = 0) column the decomposition is multiplicative in the data's units.
    /// </summary>
    Seasonal,
}
