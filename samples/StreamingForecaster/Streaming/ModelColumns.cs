using System;
using System.Linq;
using GruNative;

namespace StreamingForecaster.Streaming;

/// <summary>
/// The model's columns as its weights describe them: the scaler and name of each input, in input order, and of each
/// forecast target. Weights without that metadata get unit scalers named x1…xI and y1…, so raw values go in and out.
/// </summary>
internal sealed record ModelColumns(ColumnScaler[] Inputs, ColumnScaler[] Targets)
{
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
        return new ModelColumns(inputs, targets);
    }

    /// <summary>The input columns' names, in input order.</summary>
    public string[] InputNames => Inputs.Select(c => c.Name).ToArray();
}
