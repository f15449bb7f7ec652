using System;
using System.Globalization;
using System.IO;
using GruNative;
using SegmentForecaster.Persistence;
using SegmentForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Diagnostics;

/// <summary>What <c>--info</c> prints: the model, how this binary was compiled (JIT or NativeAOT) and the vector path its kernel runs.</summary>
internal static class RuntimeReport
{
    /// <summary>
    /// The path <c>VectorPath.Auto</c> takes: the widest width the runtime accelerates. A NativeAOT binary fixes it at
    /// compile time from its instruction set: x64's default (x86-64-v2) has no AVX2, so it runs Vector128 even on an AVX2
    /// machine unless published with IlcInstructionSet=x86-64-v3 or native.
    /// </summary>
    public static string KernelPath => OilTemperatureForecaster.ActivePath.ToString();

    /// <summary>Writes the report, one "name: value" line per fact.</summary>
    public static void Write(TextWriter output, ModelIdentity model, Preprocessing preprocessing)
    {
        SegmentModelSpec spec = model.Spec;
        void Line(string name, object value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
        Line("model", $"{spec}, {spec.ParameterCount} parameters, {spec.FlopsPerForecast} FLOPs per forecast ({spec.InputSegments} input segments re-run each time)");
        Line("input", $"{preprocessing.InputColumns[0].Name}, the last {spec.Lookback} observations");
        Line("forecast", $"{preprocessing.TargetColumns[0].Name}, {spec.Horizon} steps ahead");
        Line("intervals", preprocessing.Intervals is { } intervals
            ? $"{IntervalLevels.Describe(intervals)}, split conformal, one offset per step{(intervals.TrackingRate is null ? "" : ", tracked online")} (--intervals writes them)"
            : "none");
        Line("weights", $"baked from model.weights.json, sha256 {Convert.ToHexStringLower(model.WeightsSha256)}");
        Line("runtime", RuntimeFacts.Runtime);
        Line("kernel", KernelPath);
        foreach (var (name, supported) in RuntimeFacts.InstructionSets)
            Line(name, supported);
        Line("state file", $"format {HistoryFile.FormatVersion}, {HistoryFile.FileLength(spec.Lookback * Math.Max(spec.Channels, 1))} bytes when the history is full");
    }
}
