using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using StreamingForecaster.Persistence;
using StreamingForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Diagnostics;

/// <summary>
/// What <c>--info</c> prints — the model, how this binary was compiled (JIT or NativeAOT) and which vector width and
/// instruction sets its kernel runs with — and the peak memory <c>--report-memory</c> prints at exit.
/// </summary>
internal static class RuntimeReport
{
    /// <summary>
    /// The path the generated code's <c>VectorPath.Auto</c> takes: the widest width the runtime accelerates. A NativeAOT
    /// binary decides this at compile time from its instruction set: x64's default, x86-64-v2, has no AVX2, so the
    /// 128-bit path runs even on an AVX2 machine unless it is published with IlcInstructionSet=x86-64-v3 or native.
    /// </summary>
    public static string KernelPath =>
        Vector512.IsHardwareAccelerated ? "Vector512"
        : Vector256.IsHardwareAccelerated ? "Vector256"
        : Vector128.IsHardwareAccelerated ? "Vector128"
        : "Scalar";

    /// <summary>Writes the report, one "name: value" line per fact.</summary>
    public static void Write(TextWriter output, ModelFingerprint model, ModelColumns columns)
    {
        var spec = model.Spec;
        void Line(string name, object value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
        Line("model", $"{spec}, {spec.ParameterCount} parameters, {spec.FlopsPerStep} FLOPs per step");
        Line("inputs", string.Join(", ", columns.InputNames));
        Line("forecast", $"{string.Join(", ", columns.TargetNames)}, {spec.OutputSize / columns.TargetNames.Length} steps ahead");
        Line("intervals", columns.Preprocessing.Intervals switch
        {
            null => "none",
            { ScaleSteps: int steps } => $"{Levels(columns.Preprocessing.Intervals)}, scale-adaptive over {steps} steps (not streamed by this program)",
            { TrackingRate: double rate } intervals => $"{Levels(intervals)}, split conformal, one offset per step, tracked online at rate {rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (--intervals writes them)",
            var intervals => $"{Levels(intervals)}, split conformal, one offset per step (--intervals writes them)",
        });
        Line("weights", $"baked from model.weights.json, sha256 {Convert.ToHexStringLower(model.WeightsSha256)}");
        Line("runtime", RuntimeFacts.Runtime);
        Line("kernel", KernelPath);
        Line("Vector512.IsHardwareAccelerated", Vector512.IsHardwareAccelerated);
        Line("Vector256.IsHardwareAccelerated", Vector256.IsHardwareAccelerated);
        Line("Vector128.IsHardwareAccelerated", Vector128.IsHardwareAccelerated);
        foreach (var (name, supported) in RuntimeFacts.InstructionSets)
            Line(name, supported);
        Line("state file", $"format {StateFile.FormatVersion}, {StateFile.FileLength(spec.StateSize)} bytes");
    }

    private static string Levels(GruNative.PredictionIntervals intervals) => string.Join(", ", intervals.Levels.Select(l => ModelColumns.Percent(l) + " %"));

    /// <summary>Peak and current resident memory from /proc/self/status (Linux), e.g. "peak RSS 7312 kB, RSS 7120 kB".</summary>
    public static string DescribeMemory()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
            return "memory: unavailable (no /proc/self/status)";
        string peak = "?", current = "?";
        foreach (string line in File.ReadLines(Status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = line[6..].Trim();
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                current = line[6..].Trim();
        }
        return $"memory: peak RSS {peak}, RSS {current}";
    }
}
