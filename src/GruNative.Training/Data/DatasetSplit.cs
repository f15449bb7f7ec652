namespace GruNative.Training.Data;

/// <summary>One of the three chronological parts of a series.</summary>
public enum DatasetSplit
{
    /// <summary>The first rows: fitted on, and the only rows the standardisation statistics come from.</summary>
    Train,

    /// <summary>The rows after the training rows: model selection and early stopping.</summary>
    Validation,

    /// <summary>The rows after the validation rows: the reported error.</summary>
    Test,
}
