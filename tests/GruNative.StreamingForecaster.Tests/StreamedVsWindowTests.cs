using System.Globalization;
using Xunit.Abstractions;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// The premise of the sample: the model was trained on 96-hour windows from a zero state, and the program streams it
/// over its whole history instead. On the test split of the series it was trained on, the two give nearly the same
/// forecasts and the same score (Model/README.md quotes these figures).
/// </summary>
public class StreamedVsWindowTests(ITestOutputHelper output)
{
    [Fact]
    public void StreamingTheStateForecastsAsWellAsRunningTheLast96Hours()
    {
        const int Lookback = 96, Horizon = 24, TestStart = 1728;   // the trainer's 0.7/0.1/0.2 split of 2,160 rows
        double[][] rows = SampleModel.Observations(24 * 90, seed: 1);   // the training series itself
        float[][] inputs = rows.Select(SampleModel.Standardise).ToArray();
        SensorForecaster model = SensorForecaster.Baked;
        var state = new SensorForecaster.State();
        var streamed = new float[Horizon];
        var windowed = new float[Horizon];
        double streamedError = 0, windowError = 0, maxDifference = 0;
        int forecasts = 0;
        for (int t = 0; t + Horizon < rows.Length; t++)
        {
            model.Step(inputs[t], ref state);
            if (t + 1 - Lookback < TestStart)
                continue;
            model.Predict(in state, streamed);
            model.Forecast(inputs[(t + 1 - Lookback)..(t + 1)].SelectMany(x => x).ToArray(), windowed);
            for (int k = 0; k < Horizon; k++)
            {
                double truth = inputs[t + 1 + k][0];   // temperature, standardised
                streamedError += Math.Pow(streamed[k] - truth, 2);
                windowError += Math.Pow(windowed[k] - truth, 2);
                maxDifference = Math.Max(maxDifference, Math.Abs(streamed[k] - windowed[k]));
            }
            forecasts++;
        }
        double streamedMse = streamedError / (forecasts * Horizon), windowMse = windowError / (forecasts * Horizon);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{forecasts} forecasts: MSE streamed {streamedMse:F4}, from the last 96 hours {windowMse:F4}; max |streamed − window| {maxDifference:F4} (standardised)"));
        Assert.True(maxDifference < 0.05, $"streamed and window forecasts differ by {maxDifference}");
        Assert.True(Math.Abs(streamedMse - windowMse) < 0.05 * windowMse, $"MSE {streamedMse} streamed vs {windowMse}");
    }
}
