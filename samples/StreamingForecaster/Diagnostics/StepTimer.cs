using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Diagnostics;

/// <summary>
/// <c>--bench N</c>: times the model alone on this device — N calls of Step, then N of Predict, after a warm-up — on a
/// fixed, varied input (no parsing, no I/O), and prints the mean time per call. With <c>--sensors S</c> each call steps
/// (or forecasts) all S sensors' states at once, as a gateway's line does, and the time per sensor is printed too.
/// </summary>
internal static class StepTimer
{
    public static void Run(TextWriter output, long steps, int sensors = 1)
    {
        SensorForecaster model = SensorForecaster.Baked;
        const int Lines = 1024;
        int lineInputs = sensors * SensorForecaster.InputSize;
        var inputs = new float[Lines * lineInputs];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = MathF.Sin(0.37f * i);   // standardised-looking values in [-1, 1]
        var forecasts = new float[sensors * SensorForecaster.OutputSize];
        var states = new SensorForecaster.State[sensors];

        for (int t = 0; t < 20_000; t++)   // warm-up: under the JIT, lets tiered compilation reach the optimised code
            model.Step(inputs.AsSpan(t % Lines * lineInputs, lineInputs), states);

        long start = Stopwatch.GetTimestamp();
        for (long t = 0; t < steps; t++)
            model.Step(inputs.AsSpan((int)(t % Lines) * lineInputs, lineInputs), states);
        double stepNs = Stopwatch.GetElapsedTime(start).TotalNanoseconds / steps;

        start = Stopwatch.GetTimestamp();
        for (long t = 0; t < steps; t++)
            model.Predict(states, forecasts);
        double predictNs = Stopwatch.GetElapsedTime(start).TotalNanoseconds / steps;

        string perSensor = sensors == 1 ? "" : $"; per sensor: Step {stepNs / sensors:F0} ns, Predict {predictNs / sensors:F0} ns";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeFacts.CompilationMode}, kernel {RuntimeReport.KernelPath}, {steps} calls{(sensors == 1 ? "" : $" over {sensors} sensors")}: Step {stepNs:F0} ns, Predict {predictNs:F0} ns{perSensor}"));
    }
}
