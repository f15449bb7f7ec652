using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GruNative.Cli.Comparison;

/// <summary>
/// <c>sweep.json</c>: what every run of a sweep folder shares — the data and its preparation, and the training options
/// except the seed. A sweep resumes into a folder only when these match, so finished runs are reused only when they were
/// trained the way the new command would train them; the grid itself may grow or shrink between invocations.
/// </summary>
internal static class SweepManifest
{
    public const string FileName = "sweep.json";

    /// <summary>
    /// Writes the manifest into <paramref name="folder"/>, or checks the one already there.
    /// </summary>
    /// <returns>True when the folder already held this sweep (finished runs may be reused).</returns>
    /// <exception cref="InvalidDataException">The folder holds another sweep; the message lists what differs.</exception>
    public static bool WriteOrCheck(string folder, IReadOnlyDictionary<string, string> settings)
    {
        string path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            var existing = Read(path);
            var differences = settings.Keys.Union(existing.Keys).Order(StringComparer.Ordinal)
                .Where(k => settings.GetValueOrDefault(k) != existing.GetValueOrDefault(k))
                .Select(k => $"{k}: {existing.GetValueOrDefault(k) ?? "(absent)"} there, {settings.GetValueOrDefault(k) ?? "(absent)"} now")
                .ToList();
            if (differences.Count > 0)
                throw new InvalidDataException(
                    $"{folder} holds a sweep trained differently ({string.Join("; ", differences)}). Use another --output folder, or delete this one.");
            return true;
        }
        Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            json.WriteStartObject();
            foreach (var (key, value) in settings.OrderBy(p => p.Key, StringComparer.Ordinal))
                json.WriteString(key, value);
            json.WriteEndObject();
        });
        return false;
    }

    private static Dictionary<string, string> Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is damaged ({e.Message}); delete the folder to start the sweep again.", e);
        }
    }
}
