using System;
using System.Collections.Generic;
using System.Linq;
using GruNative.Cli.Comparison;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>The charts of <c>compare</c> (ScottPlot, PNG): accuracy and cost against model size, one series per cell.</summary>
internal static class ComparePlots
{
    /// <summary>Test MSE (mean, error bars = spread over seeds) against parameters, with the baselines as lines.</summary>
    public static void Accuracy(IReadOnlyList<ShapeSummary> shapes, IReadOnlyList<ForecasterScores> baselines, string path)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (cell, series) in ByCell(shapes))
        {
            double[] xs = series.Select(s => Math.Log10(s.Parameters)).ToArray();
            var scatter = plot.Add.Scatter(xs, series.Select(s => s.TestMse.Mean).ToArray());
            scatter.LineWidth = 0;
            scatter.MarkerSize = 9;
            scatter.LegendText = cell;
            var bars = plot.Add.ErrorBar(xs, series.Select(s => s.TestMse.Mean).ToArray(), series.Select(s => s.TestMse.Spread).ToArray());
            bars.Color = scatter.Color;
            Label(plot, series, s => s.TestMse.Mean);
        }
        foreach (var b in baselines.Where(b => b.IsAvailable))
        {
            var line = plot.Add.HorizontalLine(b.Splits[DatasetSplit.Test].Mse);
            line.LinePattern = ScottPlot.LinePattern.Dashed;
            line.LegendText = CompareReport.BaselineName(b);
        }
        Frame(plot);
        plot.Title("Test MSE against model size (mean ± spread over seeds)");
        plot.XLabel("log10 parameters");
        plot.YLabel("test MSE (standardised)");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 550);
    }

    /// <summary>Training seconds, or generated-kernel ns/step, against parameters.</summary>
    public static void Cost(IReadOnlyList<ShapeSummary> shapes, bool inference, string path)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (cell, all) in ByCell(shapes))
        {
            var series = inference ? all.Where(s => s.Speed is not null).ToList() : all;
            if (series.Count == 0)
                continue;
            Func<ShapeSummary, double> y = inference ? s => s.Speed!.NanosecondsPerStep : s => s.TrainingSeconds.Mean;
            var scatter = plot.Add.Scatter(series.Select(s => Math.Log10(s.Parameters)).ToArray(), series.Select(y).ToArray());
            scatter.LineWidth = 0;
            scatter.MarkerSize = 9;
            scatter.LegendText = cell;
            Label(plot, series, y);
        }
        Frame(plot);
        plot.Title(inference ? "Generated kernel: ns per step (Step + Predict)" : "Training time (mean over seeds)");
        plot.XLabel("log10 parameters");
        plot.YLabel(inference ? "ns/step" : "seconds");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 550);
    }

    // Room on the right for the last point's label, and the legend in the top corner, where the points seldom are
    // (a baseline line may run there; a point hidden under the legend is worse).
    private static void Frame(ScottPlot.Plot plot)
    {
        plot.Axes.Margins(horizontal: 0.12, vertical: 0.1);
        plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
    }

    private static IEnumerable<(string Cell, List<ShapeSummary> Shapes)> ByCell(IReadOnlyList<ShapeSummary> shapes) =>
        shapes.GroupBy(s => (s.Shape.Architecture, s.Shape.Cell))
            .Select(g => ((g.Key.Architecture == Commands.ModelArchitecture.SegRnn ? "SegRNN " : "") + g.Key.Cell.ToString().ToUpperInvariant(), g.OrderBy(s => s.Parameters).ToList()));

    private static void Label(ScottPlot.Plot plot, IEnumerable<ShapeSummary> series, Func<ShapeSummary, double> y)
    {
        foreach (var s in series)
        {
            var text = plot.Add.Text(s.Shape.IsSegment ? $"d{s.Shape.Hidden}" : $"L{s.Shape.Layers} H{s.Shape.Hidden}", Math.Log10(s.Parameters), y(s));
            text.LabelFontSize = 11;
            text.OffsetX = 6;
        }
    }
}
