using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace GruNative.Cli.Comparison;

/// <summary>
/// <c>speed.json</c>: the generated kernels' measured speed per shape, so a resumed sweep does not measure again. The
/// entries are kept only for the machine that measured them (host name, CPU count, architecture and runtime).
/// </summary>
internal static class SpeedCache
{
    public const string FileName = "speed.json";

    private static string Machine =>
        $"{Environment.MachineName}; {Environment.ProcessorCount} CPU; {RuntimeInformation.ProcessArchitecture}; {RuntimeInformation.FrameworkDescription}";

    public static Dictionary<string, KernelSpeed> Load(string folder)
    {
        var speeds = new Dictionary<string, KernelSpeed>(StringComparer.Ordinal);
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return speeds;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.GetProperty("machine").GetString() != Machine)
                return speeds;   // measured elsewhere: measure again here
            foreach (var shape in document.RootElement.GetProperty("shapes").EnumerateObject())
            {
                speeds[shape.Name] = new KernelSpeed(shape.Value.GetProperty("ns_per_step").GetDouble(),
                    shape.Value.GetProperty("allocated_bytes_per_step").GetDouble(), shape.Value.GetProperty("vector_path").GetString() ?? "", shape.Value.GetProperty("jit_settled").GetBoolean());
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            speeds.Clear();   // a damaged cache only costs a new measurement
        }
        return speeds;
    }

    public static void Save(string folder, IReadOnlyDictionary<string, KernelSpeed> speeds) =>
        AtomicFile.Write(Path.Combine(folder, FileName), stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("machine", Machine);
            json.WriteStartObject("shapes");
            foreach (var (name, speed) in speeds)
            {
                json.WriteStartObject(name);
                json.WriteNumber("ns_per_step", speed.NanosecondsPerStep);
                json.WriteNumber("allocated_bytes_per_step", speed.AllocatedBytesPerStep);
                json.WriteString("vector_path", speed.VectorPath);
                json.WriteBoolean("jit_settled", speed.JitSettled);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
}
