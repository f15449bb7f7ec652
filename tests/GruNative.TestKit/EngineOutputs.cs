using System;
using System.Numerics;

namespace GruNative.TestKit;

/// <summary>
/// What one engine computed for one sequence, widened to double so that float and double engines compare
/// on equal terms (widening a float is exact, so no difference is created or hidden by it).
/// </summary>
/// <param name="TopHidden">The top layer's h after every step, [T, H] — what <c>nn.GRU</c>/<c>nn.LSTM</c> return.</param>
/// <param name="Forecast">The head applied to the top layer's last h, [O].</param>
/// <param name="FinalHidden">Each layer's h after the last step, [L][H].</param>
/// <param name="FinalCell">Each layer's c after the last step, [L][H] (LSTM; empty for GRU).</param>
public sealed record EngineOutputs(double[] TopHidden, double[] Forecast, double[][] FinalHidden, double[][] FinalCell)
{
    /// <summary>The largest |a − b| over every value of every output, and where it occurred.</summary>
    public static Delta MaxDelta(EngineOutputs a, EngineOutputs b)
    {
        var worst = Delta.None;
        int hidden = a.FinalHidden[0].Length;
        worst = Delta.Max(worst, Compare("top_hidden", a.TopHidden, b.TopHidden, rowWidth: hidden));
        worst = Delta.Max(worst, Compare("forecast", a.Forecast, b.Forecast));
        for (int k = 0; k < a.FinalHidden.Length; k++)
            worst = Delta.Max(worst, Compare($"final_h{k}", a.FinalHidden[k], b.FinalHidden[k]));
        for (int k = 0; k < a.FinalCell.Length; k++)
            worst = Delta.Max(worst, Compare($"final_c{k}", a.FinalCell[k], b.FinalCell[k]));
        return worst;
    }

    /// <summary>The same values in double, exactly (the one widening every test project uses).</summary>
    public static double[] Widen<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            widened[i] = double.CreateChecked(values[i]);
        return widened;
    }

    /// <summary>
    /// Compares two tensors element by element; a NaN counts as an infinite difference. With
    /// <paramref name="rowWidth"/> the place is reported as [t, j] of a [T, width] matrix.
    /// </summary>
    private static Delta Compare(string name, double[] a, double[] b, int rowWidth = 0)
    {
        if (a.Length != b.Length)
            throw new InvalidOperationException($"{name}: {a.Length} value(s) vs {b.Length}; the engines disagree on the shape.");
        var worst = Delta.None;
        for (int i = 0; i < a.Length; i++)
        {
            double difference = Math.Abs(a[i] - b[i]);
            if (double.IsNaN(difference))
                difference = double.PositiveInfinity;
            if (difference > worst.Value)
                worst = new Delta(difference, rowWidth > 0 ? $"{name}[t={i / rowWidth}, j={i % rowWidth}]" : $"{name}[{i}]");
        }
        return worst;
    }
}

/// <summary>A largest absolute difference and the output element where it was seen.</summary>
public readonly record struct Delta(double Value, string Where)
{
    public static Delta None => new(0, "(nothing compared)");

    public static Delta Max(Delta a, Delta b) => b.Value > a.Value ? b : a;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value:E3} at {Where}");
}
