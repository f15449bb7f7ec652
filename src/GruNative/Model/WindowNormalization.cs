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
}
