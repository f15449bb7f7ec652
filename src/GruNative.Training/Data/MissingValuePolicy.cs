namespace GruNative.Training.Data;

/// <summary>
/// What the CSV reader does with a missing cell: an empty field, or one of the markers <c>NaN</c>, <c>NA</c>,
/// <c>N/A</c>, <c>#N/A</c>, <c>null</c>, <c>None</c>, <c>Inf</c>, <c>Infinity</c>, <c>∞</c> (any case, optional sign).
/// Text that is neither a number nor a missing marker is always an error: filling it would hide a wrong column or a
/// locale's decimal comma.
/// </summary>
public enum MissingValuePolicy
{
    /// <summary>A missing cell is an error naming the file, line and column (the default).</summary>
    Error,

    /// <summary>
    /// A missing cell takes the column's last value above it. A gap at the top of a column has no value to carry and is
    /// an error.
    /// </summary>
    ForwardFill,

    /// <summary>
    /// A run of missing cells is interpolated linearly, by row position, between the values above and below it
    /// (timestamps are not read). A gap at the top or the bottom of a column has no neighbour on one side and is an error.
    /// </summary>
    LinearInterpolation,
}
