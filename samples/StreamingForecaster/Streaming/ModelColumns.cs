using System;
using System.Linq;
using GruNative;

namespace StreamingForecaster.Streaming;

/// <summary>
/// The model's columns as its weights describe them: the preprocessing whose scalers turn each observation into inputs
/// and each output into a forecast, with the name of each input, in input order, and of each forecast target. Weights
/// without that metadata get unit scalers named x1…xI and y1…, so raw values go in and out.
/// </summary>
internal sealed class ModelColumns
{
    private ModelColumns(Preprocessing preprocessing) => Preprocessing = preprocessing;

    /// <summary>The scalers of the inputs and of the targets (never empty), and the horizon when the weights say it.</summary>
    public Preprocessing Preprocessing { get; }

    /// <summary>The input columns' names, in input order.</summary>
    public string[] InputNames => Preprocessing.InputColumns.Select(c => c.Name).ToArray();

    /// <summary>The target columns' names, in output order.</summary>
    public string[] TargetNames => Preprocessing.TargetColumns.Select(c => c.Name).ToArray();

    /// <exception cref="NotSupportedException">The model was trained with per-window normalisation, which needs whole windows.</exception>
    public static ModelColumns Of(ModelSpec spec, Preprocessing? preprocessing)
    {
        if (preprocessing is { WindowNormalization: not WindowNormalization.None })
        {
            throw new NotSupportedException(
                $"The model was trained with per-window normalisation ({preprocessing.WindowNormalization}): it forecasts from whole "
                + "windows run from a zero state, not from a state streamed step by step. Train it with --window-norm None to stream it.");
        }
        ColumnScaler[] inputs = preprocessing is { InputColumns.Count: > 0 }
            ? preprocessing.InputColumns.ToArray()
            : Enumerable.Range(1, spec.InputSize).Select(i => new ColumnScaler($"x{i}", 0, 1)).ToArray();
        ColumnScaler[] targets = preprocessing is { TargetColumns.Count: > 0 }
            ? preprocessing.TargetColumns.ToArray()
            : Enumerable.Range(1, spec.OutputSize / (preprocessing?.Horizon ?? spec.OutputSize)).Select(i => new ColumnScaler($"y{i}", 0, 1)).ToArray();
        return new ModelColumns(new Preprocessing(inputs, targets, preprocessing?.Lookback, preprocessing?.Horizon));
    }
}
