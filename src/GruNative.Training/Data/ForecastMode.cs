namespace GruNative.Training.Data;

/// <summary>
/// Which columns a forecaster reads and which it forecasts, named as in the Informer/DLinear papers. Calendar columns
/// (<see cref="CalendarFeatures"/>) are read in every mode and forecast in none.
/// </summary>
public enum ForecastMode
{
    /// <summary>Univariate: the target column(s) in and out (and the calendar columns in).</summary>
    S,

    /// <summary>Multivariate: every column of the table in and every column but the calendar ones out, in table order.</summary>
    M,

    /// <summary>Multivariate to univariate: every column of the table in, the target column(s) out.</summary>
    MS,
}
