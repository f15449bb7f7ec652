using System;
using System.IO;
using System.Text;

namespace GruNative;

/// <summary>
/// Reads and writes a <see cref="SegmentModelWeights"/> as GruNative's JSON weights file — the text twin of
/// <see cref="SafeTensorsSegmentWeights"/>' file, with the same tensor names, shapes and metadata, in the format of
/// <see cref="JsonWeights"/> (numbers in the shortest form that round-trips, read with exact rounding).
/// </summary>
/// <remarks>
/// The window sizes work as in <see cref="SafeTensorsSegmentWeights"/> (<see cref="SegmentWindowSizes"/>): needed from
/// the caller only when the file does not say them (the horizon only with recurrent decoding), and checked against the
/// file when both give them.
/// </remarks>
public static class JsonSegmentWeights
{
    /// <summary>Reads a model from JSON text.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">Names the text in error messages.</param>
    /// <param name="sizes">The window sizes the caller knows (<c>default</c> when the file says them).</param>
    /// <exception cref="WeightsFormatException">The text is not a valid segment model (the message gives line and column for a syntax error), or contradicts <paramref name="sizes"/>.</exception>
    public static SegmentModelWeights Parse(string json, string sourceName, SegmentWindowSizes sizes)
    {
        var (tensors, metadata) = JsonWeights.ParseTensors(json, sourceName);
        return SegmentModelTensors.ToModel(tensors, metadata, sourceName, sizes);
    }

    /// <summary>Reads a model whose file says its lookback and horizon (one GruNative wrote).</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid segment model, or does not say a size the tensors cannot tell.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SegmentModelWeights Read(string path) => Read(path, default);

    /// <summary>Reads a model from a JSON weights file, with the window sizes the caller knows.</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid segment model, or contradicts <paramref name="sizes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SegmentModelWeights Read(string path, SegmentWindowSizes sizes) =>
        Parse(File.ReadAllText(path, Encoding.UTF8), path, sizes);

    /// <summary>The model as JSON text: metadata first, then every tensor in state_dict order.</summary>
    public static string Format(SegmentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return JsonWeights.Format(SegmentModelTensors.FromModel(weights), WeightsMetadata.Encode(weights));
    }

    /// <summary>Saves the model as a JSON weights file, atomically and durably (<see cref="AtomicFile"/>).</summary>
    public static void Save(SegmentModelWeights weights, string path) => JsonWeights.SaveText(Format(weights), path);
}
