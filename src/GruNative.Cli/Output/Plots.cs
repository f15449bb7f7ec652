using System.Collections.Generic;
using System.Linq;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>The two charts <c>train</c> draws (ScottPlot, PNG).</summary>
internal static class Plots
{
    /// <summary>Training and validation MSE per epoch, log scale, the best epoch marked.</summary>
    public static void Loss(IReadOnlyList<EpochReport> history, int bestEpoch, string path)
    {
        var plot = new ScottPlot.Plot();
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, history.Select(h => System.Math.Log10(h.TrainMse)).ToArray());
        train.LegendText = "train MSE";
        var validation = plot.Add.Scatter(epochs, history.Select(h => System.Math.Log10(h.ValidationMse)).ToArray());
        validation.LegendText = "validation MSE";
        var best = plot.Add.VerticalLine(bestEpoch);
        best.LegendText = $"best (epoch {bestEpoch})";
        best.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Title("Loss per epoch (standardised scale)");
        plot.XLabel("epoch");
        plot.YLabel("log10 MSE");
        plot.ShowLegend();
        plot.SavePng(path, 900, 450);
    }

    /// <summary>
    /// A stretch of the test split: the actual series and the model's forecasts made from consecutive origins, with each
    /// baseline's forecasts from the same origins (one list per baseline, one array per stretch) dashed.
    /// </summary>
    public static void Forecast(string target, IReadOnlyList<(int Start, double[] Forecast, double[] Actual)> stretches,
        IReadOnlyList<(string Label, IReadOnlyList<double[]> Forecasts)> baselines, string path,
        (string Label, IReadOnlyList<(double[] Lower, double[] Upper)> Bounds)? band = null)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        // The model's prediction interval first, so every line is drawn over it.
        if (band is { } interval)
        {
            for (int i = 0; i < stretches.Count; i++)
            {
                var (lower, upper) = interval.Bounds[i];
                double[] xs = Enumerable.Range(stretches[i].Start, lower.Length).Select(x => (double)x).ToArray();
                var fill = plot.Add.FillY(xs, lower, upper);
                fill.FillColor = ScottPlot.Colors.OrangeRed.WithAlpha(0.18);
                fill.LineColor = ScottPlot.Colors.Transparent;
                if (i == 0)
                    fill.LegendText = interval.Label;
            }
        }
        for (int b = 0; b < baselines.Count; b++)
        {
            var color = palette.GetColor(b + 2);
            for (int i = 0; i < stretches.Count; i++)
            {
                var values = baselines[b].Forecasts[i];
                var line = plot.Add.Scatter(Enumerable.Range(stretches[i].Start, values.Length).Select(x => (double)x).ToArray(), values);
                line.Color = color;
                line.MarkerSize = 0;
                line.LinePattern = ScottPlot.LinePattern.Dashed;
                if (i == 0)
                    line.LegendText = baselines[b].Label;
            }
        }
        bool first = true;
        foreach (var (start, forecast, actual) in stretches)
        {
            double[] xs = Enumerable.Range(start, actual.Length).Select(x => (double)x).ToArray();
            var a = plot.Add.Scatter(xs, actual);
            a.Color = ScottPlot.Colors.Black;
            a.MarkerSize = 0;
            var f = plot.Add.Scatter(xs, forecast);
            f.Color = ScottPlot.Colors.OrangeRed;
            f.MarkerSize = 0;
            if (first)
            {
                a.LegendText = "actual";
                f.LegendText = "model forecast";
                first = false;
            }
        }
        plot.Title($"Test split: {target}, forecasts from consecutive origins");
        plot.XLabel("step within the test split");
        plot.YLabel(target);
        plot.ShowLegend();
        plot.SavePng(path, 1000, 450);
    }
}
