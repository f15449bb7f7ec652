namespace GruNative.TorchParity.Tests;

/// <summary>
/// What one engine computed for one sequence, widened to double so that float and double engines compare on
/// equal terms (widening a float is exact, so it neither creates nor hides a difference).
/// </summary>
/// <param name="TopHidden">The top layer's h after every step, [T, H]: what <c>nn.GRU</c>/<c>nn.LSTM</c> return as output.</param>
/// <param name="Forecast">The head applied to the last step's top-layer h, [O].</param>
/// <param name="FinalHidden">Every layer's h after the last step ([L][H], <c>h_n</c>).</param>
/// <param name="FinalCell">Every layer's c after the last step ([L][H], <c>c_n</c>; empty for GRU).</param>
public sealed record ForwardOutputs(double[] TopHidden, double[] Forecast, double[][] FinalHidden, double[][] FinalCell)
{
    /// <summary>The largest |a − b| over every value of every output, and where it occurred.</summary>
    public static Delta MaxDelta(ForwardOutputs a, ForwardOutputs b)
    {
        Assert.Equal(a.FinalHidden.Length, b.FinalHidden.Length);
        Assert.Equal(a.FinalCell.Length, b.FinalCell.Length);
        int hidden = a.FinalHidden[0].Length;
        var worst = Compare("output", a.TopHidden, b.TopHidden, rowWidth: hidden);
        worst = Delta.Max(worst, Compare("forecast", a.Forecast, b.Forecast));
        for (int k = 0; k < a.FinalHidden.Length; k++)
            worst = Delta.Max(worst, Compare($"h_n[{k}]", a.FinalHidden[k], b.FinalHidden[k]));
        for (int k = 0; k < a.FinalCell.Length; k++)
            worst = Delta.Max(worst, Compare($"c_n[{k}]", a.FinalCell[k], b.FinalCell[k]));
        return worst;
    }

    /// <summary>
    /// The largest |a[i] − b[i]|; NaN counts as infinitely far, so it can never pass a bound. With
    /// <paramref name="rowWidth"/> the element is reported as [t, j] of a [T, width] matrix.
    /// </summary>
    private static Delta Compare(string name, double[] a, double[] b, int rowWidth = 0)
    {
        Assert.True(a.Length == b.Length, $"{name}: {a.Length} value(s) vs {b.Length}; the engines disagree on the shape.");
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
