using System;

namespace GruNative.Training.Data;

/// <summary>
/// A <see cref="SplitPlan"/> resolved for one series and one window shape: the rows of each split and the windows that
/// belong to it. The splits are contiguous from row 0 (train, then validation, then test); rows after
/// <see cref="UsedRows"/> are not used.
/// </summary>
/// <remarks>
/// A window starting at row s reads rows [s, s + L) and forecasts rows [s + L, s + L + T). It belongs to the split that
/// holds all its forecast rows, so a validation or test window may look back into the rows before its split; windows
/// slide by one row. A split of n rows therefore has n − T + 1 windows (n − L − T + 1 for the training split, which
/// has no rows before it).
/// </remarks>
public sealed class SplitLayout
{
    internal SplitLayout(RowRange train, RowRange validation, RowRange test, int lookback, int horizon)
    {
        Train = train;
        Validation = validation;
        Test = test;
        Lookback = lookback;
        Horizon = horizon;
    }

    /// <summary>The training rows, from row 0.</summary>
    public RowRange Train { get; }

    /// <summary>The validation rows, right after the training rows (may be empty).</summary>
    public RowRange Validation { get; }

    /// <summary>The test rows, right after the validation rows (may be empty).</summary>
    public RowRange Test { get; }

    /// <summary>L: steps each window reads.</summary>
    public int Lookback { get; }

    /// <summary>T: steps each window forecasts.</summary>
    public int Horizon { get; }

    /// <summary>Rows the splits cover, from row 0.</summary>
    public int UsedRows => Test.End;

    /// <summary>The rows of <paramref name="split"/>.</summary>
    public RowRange Rows(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => Train,
        DatasetSplit.Validation => Validation,
        DatasetSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>
    /// The windows of <paramref name="split"/>, as the range of their start rows (the row of each window's first input):
    /// window i of the split starts at row <c>Start + i</c>.
    /// </summary>
    public RowRange Windows(DatasetSplit split)
    {
        var rows = Rows(split);
        int first = Math.Max(0, rows.Start - Lookback);
        int last = rows.End - Lookback - Horizon;
        return new RowRange(first, Math.Max(0, last - first + 1));
    }

    /// <summary>For example <c>train [0, 8640), validation [8640, 11520), test [11520, 14400)</c>.</summary>
    public override string ToString() => $"train {Train}, validation {Validation}, test {Test}";
}
