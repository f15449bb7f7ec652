using System.Collections.Generic;
using System.Globalization;
using System.IO;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>The scores as a plain table: one row per forecaster and split.</summary>
internal static class ScoreTable
{
    public static void Write(TextWriter writer, IReadOnlyList<ForecasterScores> scores)
    {
        writer.WriteLine("scores (MSE / MAE on the standardised scale; MASE against the seasonal naive of the training rows)");
        writer.WriteLine($"  {"forecaster",-22} {"split",-10} {"windows",8} {"MSE",9} {"MAE",9} {"MASE",7}");
        foreach (var forecaster in scores)
        {
            string name = forecaster.Period is int p && forecaster.Name == "seasonal_naive" ? $"seasonal_naive (p={p})" : forecaster.Name;
            foreach (var (split, s) in forecaster.Splits)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-22} {MetricsReport.Name(split),-10} {s.Windows,8} {s.Mse,9:F4} {s.Mae,9:F4} {(s.Mase is double m ? m.ToString("F3", CultureInfo.InvariantCulture) : "-"),7}"));
            }
        }
    }
}
