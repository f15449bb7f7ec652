using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Diagnostics;

/// <summary>
/// <c>--bench N</c>: times the model alone on this device — N pushes into the History, then N forecasts from it, after a
/// warm-up — on a fixed, varied input (no parsing, no I/O, no save), and prints the mean time of each. The push is what
/// every observation costs; a forecast re-runs the 14 input segments and the 4 output ones, whatever came before.
/// </summary>
internal static class ForecastTimer
{
    public static void Run(TextWriter output, long count)
    {
        OilTemperatureForecaster model = OilTemperatureForecaster.Baked;
        const int Inputs = 1024;
        var inputs = new float[Inputs];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = MathF.Sin(0.37f * i);   // standardised-looking values in [-1, 1]
        var forecast = new float[OilTemperatureForecaster.OutputSize];
        var history = new OilTemperatureForecaster.History();

        for (int t = 0; t < OilTemperatureForecaster.Lookback; t++)
            history.Push(inputs.AsSpan(t, 1));
        for (int t = 0; t < 20_000; t++)   // warm-up: under the JIT, lets tiered compilation reach the optimised code
        {
            history.Push(inputs.AsSpan(t % Inputs, 1));
            if (t % 20 == 0)
                model.Forecast(in history, forecast);
        }

        long start = Stopwatch.GetTimestamp();
        for (long t = 0; t < count; t++)
            history.Push(inputs.AsSpan((int)(t % Inputs), 1));
        TimeSpan pushTime = Stopwatch.GetElapsedTime(start);

        start = Stopwatch.GetTimestamp();
        for (long t = 0; t < count; t++)
            model.Forecast(in history, forecast);
        TimeSpan forecastTime = Stopwatch.GetElapsedTime(start);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeFacts.CompilationMode}, kernel {RuntimeReport.KernelPath}, {count} calls: Push {pushTime.TotalNanoseconds / count:F1} ns, Forecast {forecastTime.TotalNanoseconds / count:F0} ns"));
    }
}
