using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace StreamingForecaster.Diagnostics;

/// <summary>
/// <c>--bench N</c>: times the model alone on this device — N calls of Step, then N of Predict, after a warm-up — on a
/// fixed, varied input (no parsing, no I/O), and prints the mean time per call.
/// </summary>
internal static class StepTimer
{
    public static void Run(TextWriter output, long steps)
    {
        SensorForecaster model = SensorForecaster.Baked;
        const int Inputs = 1024;
        var inputs = new float[Inputs * SensorForecaster.InputSize];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = MathF.Sin(0.37f * i);   // standardised-looking values in [-1, 1]
        var forecast = new float[SensorForecaster.OutputSize];
        var state = new SensorForecaster.State();

        for (int t = 0; t < 20_000; t++)   // warm-up: under the JIT, lets tiered compilation reach the optimised code
            model.Step(inputs.AsSpan(t % Inputs * SensorForecaster.InputSize, SensorForecaster.InputSize), ref state);

        long start = Stopwatch.GetTimestamp();
        for (long t = 0; t < steps; t++)
            model.Step(inputs.AsSpan((int)(t % Inputs) * SensorForecaster.InputSize, SensorForecaster.InputSize), ref state);
        TimeSpan stepTime = Stopwatch.GetElapsedTime(start);

        start = Stopwatch.GetTimestamp();
        for (long t = 0; t < steps; t++)
            model.Predict(in state, forecast);
        TimeSpan predictTime = Stopwatch.GetElapsedTime(start);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeReport.CompilationMode}, kernel {RuntimeReport.KernelPath}, {steps} calls: Step {stepTime.TotalNanoseconds / steps:F0} ns, Predict {predictTime.TotalNanoseconds / steps:F0} ns"));
    }
}
