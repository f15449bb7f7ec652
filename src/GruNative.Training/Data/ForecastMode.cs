namespace GruNative.Training.Data;

/// <summary>Which columns a forecaster reads and which it forecasts, named as in the Informer/DLinear papers.</summary>
public enum ForecastMode
{
    /// <summary>Univariate: the target column(s) only, in and out.</summary>
    S,

    /// <summary>Multivariate: every column of the table in and out, in table order.</summary>
    M,

    /// <summary>Multivariate to univariate: every column of the table in, the target column(s) out.</summary>
    MS,
}
